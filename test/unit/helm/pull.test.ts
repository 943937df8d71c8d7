// kots pull and kots airgap build of a release with a kots.io/v1beta1 HelmChart and its chart
// archive (issue 14 §4): the HelmChart's values are rendered with the KOTS templates (ConfigOption
// from the ConfigValues), optionalValues apply by their `when`, and the chart's documents in
// base/charts/<name>/ equal Helm's own `helm template` output for the values written out by hand
// here; its images are discovered, rewritten through the midstream like any manifest's, and the
// airgap image list renders the chart with the builder values.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { releaseImages } from "../../../src/airgap/build.ts";
import { buildHelmWasm } from "../../../templates/helm/build-wasm.ts";
import { helmPeer, helmTemplate } from "../../support/helm-peer.ts";
import { CONFIG_VALUES, fixtureRelease, LICENSE, removeTempDirs, rewriteArgs, runPull, SECRET, tempDir } from "../pull/support.ts";
import { buildChart } from "./chart.ts";

const HELMCHART = `apiVersion: kots.io/v1beta1
kind: HelmChart
metadata:
  name: acme-chart
spec:
  chart:
    name: acme-chart
    chartVersion: 1.2.3
  values:
    replicaCount: repl{{ ConfigOption "replicas" }}
    podLabels:
      host: repl{{ ConfigOption "hostname" }}
  optionalValues:
    - when: 'repl{{ ConfigOptionEquals "database_type" "embedded" }}'
      recursiveMerge: true
      values:
        podLabels:
          db: embedded
    - when: 'repl{{ ConfigOptionEquals "database_type" "external" }}'
      values:
        image:
          repository: docker.io/acme/web-external
          tag: "9"
  builder:
    sidecar:
      enabled: true
`;

/** A release with the chart, the HelmChart, and ConfigValues choosing database_type. */
function release(databaseType: string): { dir: string; configValues: string } {
  const dir = fixtureRelease();
  writeFileSync(path.join(dir, "acme-chart.yaml"), HELMCHART);
  buildChart(dir);
  const configValues = path.join(tempDir("kots-helm-cv-"), "configvalues.yaml");
  let text = readFileSync(CONFIG_VALUES, "utf8").replace("value: embedded", `value: ${databaseType}`);
  if (databaseType === "external") text = text.trimEnd() + "\n    external_db_host:\n      value: db.acme.example\n    external_db_password:\n      valuePlaintext: db-pw\n";
  writeFileSync(configValues, text);
  return { dir, configValues };
}

/** Helm's own output, by `# Source:` path (chart prefix removed), as parsed objects. */
function peerDocs(chart: string, values: Record<string, unknown>, ns: string): Map<string, unknown[]> {
  const vf = path.join(tempDir("kots-helm-v-"), "values.yaml");
  writeFileSync(vf, JSON.stringify(values));
  const out = new Map<string, unknown[]>();
  let name = "";
  for (const chunk of helmTemplate(chart, "acme-chart", ns, vf).split(/^---$/m)) {
    const m = /^# Source: acme-chart\/(\S+)$/m.exec(chunk);
    if (m) name = m[1]!;
    const js = parse(chunk) as unknown;
    if (js) out.set(name, [...(out.get(name) ?? []), js]);
  }
  return out;
}

function baseDocs(appDir: string, rel: string): unknown[] {
  return parseAllDocuments(readFileSync(path.join(appDir, "base", rel), "utf8")).map((d) => d.toJS()).filter(Boolean);
}

let root: string;
let embedded: { code: number; stdout: string; stderr: string };
let external: { code: number; stdout: string; stderr: string };
let rel: { dir: string; configValues: string };
let relExternal: { dir: string; configValues: string };

beforeAll(async () => {
  buildHelmWasm((l) => process.stderr.write(l + "\n"));
  helmPeer((l) => process.stderr.write(l + "\n"));
  rel = release("embedded");
  relExternal = release("external");
  root = tempDir("kots-helm-pull-");
  const args = (r: typeof rel, dir: string) => rewriteArgs(dir).map((a) => (a === CONFIG_VALUES ? r.configValues : a));
  embedded = await runPull([rel.dir, ...args(rel, root), "-n", "helpdesk"], { stdin: `${SECRET}\n` });
  external = await runPull([relExternal.dir, ...args(relExternal, path.join(root, "ext")), "-n", "helpdesk"], { stdin: `${SECRET}\n` });
});
afterAll(removeTempDirs);

const CHART_FILES = ["charts/acme-chart/crds/widgets.yaml", "charts/acme-chart/templates/deployment.yaml", "charts/acme-chart/templates/hook.yaml", "charts/acme-chart/templates/service.yaml"];

describe("kots pull with a HelmChart", () => {
  test("optionalValues when true (recursiveMerge): the chart's files equal helm template with the merged values", () => {
    expect(embedded.code).toBe(0);
    const appDir = path.join(root, "acme-helpdesk");
    const kust = parse(readFileSync(path.join(appDir, "base/kustomization.yaml"), "utf8")) as { resources: string[] };
    for (const f of CHART_FILES) expect(kust.resources).toContain(f);
    // the values, written out: ConfigValues replicas "3", hostname helpdesk.acme.example; database_type embedded
    const want = peerDocs(path.join(rel.dir, "acme-chart-1.2.3.tgz"), { replicaCount: 3, podLabels: { host: "helpdesk.acme.example", db: "embedded" } }, "helpdesk");
    expect([...want.keys()].sort()).toEqual(CHART_FILES.map((f) => f.replace("charts/acme-chart/", "")));
    for (const f of CHART_FILES) expect(baseDocs(appDir, f)).toEqual(want.get(f.replace("charts/acme-chart/", ""))!);
    const dep = baseDocs(appDir, "charts/acme-chart/templates/deployment.yaml")[0] as { spec: { replicas: number; template: { metadata: { labels: Record<string, string> } } } };
    expect(dep.spec.replicas).toBe(3);
    expect(dep.spec.template.metadata.labels).toEqual({ app: "acme-chart-acme-chart", tier: "web", team: "helpdesk", host: "helpdesk.acme.example", db: "embedded" });
    // the HelmChart itself and the archive stay out of the base, the release copy keeps both
    expect(kust.resources).not.toContain("acme-chart.yaml");
    expect(existsSync(path.join(appDir, "upstream/acme-chart-1.2.3.tgz"))).toBe(true);
  });

  test("optionalValues when false / the other when true (no recursiveMerge): image replaced, no db label", () => {
    expect(external.stderr).not.toContain("Error:");
    expect(external.code).toBe(0);
    const appDir = path.join(root, "ext", "acme-helpdesk");
    const want = peerDocs(path.join(relExternal.dir, "acme-chart-1.2.3.tgz"), { replicaCount: 3, podLabels: { host: "helpdesk.acme.example" }, image: { repository: "docker.io/acme/web-external", tag: "9" } }, "helpdesk");
    for (const f of CHART_FILES) expect(baseDocs(appDir, f)).toEqual(want.get(f.replace("charts/acme-chart/", ""))!);
    const dep = baseDocs(appDir, "charts/acme-chart/templates/deployment.yaml")[0] as { spec: { template: { metadata: { labels: Record<string, string> }; spec: { containers: Array<{ image: string }> } } } };
    expect(dep.spec.template.metadata.labels.db).toBeUndefined();
    expect(dep.spec.template.spec.containers.map((c) => c.image)).toEqual(["docker.io/acme/web-external:9"]);
  });

  test("the chart's images (a hook Job's too) are in images.json and rewritten by the midstream; the builder-only sidecar is not", () => {
    const appDir = path.join(root, "acme-helpdesk");
    const images = (JSON.parse(readFileSync(path.join(appDir, "images.json"), "utf8")) as { images: Array<{ source: string; destination?: string }> }).images;
    const bySource = Object.fromEntries(images.map((i) => [i.source, i.destination]));
    expect(bySource["docker.io/acme/web:4.5"]).toBe("127.0.0.1:5000/acme/web:4.5");
    expect(bySource["docker.io/acme/migrate:4.5"]).toBe("127.0.0.1:5000/acme/migrate:4.5");
    expect(Object.keys(bySource).some((s) => s.includes("sidecar"))).toBe(false);
    const mid = parse(readFileSync(path.join(appDir, "overlays/midstream/kustomization.yaml"), "utf8")) as { images: Array<{ name: string; newName: string }> };
    expect(mid.images.find((i) => i.name === "docker.io/acme/web")?.newName).toBe("127.0.0.1:5000/acme/web");
  });
});

describe("airgap build image list with a HelmChart", () => {
  test("renders the chart with builder values: the sidecar image is included, with the chart's other images", async () => {
    const images = await releaseImages({ releaseDir: rel.dir, license: readFileSync(LICENSE, "utf8"), configValues: readFileSync(rel.configValues, "utf8") }, "acme-helpdesk");
    expect(images).toContain("docker.io/acme/sidecar:0.9");
    expect(images).toContain("docker.io/acme/web:4.5");
    expect(images).toContain("docker.io/acme/migrate:4.5");
  });
});

describe("bad HelmCharts: one line naming the HelmChart, exit 2, nothing written", () => {
  const cases: Array<[string, (dir: string) => void, RegExp]> = [
    ["no archive with that chart version", (d) => writeFileSync(path.join(d, "acme-chart.yaml"), HELMCHART.replace("chartVersion: 1.2.3", "chartVersion: 9.9.9")), /acme-chart\.yaml: HelmChart acme-chart: no chart archive in the release for chart name acme-chart, version 9\.9\.9/],
    ["a when that is no bool", (d) => writeFileSync(path.join(d, "acme-chart.yaml"), HELMCHART.replace(`'repl{{ ConfigOptionEquals "database_type" "embedded" }}'`, "maybe")), /spec\.optionalValues\[0\]\.when is "maybe"/],
    ["a required value nulled", (d) => writeFileSync(path.join(d, "acme-chart.yaml"), HELMCHART.replace("  values:\n    replicaCount", "  values:\n    image:\n      repository: null\n    replicaCount")), /image\.repository is required/],
  ];
  for (const [name, edit, re] of cases)
    test(name, async () => {
      const r = release("embedded");
      edit(r.dir);
      const dir = tempDir("kots-helm-bad-");
      const run = await runPull([r.dir, ...rewriteArgs(dir).map((a) => (a === CONFIG_VALUES ? r.configValues : a)), "-n", "helpdesk"], { stdin: `${SECRET}\n` });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(re);
      expect(existsSync(path.join(dir, "acme-helpdesk"))).toBe(false);
    });
});
