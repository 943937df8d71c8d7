// renderHelmCharts (src/helm/render.ts) on rendered release files: spec.namespace (Helm's
// .Release.Namespace, and set on namespaced objects that have none, as KOTS's kustomize step does),
// releaseName naming the release and the base directory, exclude, a chart's output holding
// repl{{ }} rendered by the KOTS templates once more (KOTS renderReplicatedHelmBase), and the
// `kots.io/exclude` annotation on a chart's document.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { appTemplateRenderer } from "../../../src/install/app-templates.ts";
import { renderHelmCharts } from "../../../src/helm/render.ts";
import { ReleaseRenderError, type RenderedFile } from "../../../src/pull/base.ts";
import { buildHelmWasm } from "../../../templates/helm/build-wasm.ts";
import { buildChart, CHART_FILES } from "./chart.ts";

let dir: string;
beforeAll(() => {
  buildHelmWasm((l) => process.stderr.write(l + "\n"));
  dir = mkdtempSync(path.join(os.tmpdir(), "kots-helm-render-"));
  buildChart(dir, {
    ...CHART_FILES,
    "templates/extra.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: kots-side
data:
  ns: {{ "repl{{ Namespace }}" | quote }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: dropped
  annotations:
    kots.io/exclude: "true"
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ .Release.Name }}-reader
rules: []
`,
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = (spec: Record<string, unknown>): RenderedFile[] => [
  { path: "chart.yaml", docs: [{ apiVersion: "kots.io/v1beta1", kind: "HelmChart", metadata: { name: "acme" }, spec: { chart: { name: "acme-chart", chartVersion: "1.2.3" }, ...spec } }], baseDocs: [], baseObjects: [] },
];
type Obj = { kind: string; metadata: { name: string; namespace?: string }; data?: Record<string, string> };
const objects = (r: Awaited<ReturnType<typeof renderHelmCharts>>) => r.flatMap((c) => c.files.flatMap((f) => f.baseObjects as Obj[]));

describe("renderHelmCharts", () => {
  test("spec.namespace: the release namespace, and set on namespaced objects without one; not on cluster-scoped ones", async () => {
    const r = await renderHelmCharts({ releaseDir: dir, files: files({ namespace: "other" }), namespace: "app-ns" });
    const objs = objects(r);
    const by = (kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name)!;
    expect(by("Deployment", "acme-acme-chart").metadata.namespace).toBe("other");
    expect(by("Service", "acme-acme-chart").metadata.namespace).toBe("other");
    expect(by("ConfigMap", "acme-acme-chart-settings").data!.namespace).toBe("other");
    expect(by("CustomResourceDefinition", "widgets.acme.example").metadata.namespace).toBeUndefined();
    expect(by("ClusterRole", "acme-reader").metadata.namespace).toBeUndefined();
    // the YAML text written into the base carries it too
    const svc = r[0]!.files.find((f) => f.path === "charts/acme/templates/service.yaml")!;
    expect(svc.baseDocs[0]).toContain("namespace: other");
  });

  test("no spec.namespace: the app's namespace; objects without one keep none (the downstream sets it)", async () => {
    const objs = objects(await renderHelmCharts({ releaseDir: dir, files: files({}), namespace: "app-ns" }));
    expect(objs.find((o) => o.kind === "Deployment")!.metadata.namespace).toBe("app-ns");
    expect(objs.find((o) => o.kind === "Service")!.metadata.namespace).toBeUndefined();
  });

  test("releaseName names the Helm release and the base directory", async () => {
    const r = await renderHelmCharts({ releaseDir: dir, files: files({ chart: { name: "acme-chart", chartVersion: "1.2.3", releaseName: "desk" } }), namespace: "n" });
    expect(r[0]!.files.map((f) => f.path)).toContain("charts/desk/templates/deployment.yaml");
    expect(objects(r).find((o) => o.kind === "Deployment")!.metadata.name).toBe("desk-acme-chart");
  });

  test("no archive matches: the error names the HelmChart, the chart wanted and an archive that is no chart", async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), "kots-helm-render-bad-"));
    try {
      buildChart(other, CHART_FILES, "acme-chart", "1.2.3");
      writeFileSync(path.join(other, "broken.tgz"), "not gzip");
      const err = await renderHelmCharts({ releaseDir: other, files: files({ chart: { name: "acme-chart", chartVersion: "2.0.0" } }), namespace: "n" }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(ReleaseRenderError);
      expect(err!.message).toStartWith("chart.yaml: HelmChart acme: no chart archive in the release for chart name acme-chart, version 2.0.0 (add the chart's .tgz to the release; not a chart: broken.tgz: ");
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  test("exclude true: nothing rendered", async () => {
    expect(await renderHelmCharts({ releaseDir: dir, files: files({ exclude: "true" }), namespace: "n" })).toEqual([]);
  });

  test("repl{{ }} in the chart's output is rendered by the KOTS templates; kots.io/exclude drops a document from the base", async () => {
    const r = await renderHelmCharts({ releaseDir: dir, files: files({}), namespace: "app-ns", render: appTemplateRenderer({ namespace: "app-ns", appSlug: "acme" }) });
    const objs = objects(r);
    expect(objs.find((o) => o.metadata.name === "kots-side")!.data!.ns).toBe("app-ns");
    expect(objs.find((o) => o.metadata.name === "dropped")).toBeUndefined();
    const extra = r[0]!.files.find((f) => f.path === "charts/acme/templates/extra.yaml")!;
    expect(extra.docs.map((d) => (d.metadata as { name: string }).name)).toContain("dropped");
  });
});
