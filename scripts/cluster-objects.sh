#!/usr/bin/env bash
# Seeds a fresh kwok cluster: two fake linux/amd64 nodes and a default host-path StorageClass.
# Expects KUBECONFIG and PATH (kubectl) set by scripts/cluster.
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
kubectl wait --for=condition=Ready node/kwok-node-0 node/kwok-node-1 --timeout=60s
