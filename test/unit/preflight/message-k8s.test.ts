import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { GoTemplateError, GoTyped, renderGoTemplate } from "../../../src/preflight/app/message.ts";

/*
 * What Go's text/template sees for typed k8s objects decoded from JSON (corev1.Pod, corev1.Event,
 * appsv1.Deployment, corev1.Service; k8s.io/api v0.36.3 as troubleshoot v0.133.0 uses it),
 * executed the way troubleshoot's util.RenderTemplate does — by Go itself, over the engine's
 * mirrors of those types (templates/go/gotypes), decoded from the same JSON by encoding/json. Expected texts are Go 1.26's, checked
 * against a throwaway Go program that json.Unmarshals the same objects into the typed structs.
 * metav1.Time decodes into the local zone, so these run with TZ=UTC (as the peer here does).
 */

let savedTZ: string | undefined;
beforeAll(() => {
  savedTZ = process.env.TZ;
  process.env.TZ = "UTC";
});
afterAll(() => {
  if (savedTZ === undefined) delete process.env.TZ;
  else process.env.TZ = savedTZ;
});

function run(text: string, data: unknown): string {
  try {
    return renderGoTemplate(text, data);
  } catch (e) {
    if (e instanceof GoTemplateError) return `ERROR: ${e.message}`;
    throw e;
  }
}

const POD = {
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {
    "name": "web-1",
    "namespace": "prod",
    "uid": "abc-123",
    "labels": {
      "app": "web",
      "tier": "fe"
    },
    "creationTimestamp": "2026-12-01T22:44:08Z",
    "ownerReferences": [
      {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "name": "web-rs",
        "uid": "u1",
        "controller": true
      }
    ]
  },
  "spec": {
    "nodeName": "kwok-node-0",
    "containers": [
      {
        "name": "c1",
        "image": "nginx",
        "ports": [
          {
            "containerPort": 80
          }
        ],
        "resources": {
          "requests": {
            "cpu": "100m"
          }
        }
      }
    ],
    "restartPolicy": "Always"
  },
  "status": {
    "phase": "Pending",
    "reason": "Unschedulable",
    "podIP": "10.0.0.1",
    "startTime": "2026-12-01T22:44:09.5+02:00",
    "conditions": [
      {
        "type": "PodScheduled",
        "status": "False",
        "reason": "Unschedulable",
        "message": "0/2 nodes"
      }
    ],
    "containerStatuses": [
      {
        "name": "c1",
        "ready": false,
        "restartCount": 3,
        "image": "nginx",
        "imageID": "",
        "state": {
          "waiting": {
            "reason": "CrashLoopBackOff"
          }
        }
      }
    ]
  }
};

const EVENT = {
  "apiVersion": "v1",
  "kind": "Event",
  "metadata": {
    "name": "web-1.17a",
    "namespace": "prod",
    "creationTimestamp": "2026-12-01T22:44:08Z"
  },
  "involvedObject": {
    "kind": "Pod",
    "namespace": "prod",
    "name": "web-1",
    "uid": "abc",
    "apiVersion": "v1",
    "resourceVersion": "12",
    "fieldPath": "spec.containers{c1}"
  },
  "reason": "BackOff",
  "message": "Back-off restarting failed container",
  "source": {
    "component": "kubelet",
    "host": "kwok-node-0"
  },
  "firstTimestamp": "2026-12-01T22:40:00Z",
  "lastTimestamp": null,
  "count": 5,
  "type": "Warning",
  "eventTime": null,
  "reportingComponent": "kubelet",
  "reportingInstance": "kwok-node-0"
};

const DEPLOYMENT = {
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {
    "name": "web",
    "namespace": "prod",
    "generation": 3,
    "annotations": {
      "deployment.kubernetes.io/revision": "2"
    }
  },
  "spec": {
    "replicas": 3,
    "selector": {
      "matchLabels": {
        "app": "web"
      }
    },
    "strategy": {
      "type": "RollingUpdate",
      "rollingUpdate": {
        "maxUnavailable": "25%",
        "maxSurge": 1
      }
    },
    "template": {
      "metadata": {
        "labels": {
          "app": "web"
        }
      },
      "spec": {
        "containers": [
          {
            "name": "c",
            "image": "nginx"
          }
        ]
      }
    }
  },
  "status": {
    "observedGeneration": 3,
    "replicas": 3,
    "readyReplicas": 2,
    "availableReplicas": 2,
    "conditions": [
      {
        "type": "Available",
        "status": "True",
        "lastUpdateTime": "2026-12-01T22:44:08Z",
        "lastTransitionTime": "2026-12-01T22:44:08.123456Z",
        "reason": "MinimumReplicasAvailable",
        "message": "ok"
      }
    ]
  }
};

const SERVICE = {
  "apiVersion": "v1",
  "kind": "Service",
  "metadata": {
    "name": "api"
  },
  "spec": {
    "type": "ClusterIP",
    "clusterIP": "10.96.0.10",
    "clusterIPs": [
      "10.96.0.10"
    ],
    "externalIPs": [
      "1.2.3.4"
    ],
    "ports": [
      {
        "name": "http",
        "port": 80,
        "targetPort": 8080,
        "protocol": "TCP"
      },
      {
        "port": 443,
        "targetPort": "https"
      }
    ]
  }
};

describe("corev1.Pod", () => {
  const view = new GoTyped("v1.Pod", POD);
  test.each([
    ["{{ .Name }}", "web-1"],
    ["Pod {{ .Namespace }}/{{ .Name }} is {{ .Status.Phase }}", "Pod prod/web-1 is Pending"],
    ["{{ .Status.Reason }}", "Unschedulable"],
    ["{{ .ObjectMeta.Name }}", "web-1"],
    ["{{ .Kind }} {{ .APIVersion }}", "Pod v1"],
    ["{{ .TypeMeta.Kind }}", "Pod"],
    ["{{ .UID }}", "abc-123"],
    ["{{ .Labels }}", "map[app:web tier:fe]"],
    ["{{ .Labels.app }}", "web"],
    ["{{ .Labels.nope }}", "<no value>"],
    ["{{ index .Labels \"nope\" }}", ""],
    ["{{ .Annotations }}", "map[]"],
    ["{{ .CreationTimestamp }}", "2026-12-01 22:44:08 +0000 UTC"],
    ["{{ .CreationTimestamp.Time }}", "2026-12-01 22:44:08 +0000 UTC"],
    ["{{ .DeletionTimestamp }}", "<nil>"],
    ["{{ .Status.StartTime }}", "2026-12-01 20:44:09.5 +0000 UTC"],
    ["{{ .Spec.NodeName }}", "kwok-node-0"],
    ["{{ .Status.PodIP }}", "10.0.0.1"],
    ["{{ .Status.HostIP }}", ""],
    ["{{ .Spec.SecurityContext }}", "nil"],
    ["{{ .Spec.Priority }}", "<nil>"],
    ["{{ range .Status.ContainerStatuses }}{{ .Name }}:{{ .RestartCount }}:{{ .State.Waiting.Reason }}{{ end }}", "c1:3:CrashLoopBackOff"],
    ["{{ range .Status.Conditions }}{{ .Type }}={{ .Status }} {{ .LastTransitionTime }}{{ end }}", "PodScheduled=False 0001-01-01 00:00:00 +0000 UTC"],
    ["{{ if eq .Status.Phase \"Pending\" }}pending{{ end }}", "pending"],
    ["{{ len .Spec.Containers }}", "1"],
    ["{{ (index .Spec.Containers 0).Image }}", "nginx"],
    ["{{ (index .Spec.Containers 0).Ports }}", "[{ 0 80  }]"],
    ["{{ (index .OwnerReferences 0).Kind }}/{{ (index .OwnerReferences 0).Name }}", "ReplicaSet/web-rs"],
    ["{{ (index .OwnerReferences 0).BlockOwnerDeletion }}", "<nil>"],
    ["{{ .Status.HostIPs }}", "[]"],
    ["{{ .Generation }}", "0"],
    ["{{ eq .Generation 0 }}", "true"],
    ["{{ $x := .Status }}{{ $x.Phase }}", "Pending"],
    ["{{ with .Status.StartTime }}{{ .Time }}{{ end }}", "2026-12-01 20:44:09.5 +0000 UTC"],
    ["{{ if .Spec.TerminationGracePeriodSeconds }}y{{ else }}n{{ end }}", "n"],
    ["{{ quote .Status.Phase }}", "\"Pending\""],
    ["{{ printf \"%s\" .Status.Phase }}", "Pending"],
    ["{{ .Status.QOSClass }}", ""],
    ["{{ (index .Status.ContainerStatuses 0).ImageID }}|{{ (index .Status.ContainerStatuses 0).ContainerID }}", "|"],
    ["{{ (index .Status.ContainerStatuses 0).Started }}", "<nil>"],
    ["{{ .Status.Phase | lower }}", "ERROR: template: data:1:19: executing \"data\" at <lower>: wrong type for value; expected string; got v1.PodPhase"],
    ["{{ lower .Status.Phase }}", "ERROR: template: data:1:16: executing \"data\" at <.Status.Phase>: wrong type for value; expected string; got v1.PodPhase"],
    ["{{ .Foo }}", "ERROR: template: data:1:3: executing \"data\" at <.Foo>: can't evaluate field Foo in type v1.Pod"],
    ["{{ .Status.Foo }}", "ERROR: template: data:1:10: executing \"data\" at <.Status.Foo>: can't evaluate field Foo in type v1.PodStatus"],
    ["{{ .Spec.SecurityContext.RunAsUser }}", "ERROR: template: data:1:8: executing \"data\" at <.Spec.SecurityContext.RunAsUser>: nil pointer evaluating *v1.PodSecurityContext.RunAsUser"],
    ["{{ .Spec.Priority.X }}", "ERROR: template: data:1:8: executing \"data\" at <.Spec.Priority.X>: nil pointer evaluating *int32.X"],
    ["{{ .Status.ContainerStatuses.Name }}", "ERROR: template: data:1:10: executing \"data\" at <.Status.ContainerStatuses.Name>: can't evaluate field Name in type []v1.ContainerStatus"],
    ["{{ .Labels.app.x }}", "ERROR: template: data:1:10: executing \"data\" at <.Labels.app.x>: can't evaluate field x in type string"],
    ["{{ .Name.X }}", "ERROR: template: data:1:8: executing \"data\" at <.Name.X>: can't evaluate field X in type string"],
    ["{{ .Podip }}", "ERROR: template: data:1:3: executing \"data\" at <.Podip>: can't evaluate field Podip in type v1.Pod"],
    ["{{ (index .Spec.Containers 0).Resources.Requests.cpu }}", "ERROR: template: data:1:27: executing \"data\" at <0>: can't evaluate field cpu in type v1.ResourceList"],
    ["{{ index (index .Spec.Containers 0).Resources.Requests \"cpu\" }}", "ERROR: template: data:1:3: executing \"data\" at <index (index .Spec.Containers 0).Resources.Requests \"cpu\">: error calling index: value has type string; should be v1.ResourceName"],
    ["{{ eq .Spec.Priority 0 }}", "ERROR: template: data:1:3: executing \"data\" at <eq .Spec.Priority 0>: error calling eq: incompatible types for comparison: *int32 and int"],
  ])("%j → %j", (text, want) => {
    expect(run(text, view)).toBe(want);
  });
});

describe("corev1.Event", () => {
  const view = new GoTyped("v1.Event", EVENT);
  test.each([
    ["{{ .InvolvedObject.Name }}", "web-1"],
    ["{{ .InvolvedObject }}", "{Pod prod web-1 abc v1 12 spec.containers{c1}}"],
    ["{{ .Reason }}: {{ .Message }} ({{ .Count }}x)", "BackOff: Back-off restarting failed container (5x)"],
    ["{{ .FirstTimestamp }}", "2026-12-01 22:40:00 +0000 UTC"],
    ["{{ .LastTimestamp }}", "0001-01-01 00:00:00 +0000 UTC"],
    ["{{ .EventTime }}", "0001-01-01 00:00:00 +0000 UTC"],
    ["{{ .Source }}", "{kubelet kwok-node-0}"],
    ["{{ .Series }}", "nil"],
    ["{{ .Related }}", "nil"],
    ["{{ .ReportingController }}/{{ .ReportingInstance }}", "kubelet/kwok-node-0"],
    ["{{ eq .Count 5 }}", "true"],
    ["{{ gt .Count 3 }}", "true"],
    ["{{ . }}", "{{Event v1} {web-1.17a  prod    0 2026-12-01 22:44:08 +0000 UTC <nil> <nil> map[] map[] [] [] []} {Pod prod web-1 abc v1 12 spec.containers{c1}} BackOff Back-off restarting failed container {kubelet kwok-node-0} 2026-12-01 22:40:00 +0000 UTC 0001-01-01 00:00:00 +0000 UTC 5 Warning 0001-01-01 00:00:00 +0000 UTC nil  nil kubelet kwok-node-0}"],
    ["{{ .TypeMeta }}", "{Event v1}"],
    ["{{ range $k, $v := .Labels }}{{ $k }}{{ else }}none{{ end }}", "none"],
    ["{{ .InvolvedObject.UID }}", "abc"],
    ["{{ .InvolvedObject.APIVersion }}", "v1"],
    ["{{ .Count.X }}", "ERROR: template: data:1:9: executing \"data\" at <.Count.X>: can't evaluate field X in type int32"],
    ["{{ .InvolvedObject.FieldPath | upper }}", "SPEC.CONTAINERS{C1}"],
    ["{{ .Involvedobject }}", "ERROR: template: data:1:3: executing \"data\" at <.Involvedobject>: can't evaluate field Involvedobject in type v1.Event"],
    ["{{ len .Name }}", "9"],
    ["{{ index .Name 0 }}", "119"],
    ["{{ .Series.Count }}", "ERROR: template: data:1:10: executing \"data\" at <.Series.Count>: nil pointer evaluating *v1.EventSeries.Count"],
  ])("%j → %j", (text, want) => {
    expect(run(text, view)).toBe(want);
  });
});

describe("appsv1.Deployment", () => {
  const view = new GoTyped("v1.Deployment", DEPLOYMENT);
  test.each([
    ["{{ .Status.ReadyReplicas }}/{{ .Spec.Replicas }}", "2/3"],
    ["{{ .Spec.Strategy.RollingUpdate.MaxSurge }}", "1"],
    ["{{ .Spec.Strategy.RollingUpdate.MaxUnavailable }}", "25%"],
    ["{{ .Spec.Strategy.RollingUpdate.MaxSurge.IntVal }}", "1"],
    ["{{ .Spec.Strategy.RollingUpdate.MaxUnavailable.StrVal }}", "25%"],
    ["{{ .Spec.Selector.MatchLabels.app }}", "web"],
    ["{{ .Spec.Template.ObjectMeta.Labels.app }}", "web"],
    ["[{{ .Spec.Template.Name }}]", "[]"],
    ["{{ index .Annotations \"deployment.kubernetes.io/revision\" }}", "2"],
    ["{{ range .Status.Conditions }}{{ .LastTransitionTime }}|{{ .LastUpdateTime }}{{ end }}", "2026-12-01 22:44:08.123456 +0000 UTC|2026-12-01 22:44:08 +0000 UTC"],
    ["{{ eq .Status.Replicas 3 }}", "true"],
    ["{{ if .Spec.Paused }}p{{ else }}np{{ end }}", "np"],
    ["{{ .Spec.ProgressDeadlineSeconds }}", "<nil>"],
    ["{{ .Spec.Replicas.X }}", "ERROR: template: data:1:8: executing \"data\" at <.Spec.Replicas.X>: can't evaluate field X in type *int32"],
    ["{{ printf \"%d\" .Status.Replicas }}", "3"],
    ["{{ eq .Spec.Replicas 3 }}", "ERROR: template: data:1:3: executing \"data\" at <eq .Spec.Replicas 3>: error calling eq: incompatible types for comparison: *int32 and int"],
  ])("%j → %j", (text, want) => {
    expect(run(text, view)).toBe(want);
  });
});

describe("corev1.Service", () => {
  const view = new GoTyped("v1.Service", SERVICE);
  test.each([
    ["{{ .Spec.ClusterIP }}", "10.96.0.10"],
    ["{{ .Spec.ClusterIPs }}", "[10.96.0.10]"],
    ["{{ .Spec.ExternalIPs }}", "[1.2.3.4]"],
    ["{{ range .Spec.Ports }}{{ .Port }}->{{ .TargetPort }} {{ end }}", "80->8080 443->https "],
    ["{{ (index .Spec.Ports 0).TargetPort.IntVal }}", "8080"],
    ["[{{ .Spec.LoadBalancerIP }}]", "[]"],
    ["{{ .Spec.IPFamilyPolicy }}", "<nil>"],
  ])("%j → %j", (text, want) => {
    expect(run(text, view)).toBe(want);
  });
});

describe("a Pod with no fields set (Go zero values)", () => {
  const view = new GoTyped("v1.Pod", {});
  test.each([
    ["[{{ .Name }}]", "[]"],
    ["[{{ .Status.Phase }}]", "[]"],
    ["{{ .CreationTimestamp }}", "0001-01-01 00:00:00 +0000 UTC"],
    ["{{ .Labels }}", "map[]"],
    ["{{ len .Spec.Containers }}", "0"],
    ["{{ .Spec.Containers }}", "[]"],
    ["{{ .Status.StartTime }}", "<nil>"],
    ["{{ .Spec.Priority }}", "<nil>"],
    ["{{ if .Status }}t{{ end }}", "t"],
    ["{{ .Spec.SecurityContext.RunAsUser }}", "ERROR: template: data:1:8: executing \"data\" at <.Spec.SecurityContext.RunAsUser>: nil pointer evaluating *v1.PodSecurityContext.RunAsUser"],
    ["[{{ .Kind }}]", "[]"],
  ])("%j → %j", (text, want) => {
    expect(run(text, view)).toBe(want);
  });
});
describe("typed dots", () => {
  test("other kinds, and the Event as the pointer troubleshoot passes", () => {
    expect(run("{{ .Spec.Replicas }}", new GoTyped("v1.StatefulSet", { spec: { replicas: 2 } }))).toBe("2");
    expect(run("{{ .Spec.Completions }}", new GoTyped("v1.Job", { spec: { completions: 1 } }))).toBe("1");
    expect(run("{{ .Reason }} {{ .Source.Host }}", new GoTyped("v1.Event", EVENT, true))).toBe("BackOff kwok-node-0");
    expect(run("{{ .Nope }}", new GoTyped("v1.Event", EVENT, true))).toBe(
      'ERROR: template: data:1:3: executing "data" at <.Nope>: can\'t evaluate field Nope in type *v1.Event',
    );
  });

  test("a type the engine does not declare is an error", () => {
    expect(run("{{ . }}", new GoTyped("v1.Widget", {}))).toBe("ERROR: bad template data: no Go type v1.Widget for a template's data");
  });

  test("JSON Go cannot decode into the type is an error", () => {
    expect(run("{{ . }}", new GoTyped("v1.Pod", { spec: { nodeName: 3 } }))).toBe(
      "ERROR: bad template data: decoding v1.Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.nodeName of type string",
    );
  });

  test("fractional seconds are kept and offsets become the local zone (UTC here)", () => {
    const pod = new GoTyped("v1.Pod", { status: { startTime: "2026-12-01T22:44:09.5+02:00" } });
    expect(run("{{ .Status.StartTime }}", pod)).toBe("2026-12-01 20:44:09.5 +0000 UTC");
  });

  test("times print in the local zone Go finds from TZ (tzdata read by the TS side)", () => {
    const pod = new GoTyped("v1.Pod", POD);
    try {
      process.env.TZ = "Europe/Berlin";
      expect(run("{{ .CreationTimestamp }}", pod)).toBe("2026-12-01 23:44:08 +0100 CET");
      process.env.TZ = "America/New_York";
      expect(run("{{ .CreationTimestamp }}", pod)).toBe("2026-12-01 17:44:08 -0500 EST");
      // a zone Go cannot load is UTC, as Go's time package falls back
      process.env.TZ = "Nowhere/Atlantis";
      expect(run("{{ .CreationTimestamp }}", pod)).toBe("2026-12-01 22:44:08 +0000 UTC");
    } finally {
      process.env.TZ = "UTC";
    }
    expect(run("{{ .CreationTimestamp }}", pod)).toBe("2026-12-01 22:44:08 +0000 UTC");
  });

  test("time.Time's methods through metav1.Time", () => {
    const pod = new GoTyped("v1.Pod", POD);
    expect(run('{{ .CreationTimestamp.Format "2006-01-02" }} {{ .CreationTimestamp.Unix }}', pod)).toBe("2026-12-01 1796165048");
    // metav1 declares IsZero on *Time, which hides time.Time's: a Pod value's fields are not
    // addressable, so Go finds no IsZero there
    expect(run("{{ .CreationTimestamp.IsZero }}", pod)).toBe(
      'ERROR: template: data:1:21: executing "data" at <.CreationTimestamp.IsZero>: can\'t evaluate field IsZero in type v1.Time',
    );
    // metav1's own nil-safe (*Time).IsZero, and its RFC 3339 JSON for toJson
    expect(run("{{ .DeletionTimestamp.IsZero }} {{ toJson .CreationTimestamp }}", pod)).toBe('true "2026-12-01T22:44:08Z"');
  });

  test("Secret data is []byte (base64 in JSON), ConfigMap data map[string]string", () => {
    const secret = new GoTyped("v1.Secret", { apiVersion: "v1", kind: "Secret", data: { k: "aGk=" } });
    expect(run("{{ .Data.k }} {{ printf \"%s\" .Data.k }}", secret)).toBe("[104 105] hi");
    expect(run("{{ toString .Data.k }}", secret)).toBe("hi");
    expect(run('{{ printf "%q" .Data.k }}', secret)).toBe('"hi"');
    expect(run('{{ printf "%x" .Data.k }}', secret)).toBe("6869");
    const cm = new GoTyped("v1.ConfigMap", { apiVersion: "v1", kind: "ConfigMap", data: { "a.b": "c" } });
    expect(run('{{ index .Data "a.b" }} {{ .Data.missing }}', cm)).toBe("c <no value>");
  });
});
