import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { releaseApplicationYaml } from "../../../src/install/release.ts";

describe("the release's kots.io Application, for kotsadm-application-metadata", () => {
  test("examples/acme-helpdesk: its kots.io/v1beta1 Application with the branding", () => {
    const yaml = releaseApplicationYaml("examples/acme-helpdesk");
    expect(yaml).toBeDefined();
    expect(parse(yaml!)).toMatchObject({ apiVersion: "kots.io/v1beta1", kind: "Application", spec: { title: "Acme Helpdesk" } });
  });

  test("an app.k8s.io Application is not KOTS's; a slug is no release", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "rel-"));
    writeFileSync(path.join(dir, "app.yaml"), "apiVersion: app.k8s.io/v1beta1\nkind: Application\nmetadata:\n  name: sentry\n");
    expect(releaseApplicationYaml(dir)).toBeUndefined();
    writeFileSync(path.join(dir, "kots.yaml"), "apiVersion: app.k8s.io/v1beta1\nkind: Application\nmetadata:\n  name: x\n---\napiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: sentry-pro\n");
    expect(parse(releaseApplicationYaml(dir)!).metadata.name).toBe("sentry-pro");
    expect(releaseApplicationYaml("sentry-pro")).toBeUndefined();
  });
});
