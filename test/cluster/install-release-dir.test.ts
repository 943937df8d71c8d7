import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { dropNamespace, getOne } from "../support/inspect.ts";
import { runKots } from "../support/kots.ts";

// APP as a release directory works headless too (issue 10): the slug comes from the license, the
// ConfigValues are checked against the release's Config, and the release's Application is stored.
let tc: TestCluster;
const made: string[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), "kots-release-"));
const LICENSE = ["--license-file", "examples/licenses/acme-helpdesk-v1beta2.yaml", "--license-public-key", "examples/keys/example-global.public.pem"];
const run = (ns: string | undefined, extra: string[]) =>
  runKots(["install", "./examples/acme-helpdesk", ...(ns ? ["-n", ns] : []), "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", tc.kubeconfig, ...LICENSE, ...extra], {
    env: { KOTS_SHARED_PASSWORD: "release-dir-pw" },
  });

beforeAll(() => {
  tc = ensureCluster();
}, 120_000);
afterAll(() => made.forEach((ns) => dropNamespace(tc, ns)));

describe("kots install ./release-dir --yes", () => {
  test("installs, with the ConfigValues seeded into kotsadm-default-configvalues and the Application stored", async () => {
    const ns = uniqueNamespace("reldir");
    made.push(ns);
    const r = await run(ns, ["--config-values", "examples/acme-helpdesk/configvalues.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const cv = getOne(tc, "secret", "kotsadm-default-configvalues", ns);
    expect(cv.metadata.labels).toMatchObject({ "kots.io/app": "acme-helpdesk", "kots.io/automation": "configvalues" });
    const stored = parse(Buffer.from(Object.values<string>(cv.data)[0]!, "base64").toString("utf8"));
    expect(stored.spec.values.hostname.value).toBe("helpdesk.acme.example");
    const app = parse(getOne(tc, "configmap", "kotsadm-application-metadata", ns).data["application.yaml"]);
    expect(app).toMatchObject({ apiVersion: "kots.io/v1beta1", kind: "Application", spec: { title: "Acme Helpdesk" } });
  });

  test("without -n, the namespace is the license's app slug, not the path", async () => {
    const r = await run(undefined, ["--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.events.at(-1)).toMatchObject({ type: "done", namespace: "acme-helpdesk" });
  });

  test("a bad ConfigValues file is refused with every problem listed, exit 2, nothing applied", async () => {
    const text = readFileSync("examples/acme-helpdesk/configvalues.yaml", "utf8")
      .replace("value: helpdesk.acme.example", 'value: "BAD HOST"')
      .replace('value: "3"', 'value: "many"')
      .replace("    enable_tls:", "    no_such_item:\n      value: x\n    enable_tls:");
    const bad = path.join(dir, "bad-configvalues.yaml");
    writeFileSync(bad, text);
    const ns = uniqueNamespace("badcv");
    const r = await run(ns, ["--config-values", bad]);
    expect(r.code).toBe(2);
    const line = r.stderr.trim();
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toContain('config item "hostname"');
    expect(line).toContain('config item "replicas"');
    expect(r.events.at(-1)).toMatchObject({ type: "error", exitCode: 2, applied: [] });
    expect(getOne(tc, "namespace", ns)).toBeUndefined();
  });
});
