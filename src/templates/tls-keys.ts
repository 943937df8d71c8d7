/**
 * RSA keys for KOTS's TLS template functions, made natively before a render that needs them.
 *
 * Under WebAssembly Go makes one 2048-bit RSA key in ~1–2 s; node:crypto makes one in ~0.1 s. The
 * engine keeps a pool of keys (templates/go funcs_static_tlskeys.go, op "tls.addKeys") which
 * TLSCert, TLSKey, TLSCACert, TLSCertFromCA and TLSKeyFromCA take, one per new certificate or CA,
 * instead of generating their own (KOTS: sprig's 2048-bit RSA keys, pkg/template/static_context.go).
 * Before a "render" or "config.render" whose input names one of those functions, the number of
 * keys it can need is estimated from the call sites (see tlsKeysWanted) and the pool is topped up
 * to it. Keys are secrets: they go to the engine only, never to logs, events or errors (the op's
 * errors name a key by index).
 */
import { generateKeyPairSync } from "node:crypto";

const TLS_CALL = /\b(TLSCertFromCA|TLSKeyFromCA|TLSCACert|TLSCert|TLSKey)\b((?:[ \t]+(?:"(?:[^"\\\n]|\\.)*"|`[^`]*`))*)/g;
const LITERAL = /"(?:[^"\\\n]|\\.)*"|`[^`]*`/g;

/** The string literals of a call's leading arguments, as Go reads them ("a\"b" → a"b). */
function literals(args: string): string[] {
  return [...args.matchAll(LITERAL)].map(([lit]) => {
    if (lit.startsWith("`")) return lit.slice(1, -1);
    try {
      return JSON.parse(lit) as string;
    } catch {
      return lit.slice(1, -1);
    }
  });
}

/**
 * The certificates and CAs the TLS calls in `text` may create, each by the name the engine caches
 * it under (kots static_context.go: "cert:cn" for TLSCert and the 5-argument TLSKey, "ca" for a CA,
 * "ca:cert:cn" for a CA-signed pair), when the call spells those arguments as string literals.
 * A call whose names are not all literal cannot be matched with others: it adds an entry of its
 * own (`unnamed`). TLSKey with only a certificate name reads an existing pair and needs no key.
 */
export function tlsKeysWanted(text: string, named: Set<string>, unnamed: { n: number }): void {
  if (!text.includes("TLS")) return;
  for (const m of text.matchAll(TLS_CALL)) {
    const fn = m[1]!;
    const lits = literals(m[2] ?? "");
    const rest = text.slice((m.index ?? 0) + m[0].length).trimStart();
    const callEnds = rest.startsWith("}}") || rest.startsWith(")") || rest.startsWith("-}}") || rest.startsWith("|");
    switch (fn) {
      case "TLSCert":
        if (lits.length >= 2) named.add(`cert\0${lits[0]}\0${lits[1]}`);
        else unnamed.n++;
        break;
      case "TLSKey":
        if (lits.length === 1 && callEnds) break; // reads the pair TLSCert made
        if (lits.length >= 2) named.add(`cert\0${lits[0]}\0${lits[1]}`);
        else unnamed.n++;
        break;
      case "TLSCACert":
        if (lits.length >= 1) named.add(`ca\0${lits[0]}`);
        else unnamed.n++;
        break;
      default: // TLSCertFromCA, TLSKeyFromCA: the CA and the signed pair
        if (lits.length >= 1) named.add(`ca\0${lits[0]}`);
        else unnamed.n++;
        if (lits.length >= 3) named.add(`signed\0${lits[0]}\0${lits[1]}\0${lits[2]}`);
        else unnamed.n++;
    }
  }
}

/** Every string inside `v` (objects, arrays), for the texts an op's input may render. */
function eachString(v: unknown, f: (s: string) => void): void {
  if (typeof v === "string") f(v);
  else if (Array.isArray(v)) for (const x of v) eachString(x, f);
  else if (v && typeof v === "object") for (const x of Object.values(v)) eachString(x, f);
}

/** Names the engine has made (or been given a key for) in this process: a second render of them needs none. */
const provided = new Set<string>();
let pooling = true;
let made = 0;

/** How many keys this process has made for the engine (tests, benchmarks). */
export function tlsKeysMade(): number {
  return made;
}

/** Turns the native key pool off or on (benchmarks: the before/after measure). Default on. */
export function setTlsKeyPooling(on: boolean): void {
  pooling = on;
}

/** One 2048-bit RSA private key, PKCS#1 PEM (what sprig's genPrivateKey "rsa" makes). */
function newKeyPem(): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ type: "pkcs1", format: "pem" }) as string;
}

/**
 * Before running `op` on `input`: when the op renders templates ("render", "config.render") and
 * its input names a TLS function, makes the keys the render may need that the pool does not hold
 * and hands them to the engine through `call` ("tls.addKeys"). `call(op, input)` is templateOp.
 * Returns the number of keys made (0 most of the time). Throws what `call` throws.
 */
export function provideTlsKeys(op: string, input: unknown, call: <T>(op: string, input: unknown) => T): number {
  if (!pooling || (op !== "render" && op !== "config.render")) return 0;
  const named = new Set<string>();
  const unnamed = { n: 0 };
  eachString(input, (s) => tlsKeysWanted(s, named, unnamed));
  let fresh = unnamed.n;
  for (const k of named) if (!provided.has(k)) fresh++;
  if (fresh === 0) return 0;
  const pooled = call<{ pooled: number }>("tls.addKeys", { keys: [] }).pooled;
  const make = Math.max(0, fresh - pooled);
  if (make > 0) {
    const keys = Array.from({ length: make }, newKeyPem);
    call("tls.addKeys", { keys });
    made += make;
  }
  for (const k of named) provided.add(k);
  return make;
}

/** The engine's pool size now (tests and benchmarks). */
export function tlsKeysPooled(call: <T>(op: string, input: unknown) => T): number {
  return call<{ pooled: number }>("tls.addKeys", { keys: [] }).pooled;
}
