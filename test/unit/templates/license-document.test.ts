import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { appTemplateRenderer, licenseTemplateDocument } from "../../../src/install/app-templates.ts";
import { checkAgainstConfig } from "../../../src/install/seeds.ts";
import { newConfigSession, parseConfig, renderTemplate } from "../../../src/config/index.ts";

const repo = path.resolve(import.meta.dir, "../../..");
const licenseText = (f: string) => readFileSync(path.join(repo, "examples/licenses", f), "utf8");

// Expected values read off the example license files by hand (examples/licenses/README.md):
// agent_seats 25 (Integer), sso_enabled true (Boolean), sla_tier business (String).
const FIELDS = [
  ["agent_seats", "25"],
  ["sso_enabled", "true"],
  ["sla_tier", "business"],
  ["expires_at", "2099-12-31T00:00:00Z"],
  ["licenseID", "2ExampleLicense0AcmeHelpdesk"],
  ["licenseId", "2ExampleLicense0AcmeHelpdesk"],
  ["appSlug", "acme-helpdesk"],
  ["channelName", "Stable"],
  ["isAirgapSupported", "true"],
  ["isGitOpsSupported", "false"],
  ["licenseSequence", "1"],
  ["customerName", "Example Customer Inc."],
  ["no_such_entitlement", ""],
] as const;

const template = FIELDS.map(([f]) => `${f}={{repl LicenseFieldValue "${f}" }}`).join("\n");
const expected = FIELDS.map(([f, v]) => `${f}=${v}`).join("\n");

describe("the license document itself goes to LicenseFieldValue", () => {
  for (const file of ["acme-helpdesk-v1beta1.yaml", "acme-helpdesk-v1beta2.yaml"]) {
    test(`${file}: typed entitlements and spec fields through the app renderer (the Go engine)`, () => {
      const render = appTemplateRenderer({ license: licenseText(file), namespace: "n", appSlug: "acme-helpdesk" });
      expect(render(template, "f.yaml")).toBe(expected);
    });
  }

  test("typed entitlements print as Go prints them: the Integer's text converts with atoi, the Boolean's is true", () => {
    const ctx = { licenseDocument: licenseTemplateDocument(licenseText("acme-helpdesk-v1beta2.yaml")) };
    // LicenseFieldValue returns a string; atoi/ParseBool of it work only for the typed values' texts
    expect(renderTemplate('{{repl add (atoi (LicenseFieldValue "agent_seats")) 1 }} {{repl eq (LicenseFieldValue "sso_enabled") "true" }}', ctx, { file: "f" })).toBe("26 true");
  });

  test("LicenseDockerCfg is built from the document's licenseID", () => {
    const ctx = { licenseDocument: licenseTemplateDocument(licenseText("acme-helpdesk-v1beta2.yaml")) };
    const cfg = JSON.parse(Buffer.from(renderTemplate("{{repl LicenseDockerCfg }}", ctx, { file: "f" }), "base64").toString()) as { auths: Record<string, { auth: string }> };
    const auth = Buffer.from("2ExampleLicense0AcmeHelpdesk:2ExampleLicense0AcmeHelpdesk").toString("base64");
    expect(cfg.auths).toEqual({ "proxy.replicated.com": { auth }, "registry.replicated.com": { auth } });
  });

  test("an entitlement value written as a quoted number stays a string; the flat-fields path without a document still works", () => {
    const doc = { apiVersion: "kots.io/v1beta1", kind: "License", spec: { licenseID: "L", entitlements: { seats: { value: "007", valueType: "String" } } } };
    expect(renderTemplate('{{repl LicenseFieldValue "seats" }}', { licenseDocument: doc }, { file: "f" })).toBe("007");
    expect(renderTemplate('{{repl LicenseFieldValue "seats" }}/{{repl LicenseFieldValue "licenseID" }}', { license: { seats: 7, licenseID: "F" } }, { file: "f" })).toBe("7/F");
    // the document wins over flat fields
    expect(renderTemplate('{{repl LicenseFieldValue "licenseID" }}', { licenseDocument: doc, license: { licenseID: "F" } }, { file: "f" })).toBe("L");
  });

  test("a Config item reads the license in a session and in the seeds' ConfigValues check", () => {
    const config = parseConfig(
      `apiVersion: kots.io/v1beta1
kind: Config
metadata: {name: c}
spec:
  groups:
  - name: g
    title: G
    items:
    - name: seats
      type: text
      default: '{{repl LicenseFieldValue "agent_seats" }}'
    - name: sso_url
      type: text
      required: true
      when: '{{repl LicenseFieldValue "sso_enabled" }}'
`,
      "kots-config.yaml",
    );
    const licenseDocument = licenseTemplateDocument(licenseText("acme-helpdesk-v1beta1.yaml"));
    expect(newConfigSession(config, { context: { licenseDocument } }).get("seats")).toBe("25");
    // sso_url is shown (sso_enabled is true) and required: the check says so; without the license `when` is false and it is hidden
    const cfg = {
      yaml: `apiVersion: kots.io/v1beta1
kind: Config
metadata: {name: c}
spec:
  groups:
  - name: g
    title: G
    items:
    - name: sso_url
      type: text
      required: true
      when: '{{repl eq (LicenseFieldValue "sso_enabled") "true" }}'
`,
      file: "kots-config.yaml",
    };
    expect(checkAgainstConfig(cfg, {}, { licenseDocument }).errors.join("\n")).toContain("sso_url");
    expect(checkAgainstConfig(cfg, {}, {}).errors).toEqual([]);
  });
});
