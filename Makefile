# alignment-operator: the commands a newcomer needs. `make help` lists them.
SHELL := /bin/bash
MVN ?= mvn -B --no-transfer-progress

.PHONY: help prereqs k8s-binaries build crds test smoke demo bench bench-operator control-plane cluster images down clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

prereqs: ## Install missing tools (JDK 17, Maven, openssl, curl, Go, the cluster's and monitoring's packages) from the package registries
	@hack/prereqs.sh

k8s-binaries: prereqs ## Build kube-apiserver, kubectl and etcd from the Go module proxy (cached)
	@hack/build-k8s.sh >/dev/null

build: prereqs ## Build the CRDs and the operator jar (operator/target/alignment-operator.jar)
	$(MVN) -DskipTests install

crds: prereqs ## Regenerate the CRDs from the API classes and copy them into the chart
	$(MVN) -pl crds -DskipTests install
	cp crds/target/classes/META-INF/fabric8/*.yml charts/alignment-operator/crds/

test: prereqs k8s-binaries ## Unit and integration tests (real kube-apiserver + etcd), the TRL runtime's pytest, then the README smoke test
	$(MVN) verify
	trainer-image/trl/test.sh
	hack/smoke-control-plane.sh

smoke: ## The README's control-plane walk-through, scripted (needs `make build`)
	hack/smoke-control-plane.sh

control-plane: k8s-binaries ## Start etcd + kube-apiserver locally; prints the kubeconfig path
	@hack/cluster.sh up --control-plane-only

cluster: ## Start the single-node cluster (control plane, containerd, kubelet); prints the kubeconfig path
	@hack/cluster.sh up

images: ## Build the trainer and operator images on the local base and load them into the cluster
	@hack/images.sh

down: ## Stop the local cluster and the demo's Prometheus (their data stays)
	@hack/prometheus.sh stop
	@hack/cluster.sh down

demo: ## Local cluster, images, chart, Prometheus and the quickstart run with its results and dashboard pictures
	@hack/demo.sh

bench: prereqs ## Trainer vs a PyTorch-eager twin (tiny, small, GPT-2-small shape): tokens/s, FLOP/s, memory, start-up; PPO Colocated and Split
	$(MVN) -q -pl trainer-image -am -DskipTests package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
	  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	trainer-image/bench.sh

bench-operator: prereqs k8s-binaries ## Operator at scale: RUNS (10000) runs on a bare control plane; first-Job latency, API requests, CPU, RSS
	$(MVN) -q -pl operator -am -DskipTests package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
	  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	hack/bench-operator.sh

clean: ## Remove build outputs (the binary cache in ~/.cache/alignment-operator stays)
	$(MVN) -q clean
