import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { releasePreflightSources, renderPreflightSpec } from "../../../src/preflight/app/release-spec.ts";
import { PreflightSpecError } from "../../../src/preflight/app/spec.ts";

const values = (db: string) => `apiVersion: kots.io/v1beta1
kind: ConfigValues
metadata: {name: acme-helpdesk}
spec:
  values:
    database_type: {value: ${db}}
`;

describe("the release's Preflight, rendered with the app's template context", () => {
  const sources = releasePreflightSources("examples/acme-helpdesk");

  test("the example release has one Preflight document", () => {
    expect(sources.map((s) => path.basename(s.file))).toEqual(["kots-preflight.yaml"]);
  });

  test("exclude follows the ConfigValues through ConfigOptionEquals", () => {
    const storage = (db: string) =>
      renderPreflightSpec(sources, { releaseDir: "examples/acme-helpdesk", configValues: values(db) }).analyzers.find((a) => a.storageClass)!.storageClass!;
    expect(storage("external").exclude).toBe("true");
    expect(storage("embedded").exclude).toBe("false");
  });

  test("LicenseFieldValue, Namespace and the app slug reach a standalone spec", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kots-pf-spec-"));
    const file = path.join(dir, "p.yaml");
    writeFileSync(
      file,
      `apiVersion: troubleshoot.sh/v1beta2
kind: Preflight
metadata: {name: x}
spec:
  analyzers:
    - clusterVersion:
        checkName: 'for {{repl LicenseFieldValue "customerName" }} in {{repl Namespace }}'
        outcomes: [{pass: {message: ok}}]
`,
    );
    const license = readFileSync("examples/licenses/acme-helpdesk-v1beta2.yaml", "utf8");
    const spec = renderPreflightSpec([{ file, text: readFileSync(file, "utf8") }], { license, namespace: "team-a" });
    expect(spec.analyzers[0]!.clusterVersion!.checkName).toBe("for Example Customer Inc. in team-a");
  });

  test("a template error names the file", () => {
    expect(() => renderPreflightSpec([{ file: "bad.yaml", text: "kind: Preflight\nx: '{{repl NoSuchFunction }}'\n" }])).toThrow(PreflightSpecError);
    expect(() => renderPreflightSpec([{ file: "bad.yaml", text: "kind: Preflight\nx: '{{repl NoSuchFunction }}'\n" }])).toThrow(/^bad\.yaml: /);
  });
});
