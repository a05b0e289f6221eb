#!/usr/bin/env bash
# Copies a Hugging Face model directory onto the workspace volume with a Kubernetes Job, so runs can name it as
# model.uri: file:///workspace/<namespace>/models/<name> (a namespace's runs may read only under
# /workspace/<namespace>). See --help and docs/hf-models.md.
set -euo pipefail
if ((BASH_VERSINFO[0] < 4 || BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 4)); then
  echo "error: needs bash 4.4 or newer (this is $BASH_VERSION)" >&2
  exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
JOB_SCRIPT="$HERE/model-to-workspace-job.sh"
KUBECTL=${KUBECTL:-kubectl}
DEFAULT_IMAGE=alignment-trainer:0.1.0
DEFAULT_URL_IMAGE=curlimages/curl:8.11.1
STEPS=/steps/model-to-workspace-job.sh
MAX_NAME=52 # the Job is model-copy-<name>, and a Job name must stay a 63-character label value

usage() {
  cat <<'USAGE'
Usage: hack/model-to-workspace.sh --name NAME SOURCE [options]

Copies a Hugging Face model directory (config.json, *.safetensors, tokenizer.json, tokenizer_config.json,
generation_config.json) onto the workspace volume at /workspace/NAMESPACE/models/NAME with a Kubernetes Job, waits
for it and prints the uri to use as model.uri on its last line: file:///workspace/NAMESPACE/models/NAME (the
operator lets a namespace's runs read only under /workspace/NAMESPACE).

The Job writes to a hidden directory next to the target and renames it into place once the files are checked,
so a run never sees half a model. It runs as a non-root user under the restricted Pod Security profile.

SOURCE, exactly one kind:
  --from-image IMAGE:PATH   the directory PATH (absolute) inside IMAGE, copied by a container of that image
                            (it must have cp; files must be readable by the Job's uid)
  --from-pvc CLAIM:PATH     the directory PATH (relative to the claim's root) on the PersistentVolumeClaim CLAIM
                            in the same namespace, mounted read-only
  --from-url URL            a file over http(s); repeat for several files (e.g. each file of a model). A .tar,
                            .tgz or .tar.gz is unpacked; an archive holding one directory gives its contents
    --sha256 HEX            the sha256 of the file of the --from-url just before it; a mismatch fails the copy
    --token-secret NAME[:KEY]  send the Secret's key (default: token) as "Authorization: Bearer" (gated models)

Options:
  --name NAME               target directory under /workspace/NAMESPACE/models (lowercase letters, digits, '-'; at most 52)
  -n, --namespace NS        namespace of the Job and the claims (default: kubectl's current namespace)
  --claim CLAIM             the workspace PersistentVolumeClaim (default: alignment-workspace, as the chart's
                            trainer.workspaceClaim)
  --image IMAGE             image for the copy steps: needs sh, cp, find, tar, sha256sum and, for --from-url, curl
                            (default: alignment-trainer:0.1.0, the chart's trainer image, which every cluster running
                            the operator has; curlimages/curl:8.11.1 with --from-url, as the trainer image has no curl)
  --pull-policy POLICY      imagePullPolicy of every container: IfNotPresent (default), Always or Never
  --uid UID                 user and group id the Job runs as (default: 65532); the workspace must be writable by
                            it (the pod's fsGroup makes volumes that support it so)
  --timeout DURATION        give up after this long, e.g. 900s, 30m, 2h (default: 30m)
  --force                   replace an existing /workspace/NAMESPACE/models/NAME
  --dry-run                 print the Job's YAML and exit; nothing is sent to the cluster
  -h, --help                this text

Environment: KUBECTL (default: kubectl) and KUBECONFIG as kubectl reads them.

Examples:
  hack/model-to-workspace.sh --name qwen2-0-5b --from-pvc model-cache:hub/Qwen2-0.5B-Instruct
  hack/model-to-workspace.sh --name my-model --from-image registry.example.com/models/my-model:1.0:/model
  hack/model-to-workspace.sh --name smollm2-135m \
    --from-url https://example.com/smollm2-135m.tar.gz --sha256 <64 hex digits>

Exit status: 0 copied; 1 the copy failed (the Job's logs are printed); 2 bad arguments.
USAGE
}

die() { echo "error: $*" >&2; exit 1; }
bad_argument() { echo "error: $*" >&2; echo "see hack/model-to-workspace.sh --help" >&2; exit 2; }
log() { echo ">> $*" >&2; }

# A YAML single-quoted scalar: the only character to escape is the quote itself.
quote() { local s=${1//\'/\'\'}; printf "'%s'" "$s"; }

# For command, args and env values, where the kubelet expands $(VAR) and reduces $$ to $: every $ doubled.
literal() { quote "${1//\$/\$\$}"; }

no_control_characters() { # flag, value
  if [[ $2 =~ [[:cntrl:]] ]]; then bad_argument "$1: control characters (newlines, tabs) are not allowed"; fi
}

check_label() { # flag, value, max length: an RFC 1123 label
  no_control_characters "$1" "$2"
  if [[ ! $2 =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]] || ((${#2} > $3)); then
    bad_argument "$1 '$2' must be lowercase letters, digits and '-', start and end with a letter or digit, at most $3 characters"
  fi
}

check_object_name() { # flag, value: an RFC 1123 subdomain, as claims and Secrets are named
  no_control_characters "$1" "$2"
  if [[ ! $2 =~ ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$ ]] || ((${#2} > 253)); then
    bad_argument "$1 '$2' is not a Kubernetes object name (lowercase letters, digits, '-' and '.')"
  fi
}

check_path() { # flag, path: no '..' component, so a path cannot leave the directory it is relative to
  no_control_characters "$1" "$2"
  if [[ /$2/ == */../* ]]; then bad_argument "$1: the path '$2' must not contain '..'"; fi
}

check_image() { # flag, image
  no_control_characters "$1" "$2"
  if [[ -z $2 || $2 =~ [[:space:]] ]]; then bad_argument "$1: '$2' is not an image reference"; fi
}

name='' namespace='' claim=alignment-workspace image='' pull_policy=IfNotPresent uid=65532 timeout=30m force=false
dry_run=false source_kind='' source_image='' source_path='' source_claim='' token_secret='' token_key=token
urls=() files=() shas=()

set_source() { # kind
  [[ -z $source_kind || $source_kind == "$1" && $1 == url ]] ||
    bad_argument "give exactly one source: --from-image, --from-pvc or --from-url (repeatable)"
  source_kind=$1
}

needs_value() { [[ $# -ge 2 && $2 != --* ]] || bad_argument "$1 needs a value"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --name) needs_value "$@"; name=$2; shift 2 ;;
    -n | --namespace) needs_value "$@"; namespace=$2; shift 2 ;;
    --claim) needs_value "$@"; claim=$2; shift 2 ;;
    --image) needs_value "$@"; image=$2; shift 2 ;;
    --pull-policy) needs_value "$@"; pull_policy=$2; shift 2 ;;
    --uid) needs_value "$@"; uid=$2; shift 2 ;;
    --timeout) needs_value "$@"; timeout=$2; shift 2 ;;
    --force) force=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    --from-image)
      needs_value "$@"; set_source image
      [[ $2 == *:/* ]] || bad_argument "--from-image '$2' must be IMAGE:PATH with an absolute PATH, e.g. my/model:1.0:/model"
      source_image=${2%:/*} source_path=/${2##*:/}
      shift 2 ;;
    --from-pvc)
      needs_value "$@"; set_source pvc
      [[ $2 == *:* ]] || bad_argument "--from-pvc '$2' must be CLAIM:PATH, e.g. model-cache:hub/my-model"
      source_claim=${2%%:*} source_path=${2#*:}
      shift 2 ;;
    --from-url)
      needs_value "$@"; set_source url
      urls+=("$2") shas+=(-)
      shift 2 ;;
    --sha256)
      needs_value "$@"
      ((${#urls[@]} > 0)) || bad_argument "--sha256 must follow the --from-url whose file it checks"
      [[ ${shas[-1]} == - ]] || bad_argument "--sha256 given twice for ${urls[-1]}"
      [[ ${2,,} =~ ^[0-9a-f]{64}$ ]] || bad_argument "--sha256 '$2' must be 64 hexadecimal digits"
      shas[-1]=${2,,}
      shift 2 ;;
    --token-secret)
      needs_value "$@"; token_secret=${2%%:*}
      if [[ $2 == *:* ]]; then token_key=${2#*:}; fi
      shift 2 ;;
    *) bad_argument "unknown argument '$1'" ;;
  esac
done

[[ -n $name ]] || bad_argument "--name is required"
check_label --name "$name" "$MAX_NAME"
[[ -z $namespace ]] || check_label --namespace "$namespace" 63
if [[ -z $namespace ]]; then
  namespace=$("$KUBECTL" config view --minify --output 'jsonpath={..namespace}' 2>/dev/null || true)
  namespace=${namespace:-default}
fi
MODELS=/workspace/$namespace/models
check_object_name --claim "$claim"
[[ $pull_policy =~ ^(IfNotPresent|Always|Never)$ ]] || bad_argument "--pull-policy must be IfNotPresent, Always or Never"
if [[ ! $uid =~ ^[1-9][0-9]{0,9}$ ]] || ((uid > 2147483647)); then
  bad_argument "--uid '$uid' must be a user id above 0 (non-root)"
fi
[[ $timeout =~ ^([1-9][0-9]{0,6})([smh])$ ]] || bad_argument "--timeout '$timeout' must look like 900s, 30m or 2h"
case "${BASH_REMATCH[2]}" in s) timeout_s=${BASH_REMATCH[1]} ;; m) timeout_s=$((BASH_REMATCH[1] * 60)) ;; h) timeout_s=$((BASH_REMATCH[1] * 3600)) ;; esac
case "$source_kind" in
  image) check_image --from-image "$source_image"; check_path --from-image "$source_path" ;;
  pvc)
    check_object_name --from-pvc "$source_claim"
    check_path --from-pvc "$source_path"
    source_path=${source_path#/} ;;
  url)
    for i in "${!urls[@]}"; do
      no_control_characters --from-url "${urls[i]}"
      [[ ${urls[i]} =~ ^https?://[^/?#[:space:]]+/[^[:space:]]*$ ]] ||
        bad_argument "--from-url '${urls[i]}' must be an http:// or https:// URL naming a file"
      file=${urls[i]%%[?#]*}
      file=${file##*/}
      [[ $file =~ ^[A-Za-z0-9_][A-Za-z0-9._+-]*$ ]] ||
        bad_argument "--from-url '${urls[i]}' must end in a file name (letters, digits, '.', '_', '+', '-')"
      for other in "${files[@]}"; do [[ $other != "$file" ]] || bad_argument "two --from-url name the file $file"; done
      files+=("$file")
    done ;;
  *) bad_argument "give a source: --from-image IMAGE:PATH, --from-pvc CLAIM:PATH or --from-url URL" ;;
esac
if [[ -n $token_secret ]]; then
  [[ $source_kind == url ]] || bad_argument "--token-secret goes with --from-url"
  check_object_name --token-secret "$token_secret"
  [[ $token_key =~ ^[-._a-zA-Z0-9]+$ ]] || bad_argument "--token-secret key '$token_key' is not a Secret key"
fi
if [[ -z $image ]]; then
  if [[ $source_kind == url ]]; then image=$DEFAULT_URL_IMAGE; else image=$DEFAULT_IMAGE; fi
fi
check_image --image "$image"

job=model-copy-$name
staging=.$name.partial-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
source_mount=/source
if [[ $source_kind == pvc && $source_claim == "$claim" ]]; then source_mount=/workspace; fi

# ---- rendering ------------------------------------------------------------------------------------------------------

yaml_list() { # values...: a YAML flow sequence for command or args, taken literally
  local sep=
  printf '['
  for v in "$@"; do printf '%s' "$sep"; literal "$v"; sep=', '; done
  printf ']'
}

security_context() {
  cat <<YAML
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
YAML
}

resources() {
  cat <<YAML
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {memory: 512Mi}
YAML
}

mounts() {
  echo "        volumeMounts:"
  echo "        - {name: workspace, mountPath: /workspace}"
  echo "        - {name: steps, mountPath: /steps}"
  if [[ $source_kind == pvc && $source_mount == /source ]]; then
    echo "        - {name: source, mountPath: /source, readOnly: true}"
  fi
}

step_container() { # container name, step, arguments...: a step of the job script, run by the copy image's sh
  local container=$1
  shift
  cat <<YAML
      - name: $container
        image: $(quote "$image")
        imagePullPolicy: $pull_policy
YAML
  if [[ $container == prepare ]]; then
    # The first step puts the script where the later ones find it: it is in the Job once, in this variable.
    cat <<YAML
        command: $(yaml_list sh -c "printf '%s\n' \"\$JOB_SCRIPT\" > $STEPS && exec sh $STEPS \"\$@\"" sh)
        env:
        - name: JOB_SCRIPT
          value: |
$(sed -e 's/\$/$$/g' -e 's/^/            /' "$JOB_SCRIPT")
YAML
  else
    echo "        command: $(yaml_list sh "$STEPS")"
  fi
  echo "        args: $(yaml_list "$@")"
  if [[ $container == fetch && -n $token_secret ]]; then
    cat <<YAML
        env:
        - name: MODEL_TOKEN
          valueFrom:
            secretKeyRef: {name: $(quote "$token_secret"), key: $(quote "$token_key")}
YAML
  fi
  security_context
  resources
  mounts
}

fetch_container() {
  local args
  case "$source_kind" in
    pvc) step_container fetch fetch-dir "$source_mount/$source_path" "$MODELS" "$staging" ;;
    url)
      args=()
      for i in "${!urls[@]}"; do args+=("${urls[i]}" "${files[i]}" "${shas[i]}"); done
      step_container fetch fetch-url "$MODELS" "$staging" "${args[@]}" ;;
    image)
      # The source image's own cp: no shell or other tools needed there. -L: symlinks (a Hugging Face cache
      # snapshot is all links into its blobs) become the files they point to.
      cat <<YAML
      - name: fetch
        image: $(quote "$source_image")
        imagePullPolicy: $pull_policy
        command: $(yaml_list cp -RL "${source_path%/}/." "$MODELS/$staging/")
YAML
      security_context
      resources
      mounts ;;
  esac
}

render() {
  cat <<YAML
# Rendered by hack/model-to-workspace.sh: copies a model to $MODELS/$name on claim $claim.
apiVersion: batch/v1
kind: Job
metadata:
  name: $job
YAML
  [[ -z $namespace ]] || echo "  namespace: $(quote "$namespace")"
  cat <<YAML
  labels:
    app.kubernetes.io/name: model-to-workspace
    app.kubernetes.io/part-of: alignment-operator
    alignment.dev/model: $(quote "$name")
spec:
  backoffLimit: 0
  activeDeadlineSeconds: $timeout_s
  ttlSecondsAfterFinished: 86400
  template:
    metadata:
      labels:
        app.kubernetes.io/name: model-to-workspace
        alignment.dev/model: $(quote "$name")
    spec:
      restartPolicy: Never
      automountServiceAccountToken: false
      enableServiceLinks: false
      securityContext:
        runAsNonRoot: true
        runAsUser: $uid
        runAsGroup: $uid
        fsGroup: $uid
        fsGroupChangePolicy: OnRootMismatch
        seccompProfile: {type: RuntimeDefault}
      volumes:
      - name: workspace
        persistentVolumeClaim: {claimName: $(quote "$claim")}
      - name: steps
        emptyDir: {sizeLimit: 1Mi}
YAML
  if [[ $source_kind == pvc && $source_mount == /source ]]; then
    echo "      - name: source"
    echo "        persistentVolumeClaim: {claimName: $(quote "$source_claim"), readOnly: true}"
  fi
  echo "      initContainers:"
  step_container prepare prepare "$MODELS" "$name" "$staging" "$force"
  fetch_container
  echo "      containers:"
  step_container publish publish "$MODELS" "$name" "$staging" "$force"
}

if [[ $dry_run == true ]]; then
  render
  exit 0
fi

# ---- running --------------------------------------------------------------------------------------------------------

ns_args=()
[[ -z $namespace ]] || ns_args=(--namespace "$namespace")
k() { "$KUBECTL" "${ns_args[@]}" "$@"; }

command -v "$KUBECTL" >/dev/null || die "kubectl not found (set KUBECTL to its path)"
for c in "$claim" ${source_claim:+"$source_claim"}; do
  k get persistentvolumeclaim "$c" >/dev/null ||
    die "cannot read PersistentVolumeClaim $c${namespace:+ in namespace $namespace} (kubectl's message above)"
done
if [[ -n $token_secret ]]; then
  k get secret "$token_secret" >/dev/null ||
    die "cannot read Secret $token_secret${namespace:+ in namespace $namespace} (kubectl's message above)"
fi

# One copy per model name at a time: a finished Job of an earlier copy is replaced, a running one is not.
if k get job "$job" >/dev/null 2>&1; then
  finished=$(k get job "$job" -o jsonpath='{.status.conditions[?(@.status=="True")].type}')
  if [[ " $finished " != *" Complete "* && " $finished " != *" Failed "* ]]; then
    die "Job $job is still copying a model to $MODELS/$name; wait for it or delete it"
  fi
  k delete job "$job" --cascade=foreground --wait=true >/dev/null
fi

log "Job $job: $source_kind -> $MODELS/$name on claim $claim (image $image)"
render | k apply -f - >/dev/null

# Whichever comes first; the Job's own deadline (activeDeadlineSeconds) makes it Failed before these time out.
wait_timeout=$((timeout_s + 60))s
waits=()
stop_waits() { if ((${#waits[@]} > 0)); then kill "${waits[@]}" 2>/dev/null || true; fi; }
trap stop_waits EXIT
for condition in Complete Failed; do
  "$KUBECTL" "${ns_args[@]}" wait --for=condition="$condition" "job/$job" --timeout="$wait_timeout" >/dev/null 2>&1 &
  waits+=($!)
done
wait -n || true
stop_waits

conditions=$(k get job "$job" -o jsonpath='{.status.conditions[?(@.status=="True")].type}')
if [[ " $conditions " == *" Complete "* ]]; then
  k logs "job/$job" -c publish --pod-running-timeout=5s >&2 || true
  log "copied; use it as model.uri:"
  echo "file://$MODELS/$name"
  exit 0
fi
reason="no final condition after $wait_timeout"
if [[ " $conditions " == *" Failed "* ]]; then
  reason=$(k get job "$job" -o jsonpath='{.status.conditions[?(@.type=="Failed")].reason}: {.status.conditions[?(@.type=="Failed")].message}')
fi
echo "error: the copy failed (Job $job: $reason)" >&2
for container in prepare fetch publish; do
  k logs "job/$job" -c "$container" --prefix --pod-running-timeout=5s >&2 2>/dev/null || true
done
k get pods -l "batch.kubernetes.io/job-name=$job" -o jsonpath="$(printf '%s' \
  '{range .items[*].status.initContainerStatuses[*]}{.name}: {.state.waiting.reason}{.state.terminated.reason}{"\n"}{end}' \
  '{range .items[*].status.containerStatuses[*]}{.name}: {.state.waiting.reason}{.state.terminated.reason}{"\n"}{end}')" >&2 || true
exit 1
