/**
 * A streaming tar reader (POSIX ustar with the GNU `L` long-name and pax `x` path/size
 * extensions, as Go's archive/tar writes them for KOTS bundles). Entries are yielded in archive
 * order; an entry's body must be read to its end (or `skip()`ped) before the next is asked for.
 * Nothing is buffered beyond the chunk in hand. Errors: TarError `truncated` (the stream ends
 * inside a header or body) or `corrupt` (a header whose checksum or fields are wrong).
 */

export class TarError extends Error {
  override name = "TarError";
  constructor(
    readonly code: "truncated" | "corrupt",
    message: string,
  ) {
    super(message);
  }
}

/** One tar entry. `type`: `file`, `dir`, `link` (hard/symbolic), `other`. Sizes in bytes. */
export interface TarEntry {
  name: string;
  type: "file" | "dir" | "link" | "other";
  size: number;
  /** Byte offset of the entry's body in the uncompressed stream. */
  offset: number;
  /** The body's chunks (subarrays of the stream's; copy to keep them). Read once. */
  body(): AsyncGenerator<Uint8Array>;
  /** Reads and drops the rest of the body. */
  skip(): Promise<void>;
}

/** Pulls exact byte counts from an async iterable of chunks. */
export class ByteReader {
  private it: AsyncIterator<Uint8Array>;
  private head: Uint8Array | undefined;
  /** Bytes consumed so far. */
  pos = 0;
  constructor(src: AsyncIterable<Uint8Array>) {
    this.it = src[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    while (!this.head || this.head.byteLength === 0) {
      const r = await this.it.next();
      if (r.done) return false;
      this.head = r.value;
    }
    return true;
  }

  /** Exactly `n` bytes (copied when they span chunks), or undefined at a clean end before the first byte. */
  async read(n: number): Promise<Uint8Array | undefined> {
    if (!(await this.fill())) return undefined;
    if (this.head!.byteLength >= n) {
      const out = this.head!.subarray(0, n);
      this.head = this.head!.subarray(n);
      this.pos += n;
      return out;
    }
    const out = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      if (!(await this.fill())) throw new TarError("truncated", `the archive ends ${n - got} bytes short`);
      const take = Math.min(n - got, this.head!.byteLength);
      out.set(this.head!.subarray(0, take), got);
      this.head = this.head!.subarray(take);
      got += take;
    }
    this.pos += n;
    return out;
  }

  /** The next chunk of at most `max` bytes (max > 0); throws TarError truncated at the end. */
  async chunk(max: number): Promise<Uint8Array> {
    if (!(await this.fill())) throw new TarError("truncated", `the archive ends ${max} bytes short inside an entry`);
    const take = Math.min(max, this.head!.byteLength);
    const out = this.head!.subarray(0, take);
    this.head = this.head!.subarray(take);
    this.pos += take;
    return out;
  }

  /** Reads to the end of the source (so that a gzip source checks its trailer); returns the bytes dropped. */
  async drain(): Promise<number> {
    let n = 0;
    while (await this.fill()) {
      n += this.head!.byteLength;
      this.pos += this.head!.byteLength;
      this.head = undefined;
    }
    return n;
  }

  async close(): Promise<void> {
    await this.it.return?.(undefined);
  }
}

const dec = new TextDecoder();

function str(b: Uint8Array, off: number, len: number): string {
  const s = b.subarray(off, off + len);
  const z = s.indexOf(0);
  return dec.decode(z === -1 ? s : s.subarray(0, z));
}

function octal(b: Uint8Array, off: number, len: number, what: string): number {
  // GNU base-256 for large values
  if (b[off]! & 0x80) {
    let v = 0;
    for (let i = off + 1; i < off + len; i++) v = v * 256 + b[i]!;
    return v;
  }
  const s = str(b, off, len).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarError("corrupt", `a tar header has a bad ${what} field`);
  return parseInt(s, 8);
}

function checksumOk(h: Uint8Array): boolean {
  const want = octal(h, 148, 8, "checksum");
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return sum === want;
}

function parsePax(b: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const s = dec.decode(b);
  let i = 0;
  while (i < s.length) {
    const sp = s.indexOf(" ", i);
    if (sp === -1) break;
    const len = Number(s.slice(i, sp));
    if (!Number.isInteger(len) || len <= 0) throw new TarError("corrupt", "a pax header record is malformed");
    const rec = s.slice(sp + 1, i + len - 1);
    const eq = rec.indexOf("=");
    if (eq !== -1) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

const pad = (n: number) => (512 - (n % 512)) % 512;

/**
 * Yields the entries of the tar read from `src`. A stream that ends at a header boundary ends the
 * archive (as Go's archive/tar reads it); two zero blocks end it too. Throws TarError.
 */
export async function* tarEntries(src: AsyncIterable<Uint8Array> | ByteReader): AsyncGenerator<TarEntry> {
  const r = src instanceof ByteReader ? src : new ByteReader(src);
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  for (;;) {
    const h = await r.read(512);
    if (!h) return;
    if (h.every((x) => x === 0)) {
      await r.read(512).catch(() => undefined);
      return;
    }
    if (!checksumOk(h)) throw new TarError("corrupt", `a tar header at byte ${r.pos - 512} fails its checksum`);
    const flag = String.fromCharCode(h[156]!);
    const size = octal(h, 124, 12, "size");
    const magic = str(h, 257, 6);
    if (flag === "L" || flag === "x" || flag === "g") {
      const data = size > 0 ? await r.read(size) : new Uint8Array(0);
      if (!data) throw new TarError("truncated", "the archive ends inside an extended header");
      await r.read(pad(size));
      if (flag === "L") longName = str(data, 0, data.byteLength);
      else if (flag === "x") pax = { ...pax, ...parsePax(data) };
      continue;
    }
    let name = str(h, 0, 100);
    if (magic.startsWith("ustar")) {
      const prefix = str(h, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    if (longName !== undefined) name = longName;
    if (pax.path !== undefined) name = pax.path;
    const realSize = pax.size !== undefined ? Number(pax.size) : size;
    if (!Number.isSafeInteger(realSize) || realSize < 0) throw new TarError("corrupt", `tar entry ${name} has a bad size`);
    longName = undefined;
    pax = {};
    const type: TarEntry["type"] = flag === "0" || flag === "\0" || flag === "7" ? "file" : flag === "5" ? "dir" : flag === "1" || flag === "2" ? "link" : "other";
    const bodySize = type === "dir" || type === "link" ? 0 : realSize;
    const offset = r.pos;
    // `left` falls before each chunk is handed out, so skip() knows the rest even after a
    // consumer stopped reading half-way
    let left = bodySize;
    let padded = false;
    const finish = async () => {
      if (padded) return;
      padded = true;
      const p = pad(bodySize);
      if (p > 0 && (await r.read(p)) === undefined) throw new TarError("truncated", `the archive ends after ${name}`);
    };
    const entryName = name.replace(/^(\.\/)+/, "");
    const entry: TarEntry = {
      name: entryName,
      type,
      size: bodySize,
      offset,
      async *body() {
        while (left > 0) {
          const c = await r.chunk(left);
          left -= c.byteLength;
          yield c;
        }
        await finish();
      },
      async skip() {
        while (left > 0) left -= (await r.chunk(left)).byteLength;
        await finish();
      },
    };
    yield entry;
    await entry.skip();
  }
}

/** Reads a whole entry body (for small files; refuses more than `max` bytes). */
export async function readEntry(e: TarEntry, max: number): Promise<Uint8Array> {
  if (e.size > max) throw new TarError("corrupt", `${e.name} is ${e.size} bytes (more than ${max})`);
  const out = new Uint8Array(e.size);
  let off = 0;
  for await (const c of e.body()) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}
