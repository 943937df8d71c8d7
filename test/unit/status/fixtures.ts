/**
 * Realistic API objects for the status tests, shaped like what the API server returns for the
 * Admin Console objects (design §3). `merge` deep-merges overrides (arrays are replaced).
 */
type Json = Record<string, unknown>;

export function merge<T extends Json>(base: T, ...overrides: Json[]): T {
  const out: Json = structuredClone(base);
  for (const o of overrides) mergeInto(out, o);
  return out as T;
}

function mergeInto(target: Json, src: Json): void {
  for (const [k, v] of Object.entries(src)) {
    const cur = target[k];
    if (v && typeof v === "object" && !Array.isArray(v) && cur && typeof cur === "object" && !Array.isArray(cur)) {
      mergeInto(cur as Json, v as Json);
    } else {
      target[k] = structuredClone(v);
    }
  }
}

/** A fixed "now" for the time-dependent rules: 2024-05-01T12:00:00Z. */
export const NOW = Date.parse("2024-05-01T12:00:00Z");
/** RFC 3339 (second precision, like the API server) for NOW − `ms`. */
export function ago(ms: number): string {
  return new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const labels = { "kots.io/kotsadm": "true", "kots.io/backup": "velero" };

export const deployment: Json = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "kotsadm",
    namespace: "kots",
    uid: "6a1c3c0e-94c1-4a55-9d0e-0b7d5f0f8a11",
    generation: 1,
    creationTimestamp: ago(60_000),
    labels: { ...labels, app: "kotsadm" },
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "kotsadm" } },
    progressDeadlineSeconds: 600,
    revisionHistoryLimit: 10,
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
    template: {
      metadata: { labels: { ...labels, app: "kotsadm" } },
      spec: { containers: [{ name: "kotsadm", image: "kotsadm/kotsadm:v1.88.0" }] },
    },
  },
};

/** The Deployment once the controller has rolled it out. */
export const deploymentAvailable: Json = merge(deployment, {
  status: {
    observedGeneration: 1,
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
    conditions: [
      {
        type: "Available",
        status: "True",
        reason: "MinimumReplicasAvailable",
        message: "Deployment has minimum availability.",
        lastUpdateTime: ago(10_000),
        lastTransitionTime: ago(10_000),
      },
      {
        type: "Progressing",
        status: "True",
        reason: "NewReplicaSetAvailable",
        message: 'ReplicaSet "kotsadm-7c9f8d6b5d" has successfully progressed.',
        lastUpdateTime: ago(10_000),
        lastTransitionTime: ago(50_000),
      },
    ],
  },
});

export const statefulSet: Json = {
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: {
    name: "kotsadm-minio",
    namespace: "kots",
    uid: "0f3e1b52-8d0b-4a8e-9a3c-1d2c3b4a5f60",
    generation: 1,
    creationTimestamp: ago(60_000),
    labels,
  },
  spec: {
    replicas: 1,
    serviceName: "kotsadm-minio",
    podManagementPolicy: "OrderedReady",
    selector: { matchLabels: { app: "kotsadm-minio" } },
    updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
    template: {
      metadata: { labels: { ...labels, app: "kotsadm-minio" } },
      spec: { containers: [{ name: "kotsadm-minio", image: "minio/minio:RELEASE.2022-10-08T20-11-00Z" }] },
    },
    volumeClaimTemplates: [
      {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "kotsadm-minio" },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "4Gi" } } },
      },
    ],
  },
};

export const pod: Json = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "kotsadm-7c9f8d6b5d-x2k8q",
    generateName: "kotsadm-7c9f8d6b5d-",
    namespace: "kots",
    uid: "b3f0f3a4-5d6e-4f70-8a91-a2b3c4d5e6f7",
    creationTimestamp: ago(60_000),
    labels: { ...labels, app: "kotsadm", "pod-template-hash": "7c9f8d6b5d" },
    ownerReferences: [
      { apiVersion: "apps/v1", kind: "ReplicaSet", name: "kotsadm-7c9f8d6b5d", uid: "r", controller: true },
    ],
  },
  spec: {
    nodeName: "kwok-node-0",
    containers: [{ name: "kotsadm", image: "kotsadm/kotsadm:v1.88.0" }],
  },
};

/** A pod that is scheduled and Running, with its only container waiting (`reason`, `message`). */
export function podWaiting(reason: string, message?: string, extra: Json = {}): Json {
  return merge(pod, {
    status: {
      // Containers that never started leave the pod Pending; a crash-looping one has run before.
      phase: reason === "CrashLoopBackOff" ? "Running" : "Pending",
      conditions: [
        { type: "Initialized", status: "True", lastTransitionTime: ago(58_000) },
        {
          type: "Ready",
          status: "False",
          reason: "ContainersNotReady",
          message: "containers with unready status: [kotsadm]",
          lastTransitionTime: ago(58_000),
        },
        {
          type: "ContainersReady",
          status: "False",
          reason: "ContainersNotReady",
          message: "containers with unready status: [kotsadm]",
          lastTransitionTime: ago(58_000),
        },
        { type: "PodScheduled", status: "True", lastTransitionTime: ago(59_000) },
      ],
      containerStatuses: [
        {
          name: "kotsadm",
          image: "kotsadm/kotsadm:v1.88.0",
          imageID: "",
          ready: false,
          restartCount: 0,
          started: false,
          state: { waiting: message === undefined ? { reason } : { reason, message } },
          ...extra,
        },
      ],
    },
  });
}

/** A Pending pod the scheduler could not place, PodScheduled=False since `sinceMs` before NOW. */
export function podUnschedulable(sinceMs: number, message = "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."): Json {
  const p = merge(pod, {
    metadata: { creationTimestamp: ago(sinceMs) },
    status: {
      phase: "Pending",
      qosClass: "BestEffort",
      conditions: [
        { type: "PodScheduled", status: "False", reason: "Unschedulable", message, lastTransitionTime: ago(sinceMs) },
      ],
    },
  });
  delete (p.spec as Json).nodeName;
  return p;
}

export function event(over: Json): Json {
  return merge(
    {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "x.17c9a1b2c3d4e5f6", namespace: "kots", creationTimestamp: ago(5_000) },
      type: "Warning",
      count: 1,
      firstTimestamp: ago(5_000),
      lastTimestamp: ago(5_000),
      source: { component: "persistentvolume-controller" },
    },
    over,
  );
}
