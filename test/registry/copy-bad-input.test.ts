/**
 * The copy engine's failures against real parts: unreachable and non-registry endpoints, refused
 * credentials, untrusted TLS, malformed endpoints and references, digest mismatches (a blob
 * corrupted inside the source registry's own storage, and inside a layout), a full disk (a 2 MiB
 * tmpfs), and retries through a TCP proxy that resets connections mid-blob.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { copyImage, CopyError, parseLocation, parsePlatform, checkHost, type CopyEvent, type CopyOptions } from "../../src/registry/copy/index.ts";
import { freePort, startOpenRegistry, startTlsAuthRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { buildImage, type BuiltImage } from "../support/oci-images.ts";
import { headBlob, pullDigest } from "../support/pull-back.ts";

let open: RunningRegistry;
let tls: RunningRegistry;
let work: string;
let layout: string;
let img: BuiltImage;
const MiB = 1024 * 1024;
const FAST: CopyOptions = { monolithicMax: 512 * 1024, chunkSize: MiB, backoffMs: 10, retries: 2, timeoutMs: 5_000 };
const fromOpen = (): CopyOptions => ({ ...FAST, src: { plainHttp: true } });
const toTls = (): CopyOptions["dst"] => ({ caFile: tls.caFile, username: tls.username, password: tls.password });

async function failure(p: Promise<unknown>): Promise<CopyError> {
  const err = await p.then(
    () => undefined,
    (e) => e,
  );
  if (!(err instanceof CopyError)) throw new Error(`expected a CopyError, got ${err === undefined ? "success" : String(err)}`);
  expect(err.message).not.toContain("\n");
  expect(err.message).not.toMatch(/ECONN|ENOSPC|ENOENT|EACCES|ETIMEDOUT|pass verbose/);
  return err;
}

const storageData = (reg: RunningRegistry, digest: string) => path.join(reg.storage, "docker/registry/v2/blobs/sha256", digest.slice(7, 9), digest.slice(7), "data");

/** Flips bytes in the middle of a file, keeping its length. */
function corrupt(file: string) {
  const size = readFileSync(file).byteLength;
  const fd = openSync(file, "r+");
  writeSync(fd, Buffer.from("CORRUPTED!"), 0, 10, Math.floor(size / 2));
  closeSync(fd);
}

beforeAll(async () => {
  [open, tls] = await Promise.all([startOpenRegistry(), startTlsAuthRegistry()]);
  work = mkdtempSync(path.join(tmpdir(), "kots-copy-bad-"));
  layout = path.join(work, "built");
  img = buildImage(layout, { name: "app:1", layers: [3 * MiB, 20_000] });
  await copyImage({ layout, name: "app:1" }, `${open.host}/vendor/app:1`, { ...FAST, dst: { plainHttp: true } });
}, 60_000);

afterAll(() => {
  open?.stop();
  tls?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("endpoints", () => {
  test("unreachable registry: code unreachable, names the host, says the connection was refused", async () => {
    const port = await freePort();
    const err = await failure(copyImage(`127.0.0.1:${port}/a/b:1`, { layout: path.join(work, "x"), name: "b" }, { ...FAST, src: { plainHttp: true } }));
    expect(err.code).toBe("unreachable");
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(err.message).toContain("refused");
    expect(existsSync(path.join(work, "x"))).toBe(false);
  });

  test("not a registry: a web server answering /v2/ with 404, or 200 with an HTML page", async () => {
    const s404 = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("<html>nope</html>", { status: 404, headers: { "content-type": "text/html" } }) });
    const s200 = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("<html>welcome</html>", { headers: { "content-type": "text/html" } }) });
    try {
      for (const [s, status] of [[s404, "HTTP 404"], [s200, "not the distribution API"]] as const) {
        const err = await failure(copyImage(`${open.host}/vendor/app:1`, `127.0.0.1:${s.port}/x/app:1`, { ...fromOpen(), dst: { plainHttp: true } }));
        expect(err.code).toBe("not-registry");
        expect(err.message).toContain(`127.0.0.1:${s.port} is not a registry`);
        expect(err.message).toContain(status);
      }
    } finally {
      s404.stop(true);
      s200.stop(true);
    }
  });

  test("refused credentials (htpasswd): code unauthorized, the password is not in the message, nothing pushed", async () => {
    const err = await failure(copyImage(`${open.host}/vendor/app:1`, `${tls.host}/x/app:1`, { ...fromOpen(), dst: { caFile: tls.caFile, username: tls.username, password: "not-the-password-42" } }));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toBe(`${tls.host} refused the credentials of ${tls.username} (HTTP 401)`);
    expect(await headBlob(tls, "x/app", img.blobs[0]!.digest)).toBe(404);
  });

  test("no credentials for a registry that needs them", async () => {
    const err = await failure(copyImage(`${open.host}/vendor/app:1`, `${tls.host}/x/app:1`, { ...fromOpen(), dst: { caFile: tls.caFile, dockerConfig: path.join(work, "none.json") } }));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toContain("no credentials given or found in the Docker config");
  });

  test("TLS from an unknown CA is not trusted without caFile", async () => {
    const err = await failure(copyImage(`${open.host}/vendor/app:1`, `${tls.host}/x/app:1`, { ...fromOpen(), dst: { username: tls.username, password: tls.password } }));
    expect(err.code).toBe("unreachable");
    expect(err.message).toContain("TLS certificate is not trusted");
  });

  test("malformed endpoints: a port out of range, a scheme in the host; a missing CA file", async () => {
    const err = await failure(copyImage(`${open.host}/vendor/app:1`, `127.0.0.1:99999/x/app:1`, fromOpen()));
    expect(err.code).toBe("bad-endpoint");
    expect(err.message).toContain("port 99999 is out of range");
    expect(() => checkHost("http://registry.local")).toThrow(/is not a registry endpoint/);
    expect(() => checkHost("registry.local:5000")).not.toThrow();
    const ca = await failure(copyImage(`${open.host}/vendor/app:1`, `${tls.host}/x/app:1`, { ...fromOpen(), dst: { caFile: path.join(work, "missing-ca.pem") } }));
    expect(ca.code).toBe("bad-endpoint");
  });
});

describe("references", () => {
  test("unparsable references and platforms: code bad-reference naming the input", async () => {
    for (const s of ["Vendor/App:1", "vendor/app:bad tag", "vendor/app@sha256:1234", "", "oci::name", "oci:/dir:"]) {
      let err: unknown;
      try {
        parseLocation(s);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CopyError);
      expect((err as CopyError).code).toBe("bad-reference");
    }
    const e2 = await failure(copyImage("vendor/APP:1", `${tls.host}/x/app:1`));
    expect(e2.code).toBe("bad-reference");
    expect(e2.message).toContain('"vendor/APP:1"');
    expect(() => parsePlatform("linux")).toThrow(/is not a platform/);
  });

  test("an unknown tag and a platform the image does not have: code not-found", async () => {
    const e1 = await failure(copyImage(`${open.host}/vendor/app:nope`, { layout: path.join(work, "nf"), name: "a" }, fromOpen()));
    expect(e1.code).toBe("not-found");
    expect(e1.message).toContain(`${open.host}/vendor/app:nope`);
    const multi = buildImage(layout, { name: "multi:1", layers: [100], platforms: [{ os: "linux", architecture: "amd64" }] });
    expect(multi.manifests.length).toBe(2);
    const e2 = await failure(copyImage({ layout, name: "multi:1" }, { layout: path.join(work, "nf2"), name: "m" }, { platform: "linux/riscv64" }));
    expect(e2.code).toBe("not-found");
    expect(e2.message).toContain("has no linux/riscv64 image (it has linux/amd64)");
  });
});

describe("digest mismatch", () => {
  test("a blob corrupted in the source registry's storage: the copy stops naming image and blob; the target has no such blob", async () => {
    const bad = buildImage(layout, { name: "bad:1", layers: [2 * MiB + 5, 300_000] });
    await copyImage({ layout, name: "bad:1" }, `${open.host}/vendor/bad:1`, { ...FAST, dst: { plainHttp: true } });
    const big = bad.blobs.find((b) => b.size === 2 * MiB + 5)!;
    const small = bad.blobs.find((b) => b.size === 300_000)!;
    corrupt(storageData(open, big.digest));
    corrupt(storageData(open, small.digest));
    const err1 = await failure(copyImage(`${open.host}/vendor/bad:1`, `${tls.host}/bad/app:1`, { ...fromOpen(), dst: toTls() }));
    expect(err1.code).toBe("digest-mismatch");
    expect(err1.message).toContain(`of ${open.host}/vendor/bad:1 does not match its digest`);
    expect(err1.message).toContain(`not stored in ${tls.host}/bad/app:1`);
    expect([big.digest, small.digest].some((d) => err1.message.includes(`blob ${d}`))).toBe(true);
    expect(await headBlob(tls, "bad/app", big.digest)).toBe(404);
    expect(await headBlob(tls, "bad/app", small.digest)).toBe(404);
    // to a layout: no file under the digest and no temporary file left
    const dir = path.join(work, "bad-layout");
    const err = await failure(copyImage(`${open.host}/vendor/bad:1`, { layout: dir, name: "bad" }, fromOpen()));
    expect(err.code).toBe("digest-mismatch");
    expect(existsSync(path.join(dir, "blobs/sha256", big.digest.slice(7)))).toBe(false);
    expect(existsSync(path.join(dir, "blobs/sha256", small.digest.slice(7)))).toBe(false);
    expect(readdirSync(path.join(dir, "blobs/sha256")).filter((f) => f.startsWith("."))).toEqual([]);
    expect(existsSync(path.join(dir, "index.json"))).toBe(false);
  });

  test("a blob corrupted in a layout: the push stops naming it, deletes it from the layout, and the registry never has it", async () => {
    const dir = path.join(work, "corrupt-layout");
    const one = buildImage(dir, { name: "c:1", layers: [MiB + 77] });
    const layer = one.blobs.find((b) => b.size === MiB + 77)!;
    corrupt(path.join(dir, "blobs/sha256", layer.digest.slice(7)));
    const err = await failure(copyImage({ layout: dir, name: "c:1" }, `${tls.host}/corrupt/c:1`, { ...FAST, dst: toTls() }));
    expect(err.code).toBe("digest-mismatch");
    expect(err.message).toContain(`blob ${layer.digest} of oci:${dir}:c:1`);
    expect(existsSync(path.join(dir, "blobs/sha256", layer.digest.slice(7)))).toBe(false);
    expect(await headBlob(tls, "corrupt/c", layer.digest)).toBe(404);
  });
});

describe("full disk", () => {
  test("pulling 3 MiB into a 2 MiB tmpfs: code disk-full, nothing half-written left", async () => {
    const mnt = path.join(work, "tiny");
    mkdirSync(mnt);
    const m = Bun.spawnSync(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt], { stderr: "pipe" });
    if (m.exitCode !== 0) throw new Error(`cannot mount a tmpfs for the full-disk test: ${m.stderr.toString()}`);
    try {
      const dir = path.join(mnt, "images");
      const err = await failure(copyImage(`${open.host}/vendor/app:1`, { layout: dir, name: "app" }, fromOpen()));
      expect(err.code).toBe("disk-full");
      expect(err.message).toContain("the disk is full");
      // whichever blob hit the end of the space is named (the blobs go in parallel)
      expect(img.blobs.some((b) => err.message.includes(`writing blob ${b.digest} of oci:${dir}:app`))).toBe(true);
      expect(readdirSync(path.join(dir, "blobs/sha256")).filter((f) => f.startsWith("."))).toEqual([]);
      expect(existsSync(path.join(dir, "index.json"))).toBe(false);
    } finally {
      // a busy mount (a file still open) would outlive the test: retry, then detach it lazily
      let u = Bun.spawnSync(["umount", mnt], { stderr: "pipe" });
      for (let i = 0; i < 10 && u.exitCode !== 0; i++) {
        await Bun.sleep(100);
        u = Bun.spawnSync(["umount", mnt], { stderr: "pipe" });
      }
      if (u.exitCode !== 0) Bun.spawnSync(["umount", "-l", mnt]);
      expect(u.exitCode).toBe(0); // the engine left no file open on the full disk
    }
  });
});

describe("retries", () => {
  test("connections reset mid-blob are retried with backoff and the copy completes with the right digests", async () => {
    // a TCP proxy in front of the open registry that cuts the first two connections carrying more than 1 MiB
    let cut = 0;
    const upstreamPort = Number(open.host.split(":")[1]);
    const proxy = Bun.listen<{ up?: import("bun").Socket<unknown>; sent: number; pending: Uint8Array[] }>({
      hostname: "127.0.0.1",
      port: 0,
      socket: {
        open(client) {
          client.data = { sent: 0, pending: [] };
          void Bun.connect({
            hostname: "127.0.0.1",
            port: upstreamPort,
            socket: {
              open(up) {
                client.data.up = up;
                for (const p of client.data.pending) up.write(p);
              },
              data(_up, chunk) {
                client.data.sent += chunk.byteLength;
                if (client.data.sent > MiB && cut < 2) {
                  cut++;
                  client.terminate();
                  _up.terminate();
                  return;
                }
                client.write(chunk);
              },
              close() {
                client.end();
              },
              error() {
                client.end();
              },
            },
          });
        },
        data(client, chunk) {
          if (client.data.up) client.data.up.write(chunk);
          else client.data.pending.push(new Uint8Array(chunk));
        },
        close(client) {
          client.data.up?.end();
        },
      },
    });
    try {
      const events: CopyEvent[] = [];
      const r = await copyImage(`127.0.0.1:${proxy.port}/vendor/app:1`, `${tls.host}/retried/app:1`, { ...fromOpen(), dst: toTls(), backoffMs: 50 }, (e) => events.push(e));
      expect(cut).toBe(2);
      expect(events.filter((e) => e.type === "retry").length).toBeGreaterThanOrEqual(2);
      expect(r.digest).toBe(img.digest);
      for (const b of img.blobs) expect(await pullDigest(tls, "retried/app", "blobs", b.digest)).toBe(b.digest);
    } finally {
      proxy.stop(true);
    }
  });
});

describe("cancel", () => {
  test("an aborted copy rejects once every transfer has stopped, and leaves no partial file", async () => {
    const dir = path.join(work, "aborted");
    const ctl = new AbortController();
    const err = await failure(
      copyImage(`${open.host}/vendor/app:1`, { layout: dir, name: "app" }, { ...fromOpen(), signal: ctl.signal }, (e) => {
        if (e.type === "image-progress" && e.bytesDone > 0) ctl.abort();
      }),
    );
    expect(err.code).toBe("io");
    expect(err.message).toBe("the copy was cancelled");
    expect(existsSync(path.join(dir, "index.json"))).toBe(false);
    const left = existsSync(path.join(dir, "blobs/sha256")) ? readdirSync(path.join(dir, "blobs/sha256")) : [];
    expect(left.filter((f) => f.startsWith("."))).toEqual([]);
    expect(left.length).toBeLessThan(img.blobs.length);
  });
});
