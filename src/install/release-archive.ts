/**
 * A release as the gzip'd tar kotsadm extracts (KOTS v1.88 pkg/airgap extractAppRelease reads any
 * tar.gz of the airgap files as the release): POSIX ustar entries, regular files only, mode 0644,
 * mtime 0 and no owner, so the same files always give the same bytes (a re-run's ConfigMap is
 * unchanged). Names longer than 100 bytes use the ustar prefix field (up to 255 bytes).
 */
import { gzipSync } from "node:zlib";

const BLOCK = 512;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number): Uint8Array {
  const h = Buffer.alloc(BLOCK);
  let prefix = "";
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`release file name too long for a tar entry: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  h.write(base, 0, 100, "utf8");
  h.write(octal(0o644, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  h.write(octal(size, 12), 124, "ascii");
  h.write(octal(0, 12), 136, "ascii");
  h.write("        ", 148, "ascii"); // checksum field counts as spaces while summing
  h.write("0", 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + " ", 148, "ascii");
  return h;
}

/**
 * The gzip'd tar of `files` (paths relative to the release root, '/'-separated; text as UTF-8),
 * in the given order. Throws Error for a name that is absolute, climbs out (`..`) or is too long.
 */
export function releaseArchive(files: ReadonlyArray<{ file: string; text: string }>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of files) {
    const name = f.file.replace(/^\.\//, "");
    if (name === "" || name.startsWith("/") || name.split("/").includes("..")) throw new Error(`release file name not allowed in an archive: ${f.file}`);
    const body = Buffer.from(f.text, "utf8");
    parts.push(header(name, body.byteLength), body);
    const pad = (BLOCK - (body.byteLength % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return new Uint8Array(gzipSync(Buffer.concat(parts), { level: 9 }));
}
