/**
 * HelmChart rendering for `kots pull` and airgap bundles (issue 14 §4; KOTS v1.88 pkg/base
 * replicated.go renderReplicatedHelmChart / renderReplicatedHelmBase, helm.go RenderHelm,
 * helm_v3.go renderHelmV3): for each kots.io/v1beta1 HelmChart of the rendered release that is
 * not excluded, the chart archive of the release whose Chart.yaml name and version match
 * spec.chart is rendered by Helm's own engine (src/helm/engine.ts) as
 * `helm template DIRNAME chart.tgz -n NS --include-crds --values <merged values>` would, and its
 * documents become base files `charts/<dirName>/<path>` (the `# Source:` path without the
 * `<dirName>/` prefix, then without the directories common to every file, as KOTS does).
 * The Helm module is loaded only when the release has a HelmChart.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { isExcludedByAnnotation, isKotsKind, releaseFilesMatching, ReleaseRenderError, type RenderedFile } from "../pull/base.ts";
import { HelmChartError, isHelmChartDoc, mergeChartValues, readHelmChart, type HelmChartSpec } from "./helmchart.ts";
import { HelmEngineError, helmOp } from "./engine.ts";

type Obj = Record<string, unknown>;

/** What to render the charts with. */
export interface HelmRenderInputs {
  releaseDir: string;
  /** the release's files as src/pull/base.ts renderRelease rendered them (HelmChart docs included) */
  files: readonly RenderedFile[];
  /** the app's namespace: .Release.Namespace when spec.namespace is empty (KOTS: repl{{ Namespace }}) */
  namespace: string;
  /** the KOTS template renderer the chart's output goes through once more (KOTS renderReplicatedHelmBase) */
  render?: (text: string, file: string) => string;
  /** "values" (pull: values + optionalValues) or "builder" (airgap bundle builds: builder merged over values) */
  mode?: "values" | "builder";
}

/** The release's HelmCharts (rendered documents), in file order. @throws ReleaseRenderError naming a bad one */
export function releaseHelmCharts(files: readonly RenderedFile[]): HelmChartSpec[] {
  const out: HelmChartSpec[] = [];
  for (const f of files)
    for (const d of f.docs) {
      if (!isHelmChartDoc(d)) continue;
      try {
        out.push(readHelmChart(d, f.path));
      } catch (err) {
        if (err instanceof HelmChartError) throw new ReleaseRenderError(err.message);
        throw err;
      }
    }
  return out;
}

/** Chart archives of the release directory (*.tgz, *.tar.gz; recursive, sorted; userdata/ left out). */
export function releaseChartArchives(dir: string): string[] {
  return releaseFilesMatching(dir, /\.(tgz|tar\.gz)$/i);
}

/**
 * KOTS renderHelmV3's split of `helm template` output into files: documents split at `---`
 * lines, each named by its `# Source:` line (a document without one keeps the previous name),
 * the `<dirName>/` prefix trimmed, empty documents dropped; then KOTS removeCommonPrefix (the
 * directories every file shares are removed) and documents of the same path joined.
 * @returns [path, documents' texts] in path order
 */
export function splitHelmManifest(manifest: string, dirName: string): Array<[string, string[]]> {
  const docs = manifest.trim().split(/(?:^|\s*\n)---\s*/);
  const named: Array<[string, string]> = [];
  let name = "";
  for (const raw of docs) {
    const doc = raw.trim() + "\n";
    const m = /^# Source: (.+)/.exec(doc);
    if (m) name = m[1]!.startsWith(`${dirName}/`) ? m[1]!.slice(dirName.length + 1) : m[1]!;
    if (name === "" || doc.trim() === "") continue;
    named.push([name, doc]);
  }
  if (named.length === 0) return [];
  const dirs = (p: string) => p.split("/").slice(0, -1);
  let common = dirs(named[0]![0]);
  for (const [p] of named.slice(1)) {
    const d = dirs(p);
    let i = 0;
    while (i < common.length && i < d.length && common[i] === d[i]) i++;
    common = common.slice(0, i);
  }
  const byPath = new Map<string, string[]>();
  for (const [p, doc] of named) {
    const short = p.split("/").slice(common.length).join("/");
    const list = byPath.get(short) ?? [];
    list.push(doc);
    byPath.set(short, list);
  }
  return [...byPath.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Cluster-scoped kinds the namespace is not set on (a subset of Kubernetes' built-in ones). */
const CLUSTER_SCOPED = new Set(["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "StorageClass", "PersistentVolume", "PriorityClass", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "IngressClass", "RuntimeClass", "CSIDriver", "VolumeSnapshotClass"]);

/** One chart rendered: its spec, the archive used, and its base files. */
export interface RenderedChart {
  chart: HelmChartSpec;
  archive: string;
  files: RenderedFile[];
}

/**
 * Renders every HelmChart of the release (see the module comment); [] without loading Helm when
 * there is none. Excluded charts give no files.
 * @throws ReleaseRenderError naming the HelmChart for: a bad spec (src/helm/helmchart.ts), no
 *   archive in the release with that chart name and version (KOTS: "unable to find helm chart
 *   archive for chart name N, version V"), an archive Helm cannot load, Helm's render error, a
 *   rendered document that is not YAML; HelmEngineError(op "load") when the module cannot load.
 */
export async function renderHelmCharts(inputs: HelmRenderInputs): Promise<RenderedChart[]> {
  const charts = releaseHelmCharts(inputs.files).filter((c) => !c.excluded);
  if (charts.length === 0) return [];
  const archives: Array<{ rel: string; bytes: Buffer; name?: string; version?: string; error?: string }> = releaseChartArchives(inputs.releaseDir).map((rel) => ({ rel, bytes: readFileSync(path.join(inputs.releaseDir, rel)) }));
  for (const a of archives) {
    try {
      const info = await helmOp<{ name: string; version: string }>("helm.chartInfo", { chart: a.bytes.toString("base64") });
      a.name = info.name;
      a.version = info.version;
    } catch (err) {
      if (!(err instanceof HelmEngineError) || err.op === "load") throw err;
      a.error = err.message; // not a chart: KOTS skips archives it cannot read as one
    }
  }
  const out: RenderedChart[] = [];
  for (const chart of charts) {
    const where = `${chart.file}: HelmChart ${chart.name}`;
    const archive = archives.find((a) => a.name === chart.chartName && a.version === chart.chartVersion);
    if (!archive) {
      const unreadable = archives.filter((a) => a.error !== undefined).map((a) => `${a.rel}: ${a.error!.split("\n")[0]}`);
      throw new ReleaseRenderError(`${where}: no chart archive in the release for chart name ${chart.chartName}, version ${chart.chartVersion} (add the chart's .tgz to the release${unreadable.length ? `; not a chart: ${unreadable.join("; ")}` : ""})`);
    }
    const values = inputs.mode === "builder" ? mergeChartValues(chart.values, chart.builder) : chart.values;
    let manifest: string;
    try {
      ({ manifest } = await helmOp<{ manifest: string }>("helm.template", {
        chart: archive.bytes.toString("base64"),
        values,
        release: chart.dirName,
        namespace: chart.namespace || inputs.namespace,
        includeCRDs: true,
      }));
    } catch (err) {
      if (err instanceof HelmEngineError && err.op !== "load") throw new ReleaseRenderError(`${where} (${archive.rel}): ${err.message.split("\n")[0]}`);
      throw err;
    }
    const files: RenderedFile[] = [];
    for (const [p, docs] of splitHelmManifest(manifest, chart.dirName)) {
      const rel = `charts/${chart.dirName}/${p}`;
      const file: RenderedFile = { path: rel, docs: [], baseDocs: [], baseObjects: [] };
      for (const text of docs) {
        let rendered = text;
        if (inputs.render && /repl\{\{|\{\{repl/.test(text)) {
          try {
            rendered = inputs.render(text, path.basename(p));
          } catch (err) {
            throw new ReleaseRenderError(`${where}: ${rel}: ${(err as Error).message.split("\n")[0]}`);
          }
        }
        for (const d of parseAllDocuments(rendered, { logLevel: "error" })) {
          if (d.errors.length > 0) throw new ReleaseRenderError(`${where}: ${rel}: not YAML after rendering: ${d.errors[0]!.message.split("\n")[0]}`);
          const js = d.toJS({ maxAliasCount: 100 }) as unknown;
          if (js === null || typeof js !== "object" || Array.isArray(js) || !("apiVersion" in js) || !("kind" in js)) continue;
          const doc = js as Obj;
          if (chart.namespace && !CLUSTER_SCOPED.has(String(doc.kind))) {
            const md = (typeof doc.metadata === "object" && doc.metadata !== null ? doc.metadata : (doc.metadata = {})) as Obj;
            if (!md.namespace) {
              md.namespace = chart.namespace;
              d.setIn(["metadata", "namespace"], chart.namespace);
            }
          }
          file.docs.push(doc);
          if (isKotsKind(doc) || isExcludedByAnnotation(doc, `${where}: ${rel}`)) continue;
          file.baseDocs.push(d.toString({ lineWidth: 0 }));
          file.baseObjects.push(doc);
        }
      }
      if (file.docs.length > 0) files.push(file);
    }
    out.push({ chart, archive: archive.rel, files });
  }
  return out;
}
