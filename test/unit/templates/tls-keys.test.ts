import { describe, expect, test } from "bun:test";
import { X509Certificate, createPrivateKey, createPublicKey } from "node:crypto";
import { newConfigSession, parseConfig } from "../../../src/config/index.ts";
import { templateOp, tlsKeyPoolSize, tlsKeysMade, tlsKeysWanted } from "../../../src/templates/index.ts";

const render = (text: string) => templateOp<{ text: string }>("render", { context: {}, text, file: "tls.yaml" }).text;

function wanted(text: string): { named: string[]; unnamed: number } {
  const named = new Set<string>();
  const unnamed = { n: 0 };
  tlsKeysWanted(text, named, unnamed);
  return { named: [...named].map((k) => k.replaceAll("\0", ":")), unnamed: unnamed.n };
}

describe("TLS keys made natively for the TLS template functions", () => {
  test("the estimate counts each certificate and CA once by the names the engine caches it under", () => {
    expect(wanted('{{repl TLSCert "web" "w.local" nil nil 365 }} {{repl TLSKey "web" }}')).toEqual({ named: ["cert:web:w.local"], unnamed: 0 });
    expect(wanted('repl{{ TLSCACert "ca" 30 }} repl{{ TLSCertFromCA "ca" "api" "a.local" nil nil 30 }} repl{{ TLSKeyFromCA "ca" "api" "a.local" nil nil 30 }}')).toEqual({
      named: ["ca:ca", "signed:ca:api:a.local"],
      unnamed: 0,
    });
    // the five-argument TLSKey makes its own pair; a name from a variable cannot be matched
    expect(wanted('{{repl TLSKey "k" "k.local" nil nil 9 }} {{repl TLSCert $n "x" nil nil 9 }}')).toEqual({ named: ["cert:k:k.local"], unnamed: 1 });
    expect(wanted("no tls here")).toEqual({ named: [], unnamed: 0 });
  });

  test("TLSCertFromCA returns a certificate that verifies against TLSCACert, and its key is the pair's; both keys came from the pool", () => {
    const before = tlsKeyPoolSize();
    const made = tlsKeysMade();
    const out = render(
      '{{repl TLSCACert "unit-ca" 30 }}@@{{repl TLSCertFromCA "unit-ca" "unit-api" "api.unit.local" (list "10.0.0.1") (list "api.unit.local") 30 }}@@{{repl TLSKeyFromCA "unit-ca" "unit-api" "api.unit.local" (list "10.0.0.1") (list "api.unit.local") 30 }}',
    );
    const [caPem, certPem, keyPem] = out.split("@@");
    const ca = new X509Certificate(caPem!);
    const cert = new X509Certificate(certPem!);
    expect(ca.subject).toContain("CN=unit-ca");
    expect(cert.subject).toContain("CN=api.unit.local");
    expect(cert.issuer).toBe(ca.subject);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(false);
    expect(cert.subjectAltName).toContain("DNS:api.unit.local");
    expect(cert.subjectAltName).toContain("IP Address:10.0.0.1");
    // the key is the certificate's own and a 2048-bit RSA key
    const key = createPrivateKey(keyPem!);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(createPublicKey(key).export({ type: "spki", format: "der" }).equals(cert.publicKey.export({ type: "spki", format: "der" }))).toBe(true);
    // two keys (CA, signed pair) were made natively for this render and both were taken
    expect(tlsKeysMade() - made).toBe(Math.max(0, 2 - before));
    expect(tlsKeyPoolSize()).toBe(Math.max(0, before - 2));
  });

  test("rendering the same names again makes no key (the engine keeps the pair) and returns the same certificate", () => {
    const text = '{{repl TLSCert "again" "again.local" nil nil 10 }}';
    const made = tlsKeysMade();
    const first = render(text);
    expect(tlsKeysMade()).toBe(made + 1);
    const pooled = tlsKeyPoolSize();
    expect(render(text)).toBe(first);
    expect(tlsKeysMade()).toBe(made + 1);
    expect(tlsKeyPoolSize()).toBe(pooled);
  });

  test("a Config whose items call TLSCert/TLSKey gets a matching pair through config.render", () => {
    const config = parseConfig(
      `apiVersion: kots.io/v1beta1
kind: Config
metadata: {name: c}
spec:
  groups:
  - name: tls
    title: TLS
    items:
    - name: cert
      type: textarea
      default: '{{repl TLSCert "cfg-web" "cfg.local" nil nil 365 }}'
    - name: key
      type: textarea
      default: '{{repl TLSKey "cfg-web" }}'
`,
      "kots-config.yaml",
    );
    const session = newConfigSession(config);
    const cert = new X509Certificate(session.get("cert")!);
    const key = createPrivateKey(session.get("key")!);
    expect(cert.subject).toContain("CN=cfg.local");
    expect(createPublicKey(key).export({ type: "spki", format: "der" }).equals(cert.publicKey.export({ type: "spki", format: "der" }))).toBe(true);
  });
});
