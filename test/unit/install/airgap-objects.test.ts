import { describe, expect, test } from "bun:test";
import { parse } from "yaml";
import { airgapConfigMaps, markAirgapped, MAX_RELEASE_ARCHIVE_BYTES } from "../../../src/install/airgap-objects.ts";
import { formatAirgapYaml } from "../../../src/airgap/meta.ts";
import { podImages } from "../../../src/install/airgap.ts";
import { renderAdminConsole } from "../../../src/manifests/render.ts";
import { resolveInstallInputs, type SourceIO } from "../../../src/cli/install-inputs.ts";
import { UsageError } from "../../../src/errors.ts";
import { find, options, SECRETS } from "../manifests/fixtures.ts";

describe("what kotsadm v1.88 reads in an airgap install", () => {
  const hand = {
    airgapYaml: formatAirgapYaml({ appSlug: "acme-helpdesk", versionLabel: "1.0.0", updateCursor: "", format: "docker", savedImages: ["redis:7.2-alpine"] }),
    releaseArchive: new Uint8Array(Bun.gzipSync(new TextEncoder().encode("a release"))),
    images: [{ name: "redis", newName: "reg.local:5000/acme/redis", newTag: "7.2-alpine" }],
  };
  const decode = (o: { [k: string]: unknown }, key: string) => new Uint8Array(Buffer.from((o.data as Record<string, string>)[key]!, "base64"));

  test("three ConfigMaps labelled for automation with the app slug; every value base64 of the file kotsadm writes out", () => {
    const cms = airgapConfigMaps("ns1", "acme-helpdesk", hand, { labels: { team: "pay" }, annotations: { "a.example/b": "c" } });
    expect(cms.map((c) => c.metadata.name)).toEqual(["kotsadm-airgap-meta", "kotsadm-airgap-images", "kotsadm-airgap-release"]);
    for (const c of cms) {
      expect(c.metadata.namespace).toBe("ns1");
      expect(c.metadata.labels).toMatchObject({ "kots.io/automation": "airgap", "kots.io/app": "acme-helpdesk", "kots.io/kotsadm": "true", team: "pay" });
      expect(c.metadata.annotations).toEqual({ "a.example/b": "c" });
      expect(Object.keys(c.data as object)).not.toContain("wait-for-airgap-app");
    }
    const meta = parse(Buffer.from(decode(cms[0]!, "airgap.yaml")).toString());
    expect(meta).toMatchObject({ apiVersion: "kots.io/v1beta1", kind: "Airgap", spec: { appSlug: "acme-helpdesk", versionLabel: "1.0.0", format: "docker" } });
    expect(JSON.parse(Buffer.from(decode(cms[1]!, "images.json")).toString())).toEqual(hand.images);
    expect(decode(cms[2]!, "app.tar.gz")).toEqual(new Uint8Array(hand.releaseArchive));
  });

  test("a release archive larger than a ConfigMap holds is refused", () => {
    expect(() => airgapConfigMaps("ns", "a", { ...hand, releaseArchive: new Uint8Array(MAX_RELEASE_ARCHIVE_BYTES + 1) })).toThrow("larger than a ConfigMap");
  });

  test("the license is annotated kots.io/airgap, kotsadm-confg says the images were pushed, the ConfigMaps follow it", () => {
    const opts = options({ kotsadmRegistry: "reg.local:5000/acme", registryUsername: "u", registryPassword: "p" });
    const objs = renderAdminConsole(opts, SECRETS, { license: "kind: License\n" });
    const before = objs.length;
    markAirgapped(objs, airgapConfigMaps(opts.namespace, opts.appSlug, hand));
    expect(objs.length).toBe(before + 3);
    expect(find(objs, "Secret", "kotsadm-default-license")!.metadata.annotations).toEqual({ "kots.io/airgap": "true" });
    expect((find(objs, "ConfigMap", "kotsadm-confg")!.data as Record<string, string>)["initial-app-images-pushed"]).toBe("true");
    const i = objs.findIndex((o) => o.metadata.name === "kotsadm-confg");
    expect(objs.slice(i + 1, i + 4).map((o) => o.metadata.name)).toEqual(["kotsadm-airgap-meta", "kotsadm-airgap-images", "kotsadm-airgap-release"]);
  });

  test("podImages lists every init and main container image of the set once: all rewritten to the registry", () => {
    const objs = renderAdminConsole(options({ kotsadmRegistry: "reg.local:5000/acme" }), SECRETS, {});
    const images = podImages(objs);
    expect(images.length).toBeGreaterThanOrEqual(4);
    expect(new Set(images).size).toBe(images.length);
    for (const i of images) expect(i.startsWith("reg.local:5000/acme/")).toBe(true);
    expect(images).toContain("reg.local:5000/acme/postgres:10.22-alpine"); // an init container's
    expect(images).toContain("reg.local:5000/acme/kotsadm-migrations:v1.88.0");
  });
});

describe("--airgap-bundle flags", () => {
  const io: SourceIO = {
    env: { KOTS_SHARED_PASSWORD: "good-password" },
    readFile: (f) => {
      if (f === "ca.pem") return "-----BEGIN CERTIFICATE-----\n";
      throw Object.assign(new Error("nope"), { code: "ENOENT" });
    },
    readStdin: () => "",
  };
  const run = (flags: Record<string, unknown>, interactive = false) => resolveInstallInputs("acme-helpdesk", { namespace: "ns", yes: true, ...flags }, io, interactive);

  test("without --kotsadm-registry: exit 2 naming both flags; headless without a license: exit 2", () => {
    expect(() => run({ airgapBundle: "a.airgap" })).toThrow(UsageError);
    expect(() => run({ airgapBundle: "a.airgap" })).toThrow("--airgap-bundle needs --kotsadm-registry");
    expect(() => run({ airgapBundle: "a.airgap", kotsadmRegistry: "reg.local:5000/acme" })).toThrow("--airgap-bundle needs --license-file");
    // the wizard asks for both
    const wizard = run({ airgapBundle: "a.airgap" }, true);
    expect(wizard.partial.airgapBundle).toBe("a.airgap");
    expect(wizard.missing.map((m) => m.flag)).toEqual(["--kotsadm-registry"]);
  });

  test("--registry-ca-file must be readable and is for --kotsadm-registry", () => {
    expect(() => run({ registryCaFile: "ca.pem" })).toThrow("--registry-ca-file is for --kotsadm-registry");
    expect(() => run({ kotsadmRegistry: "reg.local:5000/acme", registryCaFile: "missing.pem" })).toThrow("--registry-ca-file missing.pem cannot be read");
    const o = run({ kotsadmRegistry: "reg.local:5000/acme", registryCaFile: "ca.pem", airgapBundle: "a.airgap", licenseFile: "l.yaml" }).options!;
    expect(o).toMatchObject({ registryCaFile: "ca.pem", airgapBundle: "a.airgap", kotsadmRegistry: "reg.local:5000/acme" });
  });
});
