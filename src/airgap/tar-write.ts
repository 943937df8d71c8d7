/**
 * A streaming tar writer (POSIX ustar; a pax `path` record for names that do not fit ustar's
 * 100+155 bytes), for bundles made by `kots airgap build`. Regular files and directories only,
 * mode 0644/0755, one fixed mtime, owner 0:0, so the same inputs give the same bytes.
 */
import type { Writable } from "node:stream";

const enc = new TextEncoder();
const pad = (n: number) => (512 - (n % 512)) % 512;

function field(h: Uint8Array, off: number, len: number, s: string): void {
  const b = enc.encode(s);
  if (b.byteLength > len) throw new Error(`tar field too long: ${s}`);
  h.set(b, off);
}

function octal(h: Uint8Array, off: number, len: number, n: number): void {
  field(h, off, len, n.toString(8).padStart(len - 1, "0") + "\0");
}

function header(name: string, size: number, type: "0" | "5" | "x", mtime: number, prefix = ""): Uint8Array {
  const h = new Uint8Array(512);
  field(h, 0, 100, name);
  octal(h, 100, 8, type === "5" ? 0o755 : 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, mtime);
  h.fill(32, 148, 156);
  field(h, 156, 1, type);
  field(h, 257, 6, "ustar\0");
  field(h, 263, 2, "00");
  field(h, 345, 155, prefix);
  let sum = 0;
  for (const x of h) sum += x;
  field(h, 148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  return h;
}

/** Splits a name into ustar prefix and name, or undefined when it does not fit. */
function split(name: string): [string, string] | undefined {
  if (enc.encode(name).byteLength <= 100) return ["", name];
  for (let i = name.indexOf("/"); i !== -1; i = name.indexOf("/", i + 1)) {
    const p = name.slice(0, i);
    const n = name.slice(i + 1);
    if (enc.encode(p).byteLength <= 155 && enc.encode(n).byteLength <= 100 && n !== "") return [p, n];
  }
  return undefined;
}

function paxRecord(key: string, value: string): Uint8Array {
  const body = ` ${key}=${value}\n`;
  let len = enc.encode(body).byteLength + 1;
  while (String(len).length + enc.encode(body).byteLength !== len) len = String(len).length + enc.encode(body).byteLength;
  return enc.encode(`${len}${body}`);
}

/** Writes a tar to `out`, honouring its backpressure. */
export class TarWriter {
  constructor(
    private readonly out: Writable,
    private readonly mtime = 0,
  ) {}

  private async write(b: Uint8Array): Promise<void> {
    if (!this.out.write(b)) await new Promise<void>((resolve, reject) => {
      const onErr = (e: Error) => reject(e);
      this.out.once("error", onErr);
      this.out.once("drain", () => {
        this.out.off("error", onErr);
        resolve();
      });
    });
  }

  private async head(name: string, size: number, type: "0" | "5"): Promise<void> {
    const s = split(name);
    if (s) return this.write(header(s[1], size, type, this.mtime, s[0]));
    const rec = paxRecord("path", name);
    await this.write(header("PaxHeaders/entry", rec.byteLength, "x", this.mtime));
    await this.write(rec);
    await this.write(new Uint8Array(pad(rec.byteLength)));
    await this.write(header(name.slice(-100).replace(/^\/+/, ""), size, type, this.mtime));
  }

  /** A directory entry (`name` without the trailing slash). */
  async dir(name: string): Promise<void> {
    await this.head(name + "/", 0, "5");
  }

  /** A regular file of `size` bytes from `body` (bytes, or chunks that must add up to `size`). */
  async file(name: string, size: number, body: Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
    await this.head(name, size, "0");
    let n = 0;
    if (body instanceof Uint8Array) {
      n = body.byteLength;
      await this.write(body);
    } else
      for await (const c of body) {
        n += c.byteLength;
        await this.write(c);
      }
    if (n !== size) throw new Error(`tar entry ${name}: ${n} bytes written, ${size} announced`);
    await this.write(new Uint8Array(pad(size)));
  }

  /** The two zero blocks that end an archive. */
  async end(): Promise<void> {
    await this.write(new Uint8Array(1024));
  }
}
