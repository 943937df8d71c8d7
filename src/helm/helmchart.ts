/**
 * The kots.io/v1beta1 HelmChart kind, after the KOTS templates rendered its file (KOTS v1.88
 * kotskinds/apis/kots/v1beta1/helmchart_types.go, pkg/base/replicated.go renderReplicatedHelmChart):
 * which chart archive it names, whether it is excluded, its release name and namespace, and the
 * values Helm gets (values, then each optionalValues entry whose `when` is true, merged
 * recursively or key by key).
 */
import { goParseBool } from "../go/strconv.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A HelmChart that cannot be used: the message names the object and what is wrong (one line). */
export class HelmChartError extends Error {
  override name = "HelmChartError";
}

/** One HelmChart of a release, checked. */
export interface HelmChartSpec {
  /** metadata.name */
  name: string;
  /** the release file it is in (relative to the release directory) */
  file: string;
  chartName: string;
  chartVersion: string;
  /** spec.chart.releaseName, else metadata.name: the Helm release name and the base dir `charts/<dirName>` (KOTS GetDirName) */
  dirName: string;
  /** spec.namespace ("" when unset: the app's namespace) */
  namespace: string;
  /** spec.exclude rendered to true */
  excluded: boolean;
  /** the values Helm is given (values + optionalValues that apply), plain JSON data */
  values: Obj;
  /** spec.builder (airgap bundle builds), plain JSON data */
  builder: Obj;
  /** spec.useHelmInstall (native Helm; rendered here as KOTS's classic pull does) */
  useHelmInstall: boolean;
}

/** Whether a parsed document is a kots.io/v1beta1 HelmChart. */
export function isHelmChartDoc(doc: Obj): boolean {
  return doc.apiVersion === "kots.io/v1beta1" && doc.kind === "HelmChart";
}

/**
 * KOTS MergeHelmChartValues (recursiveMerge: true): keys only in `base` stay; keys only in
 * `overlay` are added; a key in both takes the overlay's value unless the base's is a map, then
 * the two maps merge the same way (an overlay value that is not a map then adds nothing, as in
 * KOTS, whose non-map value has no children). Returns a new object; inputs are not changed.
 */
export function mergeChartValues(base: Obj, overlay: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(base)) {
    if (!(k in overlay)) out[k] = v;
    else if (!isObj(v)) out[k] = overlay[k];
    else out[k] = mergeChartValues(v, isObj(overlay[k]) ? (overlay[k] as Obj) : {});
  }
  for (const [k, v] of Object.entries(overlay)) if (!(k in base)) out[k] = v;
  return out;
}

/** A bool or a string strconv.ParseBool reads; undefined otherwise. */
function boolOf(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return goParseBool(v);
  return undefined;
}

/**
 * Reads a rendered HelmChart document. `where` names it in errors ("FILE: HelmChart NAME").
 * @throws HelmChartError for: no spec.chart.name or chartVersion; `exclude` not a bool after
 *   rendering (KOTS: "failed to parse helm chart exclude"); an optionalValues `when` that
 *   strconv.ParseBool rejects, including "" (KOTS: "failed to parse when conditional on optional
 *   values"); helmVersion other than v3/"" (v2 is not built; KOTS's v2 path uses Helm 2).
 */
export function readHelmChart(doc: Obj, file: string): HelmChartSpec {
  const md = isObj(doc.metadata) ? doc.metadata : {};
  const name = String(md.name ?? "");
  const where = `${file}: HelmChart ${name || "(no metadata.name)"}`;
  const spec = isObj(doc.spec) ? doc.spec : {};
  const chart = isObj(spec.chart) ? spec.chart : {};
  const chartName = typeof chart.name === "string" ? chart.name : "";
  const chartVersion = chart.chartVersion === undefined || chart.chartVersion === null ? "" : String(chart.chartVersion);
  if (!chartName) throw new HelmChartError(`${where}: spec.chart.name is missing: name the chart of the archive in the release`);
  if (!chartVersion) throw new HelmChartError(`${where}: spec.chart.chartVersion is missing: give the version of the chart archive in the release`);
  const helmVersion = spec.helmVersion === undefined || spec.helmVersion === null ? "" : String(spec.helmVersion).toLowerCase();
  if (helmVersion === "v2") throw new HelmChartError(`${where}: helmVersion v2 is not supported: use helmVersion v3`);
  if (helmVersion !== "" && helmVersion !== "v3") throw new HelmChartError(`${where}: unknown helmVersion ${String(spec.helmVersion)}: use v3`);

  let excluded = false;
  if (spec.exclude !== undefined && spec.exclude !== null && spec.exclude !== "") {
    const b = boolOf(spec.exclude);
    if (b === undefined) throw new HelmChartError(`${where}: spec.exclude is ${JSON.stringify(spec.exclude)} after rendering, not true or false`);
    excluded = b;
  }

  let values: Obj = isObj(spec.values) ? { ...spec.values } : {};
  const optional = Array.isArray(spec.optionalValues) ? spec.optionalValues : [];
  optional.forEach((ov, i) => {
    if (!isObj(ov)) return;
    const when = boolOf(ov.when ?? "");
    if (when === undefined) throw new HelmChartError(`${where}: spec.optionalValues[${i}].when is ${JSON.stringify(ov.when ?? "")} after rendering, not true or false`);
    if (!when) return;
    const add = isObj(ov.values) ? ov.values : {};
    values = ov.recursiveMerge === true ? mergeChartValues(values, add) : { ...values, ...add };
  });
  const releaseName = typeof chart.releaseName === "string" ? chart.releaseName : "";
  return {
    name,
    file,
    chartName,
    chartVersion,
    dirName: releaseName || name,
    namespace: typeof spec.namespace === "string" ? spec.namespace : "",
    excluded,
    values,
    builder: isObj(spec.builder) ? spec.builder : {},
    useHelmInstall: spec.useHelmInstall === true,
  };
}
