// The kots.io/v1beta1 HelmChart model (src/helm/helmchart.ts) and the split of `helm template`
// output into base files (src/helm/render.ts splitHelmManifest). Expected values are written from
// KOTS v1.88's rules: kotskinds helmchart_types.go MergeHelmChartValues / GetDirName,
// pkg/base/replicated.go renderReplicatedHelmChart (optionalValues: strconv.ParseBool(when),
// recursiveMerge or a top-level key replace), helm_v3.go (split at ---, "# Source:" names, the
// release-name prefix trimmed) and helm.go removeCommonPrefix.
import { describe, expect, test } from "bun:test";
import { HelmChartError, mergeChartValues, readHelmChart } from "../../../src/helm/helmchart.ts";
import { splitHelmManifest } from "../../../src/helm/render.ts";

const chartDoc = (spec: Record<string, unknown>, name = "acme") => ({ apiVersion: "kots.io/v1beta1", kind: "HelmChart", metadata: { name }, spec: { chart: { name: "acme-chart", chartVersion: "1.2.3" }, ...spec } });

describe("mergeChartValues (recursiveMerge)", () => {
  test("maps merge key by key, the overlay wins on scalars, new keys are added", () => {
    expect(mergeChartValues({ a: 1, m: { x: 1, y: 2, n: { p: "q" } } }, { m: { y: 3, z: 4, n: { r: "s" } }, b: 2 })).toEqual({ a: 1, m: { x: 1, y: 3, z: 4, n: { p: "q", r: "s" } }, b: 2 });
  });
  test("a base scalar or list is replaced by the overlay's value, even a map", () => {
    expect(mergeChartValues({ a: 1, l: [1, 2] }, { a: { k: "v" }, l: [3] })).toEqual({ a: { k: "v" }, l: [3] });
  });
  test("a base map with a scalar overlay keeps the map (KOTS: the scalar has no children)", () => {
    expect(mergeChartValues({ m: { x: 1 } }, { m: 5 })).toEqual({ m: { x: 1 } });
  });
  test("inputs are not changed", () => {
    const base = { m: { x: 1 } };
    mergeChartValues(base, { m: { y: 2 } });
    expect(base).toEqual({ m: { x: 1 } });
  });
});

describe("readHelmChart", () => {
  const values = { image: { repository: "acme/web", tag: "1" }, replicas: 2 };
  test("values only; dirName is metadata.name without releaseName; namespace unset", () => {
    const c = readHelmChart(chartDoc({ values }), "chart.yaml");
    expect(c).toMatchObject({ name: "acme", chartName: "acme-chart", chartVersion: "1.2.3", dirName: "acme", namespace: "", excluded: false, values });
  });
  test("spec.chart.releaseName names the release and the directory", () => {
    const c = readHelmChart({ ...chartDoc({}), spec: { chart: { name: "acme-chart", chartVersion: "1.2.3", releaseName: "helpdesk" } } }, "chart.yaml");
    expect(c.dirName).toBe("helpdesk");
  });
  test("optionalValues when true without recursiveMerge replaces the top-level key", () => {
    const c = readHelmChart(chartDoc({ values, optionalValues: [{ when: "true", values: { image: { tag: "2" } } }] }), "f");
    expect(c.values).toEqual({ image: { tag: "2" }, replicas: 2 });
  });
  test("optionalValues when true with recursiveMerge merges into the values", () => {
    const c = readHelmChart(chartDoc({ values, optionalValues: [{ when: "1", recursiveMerge: true, values: { image: { tag: "2" }, extra: true } }] }), "f");
    expect(c.values).toEqual({ image: { repository: "acme/web", tag: "2" }, replicas: 2, extra: true });
  });
  test("optionalValues when false adds nothing; entries apply in order", () => {
    const c = readHelmChart(chartDoc({ values, optionalValues: [{ when: "false", values: { replicas: 9 } }, { when: "T", values: { replicas: 3 } }, { when: "True", values: { replicas: 4 } }] }), "f");
    expect(c.values.replicas).toBe(4);
    const off = readHelmChart(chartDoc({ values, optionalValues: [{ when: "0", values: { replicas: 9 } }] }), "f");
    expect(off.values).toEqual(values);
  });
  test("a when strconv.ParseBool rejects fails, naming the file, chart and entry", () => {
    expect(() => readHelmChart(chartDoc({ optionalValues: [{ when: "yes", values: {} }] }), "c.yaml")).toThrow(new HelmChartError('c.yaml: HelmChart acme: spec.optionalValues[0].when is "yes" after rendering, not true or false'));
    expect(() => readHelmChart(chartDoc({ optionalValues: [{ values: {} }] }), "c.yaml")).toThrow(/optionalValues\[0\]\.when is ""/);
  });
  test("exclude: true/\"true\" exclude, \"false\" keeps, anything else fails", () => {
    expect(readHelmChart(chartDoc({ exclude: "true" }), "f").excluded).toBe(true);
    expect(readHelmChart(chartDoc({ exclude: true }), "f").excluded).toBe(true);
    expect(readHelmChart(chartDoc({ exclude: "false" }), "f").excluded).toBe(false);
    expect(() => readHelmChart(chartDoc({ exclude: "maybe" }), "f")).toThrow(/spec\.exclude is "maybe"/);
  });
  test("helmVersion v2 and unknown versions fail; v3 and unset pass", () => {
    expect(() => readHelmChart(chartDoc({ helmVersion: "v2" }), "f")).toThrow(/helmVersion v2 is not supported/);
    expect(() => readHelmChart(chartDoc({ helmVersion: "v4" }), "f")).toThrow(/unknown helmVersion v4/);
    expect(readHelmChart(chartDoc({ helmVersion: "v3" }), "f").chartName).toBe("acme-chart");
  });
  test("a missing chart name or version fails naming the field", () => {
    expect(() => readHelmChart({ ...chartDoc({}), spec: { chart: { name: "x" } } }, "f")).toThrow(/spec\.chart\.chartVersion is missing/);
    expect(() => readHelmChart({ ...chartDoc({}), spec: {} }, "f")).toThrow(/spec\.chart\.name is missing/);
  });
  test("builder is kept apart from values", () => {
    const c = readHelmChart(chartDoc({ values, builder: { sidecar: { enabled: true } } }), "f");
    expect(c.builder).toEqual({ sidecar: { enabled: true } });
    expect(c.values).toEqual(values);
  });
});

describe("splitHelmManifest", () => {
  const out = `---
# Source: acme/templates/web.yaml
kind: Service
---
# Source: acme/templates/web.yaml
kind: Deployment
---
# Source: acme/templates/multi.yaml
kind: A

---
kind: B
---
# Source: acme/templates/empty.yaml
`;
  test("named by # Source without the release prefix, then the common directories removed; same paths joined; a comment-only document is kept (KOTS drops only blank ones)", () => {
    const got = splitHelmManifest(out, "acme");
    expect(got.map(([p, docs]) => [p, docs.length])).toEqual([
      ["empty.yaml", 1],
      ["multi.yaml", 2],
      ["web.yaml", 2],
    ]);
    expect(got[1]![1][1]).toBe("kind: B\n");
    expect(got[2]![1][0]).toBe("# Source: acme/templates/web.yaml\nkind: Service\n");
  });
  test("crds/ and templates/ share no directory: both kept; subcharts stay under charts/", () => {
    const got = splitHelmManifest("---\n# Source: acme/crds/w.yaml\nkind: CustomResourceDefinition\n---\n# Source: acme/templates/a.yaml\nkind: A\n---\n# Source: acme/charts/db/templates/s.yaml\nkind: S\n", "acme");
    expect(got.map(([p]) => p)).toEqual(["charts/db/templates/s.yaml", "crds/w.yaml", "templates/a.yaml"]);
  });
  test("a release name other than the chart's: the prefix is not trimmed, the common directories still go", () => {
    const got = splitHelmManifest("---\n# Source: acme-chart/templates/a.yaml\nkind: A\n---\n# Source: acme-chart/templates/b.yaml\nkind: B\n", "helpdesk");
    expect(got.map(([p]) => p)).toEqual(["a.yaml", "b.yaml"]);
  });
});
