// The Helm renderer (templates/helm in WebAssembly) against Helm's own CLI (helm v3.21.4 built from
// the Go module proxy, test/support/helm-peer.ts): the same chart archive and values give the same
// `helm template RELEASE CHART -n NS --include-crds --values FILE` text, byte for byte, and the
// same error for a failing `required`.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildHelmWasm } from "../../../templates/helm/build-wasm.ts";
import { HelmEngineError, helmOp } from "../../../src/helm/engine.ts";
import { helmPeer, helmTemplate } from "../../support/helm-peer.ts";
import { buildChart, CHART_FILES } from "./chart.ts";

let dir: string;
let chart: string;

beforeAll(() => {
  buildHelmWasm((l) => process.stderr.write(l + "\n"));
  helmPeer((l) => process.stderr.write(l + "\n"));
  dir = mkdtempSync(path.join(os.tmpdir(), "kots-helm-conf-"));
  chart = buildChart(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ours(values: Record<string, unknown>, release: string, ns: string): Promise<string> {
  const bytes = await Bun.file(chart).bytes();
  const r = await helmOp<{ manifest: string; chartName: string; chartVersion: string }>("helm.template", { chart: Buffer.from(bytes).toString("base64"), values, release, namespace: ns, includeCRDs: true });
  expect(r.chartName).toBe("acme-chart");
  expect(r.chartVersion).toBe("1.2.3");
  return r.manifest;
}

function peer(values: Record<string, unknown>, release: string, ns: string): string {
  const file = path.join(dir, `values-${release}.yaml`);
  writeFileSync(file, JSON.stringify(values));
  return helmTemplate(chart, release, ns, file);
}

const CASES: Array<[string, Record<string, unknown>, string, string]> = [
  ["the chart's own values", {}, "acme", "default"],
  ["overrides: replicas, the sidecar on, a merged map, a float", { replicaCount: 3, sidecar: { enabled: true }, podLabels: { extra: "x" }, service: { port: 9090.5 } }, "helpdesk", "apps"],
  ["another image and a 53-character release name (trunc 63 in the helper)", { image: { repository: "registry.example/acme/web", tag: "5.0" } }, "r".repeat(53), "ns-1"],
];

describe("helm.template vs helm template", () => {
  for (const [name, values, release, ns] of CASES)
    test(name, async () => {
      const want = peer(values, release, ns);
      expect(want).toContain("# Source: acme-chart/templates/deployment.yaml");
      expect(want).toContain("# Source: acme-chart/crds/widgets.yaml");
      const got = await ours(values, release, ns);
      expect(got).toBe(want);
      expect(got).not.toContain("Installed "); // NOTES.txt stays out
    });

  test("a release name Helm refuses (over 53 characters) gives Helm's error", async () => {
    let peerErr = "";
    try {
      peer({}, "r".repeat(54), "default");
    } catch (e) {
      peerErr = (e as Error).message;
    }
    expect(peerErr).toContain("invalid release name");
    const err = await ours({}, "r".repeat(54), "default").then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(HelmEngineError);
    expect(peerErr).toContain(`Error: ${err!.message}`);
  });

  test("a `required` value removed by a null gives Helm's error", async () => {
    const values = { image: { repository: null } };
    let peerErr = "";
    try {
      peer(values, "acme", "default");
    } catch (e) {
      peerErr = (e as Error).message;
    }
    expect(peerErr).toContain("image.repository is required");
    const err = await ours(values, "acme", "default").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HelmEngineError);
    const msg = (err as HelmEngineError).message;
    expect(msg).toContain("acme-chart/templates/deployment.yaml");
    // the CLI prints "Error: <the same text>"
    expect(peerErr).toContain(`Error: ${msg}`);
  });

  test("a chart template that does not parse: Helm's parse error naming the file", async () => {
    const broken = buildChart(path.join(dir, "broken"), { ...CHART_FILES, "templates/bad.yaml": "x: {{ .Values.a \n" });
    const bytes = Buffer.from(await Bun.file(broken).bytes()).toString("base64");
    const err = await helmOp("helm.template", { chart: bytes, values: {}, release: "a", namespace: "b", includeCRDs: true }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toContain("acme-chart/templates/bad.yaml");
    let peerErr = "";
    try {
      helmTemplate(broken, "a", "b", path.join(dir, "values-acme.yaml"));
    } catch (e) {
      peerErr = (e as Error).message;
    }
    expect(peerErr).toContain(err!.message);
  });

  describe("a chart with a subchart (dependencies, condition, global and parent values)", () => {
    const withDeps = (deps: string, sub: boolean) => ({
      ...CHART_FILES,
      "Chart.yaml": CHART_FILES["Chart.yaml"]! + deps,
      "values.yaml": CHART_FILES["values.yaml"]! + "global:\n  team: helpdesk\ndb:\n  enabled: false\n  size: 1Gi\n",
      ...(sub
        ? {
            "charts/db/Chart.yaml": "apiVersion: v2\nname: db\nversion: 0.1.0\n",
            "charts/db/values.yaml": "size: 5Gi\nimage: docker.io/library/postgres:16\n",
            "charts/db/templates/sts.yaml": "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Release.Name }}-db\n  labels:\n    team: {{ .Values.global.team }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: {{ .Values.image }}\n          args: [{{ .Values.size | quote }}, {{ .Chart.Name | quote }}]\n",
          }
        : {}),
    });
    const DEPS = "dependencies:\n  - name: db\n    version: 0.1.0\n    condition: db.enabled\n";
    for (const [name, values] of [
      ["condition false: the subchart is left out", {}],
      ["condition true: the subchart renders with the parent's db values over its own", { db: { enabled: true } }],
    ] as const)
      test(name, async () => {
        const c = buildChart(path.join(dir, `deps-${name.length}`), withDeps(DEPS, true));
        const vf = path.join(dir, `deps-values-${name.length}.yaml`);
        writeFileSync(vf, JSON.stringify(values));
        const want = helmTemplate(c, "acme", "apps", vf);
        expect(want.includes("acme-chart/charts/db/templates/sts.yaml")).toBe(name.startsWith("condition true"));
        const got = await helmOp<{ manifest: string }>("helm.template", { chart: Buffer.from(await Bun.file(c).bytes()).toString("base64"), values, release: "acme", namespace: "apps", includeCRDs: true });
        expect(got.manifest).toBe(want);
      });

    test("a dependency missing from charts/: Helm's error", async () => {
      const c = buildChart(path.join(dir, "deps-missing"), withDeps(DEPS, false));
      let peerErr = "";
      try {
        helmTemplate(c, "acme", "apps", path.join(dir, "values-acme.yaml"));
      } catch (e) {
        peerErr = (e as Error).message;
      }
      expect(peerErr).toContain("found in Chart.yaml, but missing in charts/ directory: db");
      const err = await helmOp("helm.template", { chart: Buffer.from(await Bun.file(c).bytes()).toString("base64"), values: {}, release: "acme", namespace: "apps", includeCRDs: true }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(HelmEngineError);
      expect(peerErr).toContain(`Error: ${err!.message}`);
    });
  });

  test("helm.chartInfo reads Chart.yaml; a file that is no chart is Helm's loader error", async () => {
    const bytes = Buffer.from(await Bun.file(chart).bytes()).toString("base64");
    expect(await helmOp("helm.chartInfo", { chart: bytes })).toEqual({ name: "acme-chart", version: "1.2.3" });
    const err = await helmOp("helm.chartInfo", { chart: Buffer.from("not a tarball").toString("base64") }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(HelmEngineError);
    expect(err!.message.length).toBeGreaterThan(0);
  });
});
