#!/usr/bin/env bash
# Seeds a fresh kwok cluster: two fake linux/amd64 nodes, a default host-path StorageClass, the
# late-binding StorageClass of the realistic profile (scripts/kwok/realistic-profile.yaml) and the
# container logs kwok serves for its failing init container.
# Expects KUBECONFIG and PATH (kubectl) set by scripts/cluster, and KOTS_TUI_LOG_DIR.
set -euo pipefail
for n in kwok-node-0 kwok-node-1; do
  kubectl apply --server-side --field-manager=kots-tui-cluster -f - <<YAML
apiVersion: v1
kind: Node
metadata:
  name: $n
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/os: linux
    kubernetes.io/hostname: $n
    type: kwok
status:
  allocatable: {cpu: "8", memory: 32Gi, pods: "110", ephemeral-storage: 100Gi}
  capacity: {cpu: "8", memory: 32Gi, pods: "110", ephemeral-storage: 100Gi}
  nodeInfo:
    architecture: amd64
    operatingSystem: linux
    kubeletVersion: fake
    containerRuntimeVersion: fake://kwok
YAML
done
kubectl apply --server-side --field-manager=kots-tui-cluster -f - <<'YAML'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/host-path
reclaimPolicy: Delete
volumeBindingMode: Immediate
YAML
kubectl apply --server-side --field-manager=kots-tui-cluster -f - <<'YAML'
# PVCs of this class are bound 2-4 s late by kwok stages, as an external CSI provisioner binds them.
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: kots-tui-late-binding
provisioner: kots-tui.dev/late-binding
reclaimPolicy: Delete
volumeBindingMode: Immediate
YAML

# What schemahero-plan prints when Postgres does not answer (CRI log format, as a kubelet keeps it):
# kwok serves these files as the container's log and, with previous=true, its last instance's.
log_dir=${KOTS_TUI_LOG_DIR:?}
mkdir -p "$log_dir"
line() { printf '%s stderr F %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)" "$1"; }
{ line "Planning schema migrations"; line "Error: dial tcp 10.96.0.15:5432: connect: connection refused"; } > "$log_dir/schemahero-plan.previous.log"
cp "$log_dir/schemahero-plan.previous.log" "$log_dir/schemahero-plan.log"
kubectl apply --server-side --field-manager=kots-tui-cluster -f - <<YAML
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: kots-tui-schemahero-plan
spec:
  logs:
  - containers: [schemahero-plan]
    logsFile: $log_dir/schemahero-plan.log
    previousLogsFile: $log_dir/schemahero-plan.previous.log
YAML

# A loaded machine (several clusters starting at once) can take minutes to get here.
kubectl wait --for=condition=Ready node/kwok-node-0 node/kwok-node-1 --timeout=180s
