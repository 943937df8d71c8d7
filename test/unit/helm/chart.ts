// The small chart the HelmChart tests build: Chart.yaml, values.yaml, a helpers file with
// `define`, a Deployment using .Values, .Release.Namespace, include, `required` and
// `toYaml | nindent`, a conditional sidecar (on only with builder-style values), a multi-document
// template, the capabilities (Kubernetes version, every API version), a CRD in crds/, a hook, and NOTES.txt (which `helm template` leaves out). Packed with
// Debian's tar into NAME-VERSION.tgz (the layout `helm package` writes: one top directory).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const CHART_FILES: Record<string, string> = {
  "Chart.yaml": `apiVersion: v2
name: acme-chart
description: test chart
version: 1.2.3
appVersion: "4.5"
`,
  "values.yaml": `replicaCount: 1
image:
  repository: docker.io/acme/web
  tag: "4.5"
podLabels:
  tier: web
  team: helpdesk
sidecar:
  enabled: false
  image: docker.io/acme/sidecar:0.9
service:
  port: 8080
`,
  "templates/_helpers.tpl": `{{- define "acme.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "acme.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}
`,
  "templates/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "acme.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "acme.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      app: {{ include "acme.fullname" . }}
  template:
    metadata:
      labels:
        app: {{ include "acme.fullname" . }}
        {{- toYaml .Values.podLabels | nindent 8 }}
    spec:
      containers:
        - name: web
          image: "{{ required "image.repository is required" .Values.image.repository }}:{{ .Values.image.tag }}"
          ports:
            - containerPort: {{ .Values.service.port }}
        {{- if .Values.sidecar.enabled }}
        - name: sidecar
          image: {{ .Values.sidecar.image | quote }}
        {{- end }}
`,
  "templates/service.yaml": `apiVersion: v1
kind: Service
metadata:
  name: {{ include "acme.fullname" . }}
spec:
  ports:
    - port: {{ .Values.service.port }}
  selector:
    app: {{ include "acme.fullname" . }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "acme.fullname" . }}-settings
data:
  release: {{ .Release.Name | quote }}
  namespace: {{ .Release.Namespace | quote }}
  isInstall: {{ .Release.IsInstall | quote }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "acme.fullname" . }}-capabilities
data:
  kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}
  apiVersionCount: {{ len .Capabilities.APIVersions | quote }}
  apiVersions: {{ join "," .Capabilities.APIVersions | quote }}
  hasAppsV1: {{ .Capabilities.APIVersions.Has "apps/v1" | quote }}
  hasCRDv1: {{ .Capabilities.APIVersions.Has "apiextensions.k8s.io/v1" | quote }}
  helmVersion: {{ .Capabilities.HelmVersion.Version | quote }}
`,
  "templates/hook.yaml": `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "acme.fullname" . }}-migrate
  annotations:
    "helm.sh/hook": pre-install
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: docker.io/acme/migrate:{{ .Chart.AppVersion }}
`,
  "templates/NOTES.txt": `Installed {{ .Release.Name }}.
`,
  "crds/widgets.yaml": `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.acme.example
spec:
  group: acme.example
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object}}
`,
};

/** Writes the chart (files overridable) and packs it; returns the .tgz path. `dir` is removed by the caller. */
export function buildChart(dir: string, files: Record<string, string> = CHART_FILES, name = "acme-chart", version = "1.2.3"): string {
  const src = mkdtempSync(path.join(os.tmpdir(), "kots-helm-src-"));
  try {
    for (const [rel, text] of Object.entries(files)) {
      const p = path.join(src, name, rel);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
    mkdirSync(dir, { recursive: true });
    const out = path.join(dir, `${name}-${version}.tgz`);
    const r = Bun.spawnSync(["tar", "-czf", out, "-C", src, name], { stdout: "pipe", stderr: "pipe" });
    if (r.exitCode !== 0) throw new Error(`tar failed: ${r.stderr.toString()}`);
    return out;
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}
