{{- define "alignment-operator.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "alignment-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "alignment-operator.labels" -}}
app.kubernetes.io/name: {{ include "alignment-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "alignment-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "alignment-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "alignment-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "alignment-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* What the operator does in a namespace it reconciles: exactly the verbs its code uses. */}}
{{- define "alignment-operator.namespacedRules" -}}
# Watch the four kinds; write only their status (server-side apply is a patch).
- apiGroups: [alignment.dev]
  resources: [preferencedatasets, rewardmodels, alignmentruns, alignmentsweeps]
  verbs: [get, list, watch]
- apiGroups: [alignment.dev]
  resources: [preferencedatasets/status, rewardmodels/status, alignmentruns/status, alignmentsweeps/status]
  verbs: [get, patch]
# A sweep creates its child runs and deletes those whose cell left the matrix.
- apiGroups: [alignment.dev]
  resources: [alignmentruns]
  verbs: [create, delete]
# Stage Jobs: watched, created per attempt, deleted on suspend.
- apiGroups: [batch]
  resources: [jobs]
  verbs: [get, list, watch, create, delete]
# Multi-pod stages and gangs, where the JobSet API is installed (harmless where it is not).
- apiGroups: [jobset.x-k8s.io]
  resources: [jobsets]
  verbs: [get, list, watch, create, delete]
# Stage configs are created; a dataset's source ConfigMap is read; a sweep's leaderboard table is applied
# (server-side) and its stale parts deleted.
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, create, patch, delete]
# The PPO critic's headless Service, applied (server-side) for each attempt.
- apiGroups: [""]
  resources: [services]
  verbs: [get, create, patch]
# Runs' trainer pods are watched (live progress); termination messages are read from finished pods.
- apiGroups: [""]
  resources: [pods]
  verbs: [list, watch]
- apiGroups: [""]
  resources: [events]
  verbs: [create]
# A Split PPO attempt's critic token: created, and read back to check its owner when it exists; never listed.
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, create]
{{- end -}}

{{/* The namespaces whose trainer pods get NetworkPolicies: the watched ones, else networkPolicy.namespaces. */}}
{{- define "alignment-operator.networkPolicyNamespaces" -}}
{{- $namespaces := .Values.watchNamespaces | default .Values.networkPolicy.namespaces -}}
{{- if not $namespaces -}}
{{- fail "networkPolicy.enabled needs the namespaces to put the policies in: set watchNamespaces, or networkPolicy.namespaces when the operator watches all namespaces (a NetworkPolicy is namespaced)" -}}
{{- end -}}
{{- toJson $namespaces -}}
{{- end -}}
