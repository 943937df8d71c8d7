import { describe, expect, test } from "bun:test";
import { parseAllDocuments } from "yaml";
import { renderAdminConsole } from "../../../src/manifests/render.ts";
import { generateSecrets } from "../../../src/manifests/secrets.ts";
import { REDACTED, redactSecrets, renderYaml } from "../../../src/manifests/yaml.ts";
import { ids, options, SECRETS } from "./fixtures.ts";

const REGISTRY = { kotsadmRegistry: "registry.corp.example/kots", registryUsername: "robot", registryPassword: "robot-pw-123" };
const LICENSE = "kind: License\nspec:\n  licenseID: LIC-SECRET-0042\n";
const CONFIG = "kind: ConfigValues\nspec:\n  values:\n    db_password: {value: CFG-SECRET-0043}\n";

describe("--dry-run YAML (renderYaml)", () => {
  test("contains none of the secret values, in plain or base64 form", async () => {
    const secrets = await generateSecrets("admin-pw-77");
    const objs = renderAdminConsole(options(REGISTRY), secrets, { license: LICENSE, configValues: CONFIG });
    const out = renderYaml(objs);
    const values = [
      ...Object.values(secrets),
      "admin-pw-77",
      "robot-pw-123",
      Buffer.from("robot:robot-pw-123").toString("base64"),
      "LIC-SECRET-0042",
      "CFG-SECRET-0043",
    ];
    for (const v of values) {
      expect(out).not.toContain(v);
      expect(out).not.toContain(Buffer.from(v).toString("base64"));
    }
    // and every Secret still shows its keys
    expect(out).toContain(`passwordBcrypt: ${REDACTED}`);
    expect(out).toContain(`.dockerconfigjson: ${REDACTED}`);
  });

  test("is multi-document YAML of the same objects in the same order", () => {
    const objs = renderAdminConsole(options(), SECRETS);
    const docs = parseAllDocuments(renderYaml(objs));
    expect(Array.isArray(docs)).toBe(true);
    const parsed = (docs as any[]).map((d) => d.toJS());
    expect(ids(parsed)).toEqual(ids(objs));
    const nonSecrets = objs.filter((o) => o.kind !== "Secret");
    expect(parsed.filter((o) => o.kind !== "Secret")).toEqual(nonSecrets);
  });

  test("strings a YAML 1.1 reader would mistake are quoted (MINIO_BROWSER \"on\")", () => {
    const out = renderYaml(renderAdminConsole(options(), SECRETS));
    expect(out).toContain('value: "on"');
    expect(out).toContain('value: "off"');
    expect(out).toContain('kots.io/kotsadm: "true"');
  });

  test("redactSecrets does not modify its input", () => {
    const objs = renderAdminConsole(options(), SECRETS);
    const before = JSON.stringify(objs);
    const red = redactSecrets(objs);
    expect(JSON.stringify(objs)).toBe(before);
    for (const s of red.filter((o) => o.kind === "Secret")) for (const v of Object.values(s.data as object)) expect(v).toBe(REDACTED);
  });

  test("empty input", () => {
    expect(renderYaml([])).toBe("");
  });
});
