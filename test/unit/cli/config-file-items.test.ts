import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { newConfigSession, parseConfig } from "../../../src/config/index.ts";
import { releaseConfig } from "../../../src/install/release.ts";
import { ConfigSessionAdapter } from "../../../src/cli/wizard/services.ts";

// A Config `file` item in the wizard (issue 10): typing a path reads nothing; the file is read at
// validation, and then shows as name (size). Before, every keystroke read the file and crashed.
const config = releaseConfig("examples/acme-helpdesk")!;
const session = () => {
  const s = new ConfigSessionAdapter(newConfigSession(parseConfig(config.yaml, "kots-config.yaml")));
  s.set("enable_tls", "1");
  return s;
};
const item = (s: ConfigSessionAdapter, name: string) => s.visibleGroups().flatMap((g) => g.items).find((i) => i.name === name)!;

describe("file items", () => {
  test("typing a path, one character at a time, reads nothing and shows the path", () => {
    const s = session();
    for (const partial of ["/", "/no", "/nope/cert.pem"]) s.set("tls_cert", partial);
    expect(item(s, "tls_cert").value).toBe("/nope/cert.pem");
  });

  test("a path that cannot be read is one plain issue at validation", () => {
    const s = session();
    s.set("tls_cert", "/nope/cert.pem");
    const issues = s.validate().filter((i) => i.item === "tls_cert");
    expect(issues).toEqual([{ item: "tls_cert", message: "/nope/cert.pem cannot be read: no such file" }]);
  });

  test("a readable file is loaded at validation and shown as name (size)", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cfg-file-"));
    const pem = path.join(dir, "cert.pem");
    const body = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    writeFileSync(pem, body);
    const s = session();
    s.set("tls_cert", pem);
    expect(s.validate().filter((i) => i.item === "tls_cert")).toEqual([]);
    expect(item(s, "tls_cert").value).toBe(pem);
    expect(item(s, "tls_cert").help_text).toBe(`cert.pem (${body.length} B)`);
    expect(s.values().tls_cert).toBe(Buffer.from(body).toString("base64"));
  });
});
