// The airgap install's check before anything is applied (src/install/image-check.ts): manifest
// HEAD of each image in real registries (Debian docker-registry): htpasswd + TLS with a test CA,
// and token auth. Present by tag and by digest, absent, refused credentials, untrusted TLS.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { missingImages } from "../../src/install/image-check.ts";
import { copyImage, CopyError } from "../../src/registry/copy/index.ts";
import { startTlsAuthRegistry, startTokenRegistry, type RunningRegistry, type TokenRegistry } from "../support/copy-registries.ts";
import { buildImage } from "../support/oci-images.ts";

let tls: RunningRegistry;
let token: TokenRegistry;
let layout: string;
let digest: string;

beforeAll(async () => {
  [tls, token] = await Promise.all([startTlsAuthRegistry(), startTokenRegistry()]);
  layout = mkdtempSync(path.join(os.tmpdir(), "kots-imgcheck-"));
  digest = buildImage(layout, { name: "web", layers: [4096], platforms: [{ os: "linux", architecture: "amd64" }, { os: "linux", architecture: "arm64" }] }).digest;
  await copyImage({ layout, name: "web" }, `${tls.host}/acme/web:1.0`, { dst: { caFile: tls.caFile, username: tls.username, password: tls.password } });
  await copyImage({ layout, name: "web" }, `${token.host}/acme/web:1.0`, { dst: { plainHttp: true, username: token.username, password: token.password } });
}, 60_000);

afterAll(() => {
  tls?.stop();
  token?.stop();
  if (layout) rmSync(layout, { recursive: true, force: true });
});

describe("missingImages", () => {
  test("htpasswd + TLS: the absent ones, in order; a tag or a digest that is there is not", async () => {
    const access = { username: tls.username, password: tls.password, caFile: tls.caFile };
    const images = [`${tls.host}/acme/web:1.0`, `${tls.host}/acme/web:2.0`, `${tls.host}/acme/web@${digest}`, `${tls.host}/acme/db:1`, `${tls.host}/acme/web@sha256:${"0".repeat(64)}`];
    expect(await missingImages(images, access)).toEqual([images[1], images[3], images[4]]);
  });

  test("token auth: the same answer through pull tokens", async () => {
    const images = [`${token.host}/acme/web:1.0`, `${token.host}/acme/api:1.0`];
    expect(await missingImages(images, { username: token.username, password: token.password, plainHttp: true })).toEqual([images[1]]);
  });

  test("refused credentials and an untrusted certificate are errors naming the registry, never the password", async () => {
    const refused = await missingImages([`${tls.host}/acme/web:1.0`], { username: tls.username, password: "wrong", caFile: tls.caFile }).catch((e) => e);
    expect(refused).toBeInstanceOf(CopyError);
    expect((refused as CopyError).code).toBe("unauthorized");
    expect((refused as CopyError).message).toContain(tls.host);
    expect((refused as CopyError).message).not.toContain("wrong");
    const untrusted = await missingImages([`${tls.host}/acme/web:1.0`], { username: tls.username, password: tls.password }).catch((e) => e);
    expect(untrusted).toBeInstanceOf(CopyError);
    expect((untrusted as CopyError).code).toBe("unreachable");
    expect((untrusted as CopyError).message).toMatch(/TLS|certificate/);
  });
});
