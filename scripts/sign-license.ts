#!/usr/bin/env bun
/**
 * Signs an EXAMPLE kots.io License with EXAMPLE keys, producing the same signature structure the
 * Replicated vendor portal issues (see src/license/signature.ts). For examples and tests only.
 *
 *   bun run scripts/sign-license.ts --in examples/licenses/acme-helpdesk.unsigned.yaml \
 *     --api-version v1beta2 --out examples/licenses/acme-helpdesk-v1beta2.yaml [--keys examples/keys] [--new-keys]
 *
 * Keys live in --keys DIR (default examples/keys): example-global.{private,public}.pem (the "global" key
 * that vouches for the app key) and example-app.{private,public}.pem (the app key that signs the license).
 * Missing keys are generated (RSA 2048); --new-keys regenerates them. The license's globalKeyId is the
 * example global key's id (first 32 hex digits of SHA-256 of its DER public key), so the license verifies
 * with `kots license verify FILE --license-public-key DIR/example-global.public.pem`.
 */
import crypto, { type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { keyIdFromPublicKey, signLicense, type LicenseApiVersion } from "../src/license/index.ts";

const HEADER =
  "# EXAMPLE KEY for kots-tui examples and tests only. NOT a Replicated key; never use it for real licenses.\n";

const { values } = parseArgs({
  options: {
    in: { type: "string" },
    out: { type: "string" },
    "api-version": { type: "string", default: "v1beta2" },
    keys: { type: "string", default: "examples/keys" },
    "new-keys": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help || !values.in) {
  process.stderr.write(
    "usage: bun run scripts/sign-license.ts --in UNSIGNED.yaml [--out FILE] [--api-version v1beta1|v1beta2] [--keys DIR] [--new-keys]\n",
  );
  process.exit(values.help ? 0 : 2);
}

const apiVersion = `kots.io/${values["api-version"]!.replace(/^kots\.io\//, "")}`;
if (apiVersion !== "kots.io/v1beta1" && apiVersion !== "kots.io/v1beta2") {
  process.stderr.write(`--api-version must be v1beta1 or v1beta2, not ${values["api-version"]}\n`);
  process.exit(2);
}

const dir = values.keys!;
const globalKey = loadOrCreate(dir, "example-global", values["new-keys"]!);
const appKey = loadOrCreate(dir, "example-app", values["new-keys"]!);
const globalKeyId = keyIdFromPublicKey(crypto.createPublicKey(globalKey));

let unsigned: string;
try {
  unsigned = readFileSync(values.in, "utf8");
} catch (err) {
  process.stderr.write(`cannot read ${values.in}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
  process.exit(2);
}

let signed: string;
try {
  signed = signLicense(unsigned, apiVersion as LicenseApiVersion, { globalPrivateKey: globalKey, globalKeyId, appPrivateKey: appKey });
} catch (err) {
  process.stderr.write(`${values.in}: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}

const text =
  `# EXAMPLE license signed by scripts/sign-license.ts with the EXAMPLE keys in ${dir} (global key ${globalKeyId}).\n` +
  `# Verify: kots license verify FILE --license-public-key ${join(dir, "example-global.public.pem")}\n` +
  signed;
if (values.out) {
  writeFileSync(values.out, text);
  process.stderr.write(`signed ${values.in} as ${apiVersion} with example global key ${globalKeyId} -> ${values.out}\n`);
} else {
  process.stdout.write(text);
}

/** Reads DIR/NAME.private.pem, or generates the pair (and writes both files) when absent or `fresh`. */
function loadOrCreate(keyDir: string, name: string, fresh: boolean): KeyObject {
  const privPath = join(keyDir, `${name}.private.pem`);
  const pubPath = join(keyDir, `${name}.public.pem`);
  if (!fresh && existsSync(privPath)) return crypto.createPrivateKey(pemBlock(readFileSync(privPath, "utf8")));
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  mkdirSync(keyDir, { recursive: true });
  writeFileSync(privPath, HEADER + (privateKey.export({ type: "pkcs8", format: "pem" }) as string), { mode: 0o600 });
  writeFileSync(pubPath, HEADER + (publicKey.export({ type: "spki", format: "pem" }) as string));
  process.stderr.write(`generated example key pair ${privPath}, ${pubPath}\n`);
  return privateKey;
}

function pemBlock(text: string): string {
  const m = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/.exec(text);
  if (!m) throw new Error("no PEM block");
  return m[0];
}
