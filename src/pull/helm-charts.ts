/**
 * The HelmCharts of a release in `kots pull` (issue 14 §4; KOTS v1.88 pkg/base renderReplicated,
 * "render helm charts that were specified"): the rendered files plus, for each kots.io/v1beta1
 * HelmChart that is not excluded, its chart rendered by Helm's own engine as base files
 * `charts/<dirName>/…` (src/helm/render.ts). A release without a HelmChart is returned as it is
 * and the Helm module (~4 MiB, ~0.3–0.5 s to load) is not even imported.
 */
import { UsageError } from "../errors.ts";
import { appTemplateRenderer } from "../install/app-templates.ts";
import { ReleaseRenderError, type BaseInputs, type RenderedFile } from "./base.ts";

/** Whether any rendered document is a kots.io/v1beta1 HelmChart. */
export function hasHelmChart(files: readonly RenderedFile[]): boolean {
  return files.some((f) => f.docs.some((d) => d.apiVersion === "kots.io/v1beta1" && d.kind === "HelmChart"));
}

/**
 * `files` followed by the base files of the release's charts, rendered with `inputs` (the same
 * template context as the files: its renderer renders the chart output's repl{{ }} once more, as
 * KOTS renderReplicatedHelmBase does). `mode` "builder" renders with spec.builder merged over
 * spec.values (airgap bundle builds).
 * @throws UsageError (exit 2) naming the HelmChart for a bad spec, a missing archive or Helm's
 *   render error ("…: fix the release file"); HelmEngineError when the Helm module cannot load.
 */
export async function withHelmCharts(files: RenderedFile[], inputs: BaseInputs, mode: "values" | "builder" = "values"): Promise<RenderedFile[]> {
  if (!hasHelmChart(files)) return files;
  const { renderHelmCharts } = await import("../helm/render.ts");
  try {
    const charts = await renderHelmCharts({ releaseDir: inputs.releaseDir, files, namespace: inputs.namespace, render: appTemplateRenderer(inputs), mode });
    return [...files, ...charts.flatMap((c) => c.files)];
  } catch (err) {
    if (err instanceof ReleaseRenderError) throw new UsageError(`${err.message}: fix the release file`);
    throw err;
  }
}
