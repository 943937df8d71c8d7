import { describe, expect, test } from "bun:test";
import { localRegistryImage, renderTemplate, type TemplateContext } from "../../../src/config/index.ts";

const DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

const config: TemplateContext["config"] = {
  value: (n) =>
    (
      ({
        hostname: "h.example",
        db: "a",
        cert: "aGVsbG8gd29ybGQ=",
        notb64: "%%%",
        port: "8080",
      }) as Record<string, string>
    )[n],
  filename: (n) => (n === "cert" ? "cert.pem" : n === "hostname" ? "" : undefined),
};

const base: TemplateContext = {
  config,
  license: { customerName: "Acme Corp", seats: 25, isSnapshotSupported: true, licenseID: "lic-123", ratio: 0.5 },
  namespace: "helpdesk",
  appSlug: "acme-helpdesk",
  kotsVersion: "v1.124.0",
  now: () => new Date("2024-03-05T06:07:08.123Z"),
};

const r = (text: string, ctx: TemplateContext = base) => renderTemplate(text, ctx, { file: "f.yaml" });

describe("config context (KOTS config_context.go)", () => {
  test.each([
    ['{{repl ConfigOption "hostname"}}', "h.example"],
    ['{{repl ConfigOption "missing"}}', ""],
    ['{{repl ConfigOptionEquals "db" "a"}}', "true"],
    ['{{repl ConfigOptionEquals "db" "b"}}', "false"],
    ['{{repl ConfigOptionEquals "missing" ""}}', "false"],
    ['{{repl ConfigOptionNotEquals "db" "b"}}', "true"],
    ['{{repl ConfigOptionNotEquals "db" "a"}}', "false"],
    // KOTS returns false for an unknown item from both Equals and NotEquals
    ['{{repl ConfigOptionNotEquals "missing" "x"}}', "false"],
    ['{{repl eq (ConfigOptionEquals "db" "a") true}}', "true"],
    ['{{repl if ConfigOptionEquals "db" "a"}}yes{{repl end}}', "yes"],
    ['{{repl ConfigOptionData "cert"}}', "hello world"],
    ['{{repl ConfigOptionData "notb64"}}', ""],
    ['{{repl ConfigOptionFilename "cert"}}', "cert.pem"],
    ['{{repl ConfigOptionFilename "missing"}}', ""],
    ['{{repl ConfigOptionName "anything"}}', "anything"],
  ])("%s → %j", (text, want) => {
    expect(r(text)).toBe(want);
  });

  test("without a config every ConfigOption is empty", () => {
    expect(r('[{{repl ConfigOption "hostname"}}]', {})).toBe("[]");
  });
});

describe("license context (KOTS license_context.go)", () => {
  test.each([
    ['{{repl LicenseFieldValue "customerName"}}', "Acme Corp"],
    ['{{repl LicenseFieldValue "seats"}}', "25"],
    ['{{repl LicenseFieldValue "ratio"}}', "0.5"],
    ['{{repl LicenseFieldValue "isSnapshotSupported"}}', "true"],
    ['{{repl LicenseFieldValue "licenseId"}}', "lic-123"],
    // KOTS returns the spec's endpoint as is: "" when the license has none
    ['{{repl LicenseFieldValue "endpoint"}}', ""],
    ['{{repl LicenseFieldValue "nope"}}', ""],
    ['{{repl LicenseFieldValue "isSnapshotSupported" | ParseBool}}', "true"],
  ])("%s → %j", (text, want) => {
    expect(r(text)).toBe(want);
  });

  test("no license gives empty strings", () => {
    expect(r('[{{repl LicenseFieldValue "customerName"}}]', {})).toBe("[]");
  });
});

describe("static context (KOTS static_context.go)", () => {
  test.each([
    ["{{repl Namespace}}", "helpdesk"],
    ["{{repl KotsVersion}}", "1.124.0"],
    ["{{repl Now}}", "2024-03-05T06:07:08Z"],
    ['{{repl Base64Encode "hello"}}', "aGVsbG8="],
    ['{{repl Base64Decode "aGVsbG8="}}', "hello"],
    ['{{repl Base64Decode "not base64!"}}', ""],
    ['{{repl "x" | Base64Encode | Base64Decode}}', "x"],
    ['{{repl ToLower "MiXeD"}}', "mixed"],
    ['{{repl ToUpper "MiXeD"}}', "MIXED"],
    ['[{{repl Trim "  x y  "}}]', "[x y]"],
    ['[{{repl Trim "--x--" "-"}}]', "[x]"],
    ['[{{repl TrimSpace "\\t x \\n"}}]', "[x]"],
    ['{{repl UrlEncode "a b&c/d@e"}}', "a+b%26c%2Fd%40e"],
    ['{{repl Split "a,b,c" ","}}', "[a b c]"],
    ['{{repl index (Split "a,b,c" ",") 1}}', "b"],
    ['{{repl len (Split "a,b,c" ",")}}', "3"],
    ['{{repl Split "abc" ""}}', "[a b c]"],
    ['{{repl ParseBool "true"}}', "true"],
    ['{{repl ParseBool "1"}}', "true"],
    ['{{repl ParseBool "T"}}', "true"],
    ['{{repl ParseBool "yes"}}', "false"],
    ['{{repl ParseBool "FALSE"}}', "false"],
    ['{{repl ParseInt "42"}}', "42"],
    ['{{repl ParseInt "-17"}}', "-17"],
    ['{{repl ParseInt "abc"}}', "0"],
    ['{{repl ParseInt "4.5"}}', "0"],
    ['{{repl ParseInt "ff" 16}}', "255"],
    ['{{repl ParseInt "0x1f" 0}}', "31"],
    ['{{repl ParseInt "9223372036854775808"}}', "9223372036854775807"],
    ['{{repl eq (ParseInt "42") 42}}', "true"],
    ['{{repl ParseFloat "2.5"}}', "2.5"],
    ["{{repl Add 1 2}}", "3"],
    ["{{repl Add 1.5 2}}", "3.5"],
    ["{{repl Add 1 2.5}}", "3.5"],
    ['{{repl Add (ParseInt "40") 2}}', "42"],
    // KOTS does not convert strings: Add of a string is 0
    ['{{repl Add "1" 2}}', "0"],
    ['{{repl ConfigOption "port" | ParseInt | Add 1}}', "8081"],
    ["{{repl Sub 10 3}}", "7"],
    ["{{repl Sub 1.5 0.5}}", "1"],
    ["{{repl Sub 3 5}}", "-2"],
    ["{{repl Mult 6 7}}", "42"],
    ["{{repl Div 7 2}}", "3"],
    ["{{repl Div 7.0 2}}", "3.5"],
    ["{{repl eq (Add 1 2) 3}}", "true"],
  ])("%s → %j", (text, want) => {
    expect(r(text)).toBe(want);
  });

  test("Add of a float and an int is a float: comparing it to an int literal is an error", () => {
    expect(() => r("{{repl eq (Add 1.0 2) 3}}")).toThrow("incompatible types for comparison");
  });

  test("Now defaults to the system clock, RFC 3339 in UTC without fractions", () => {
    expect(renderTemplate("{{repl Now}}", {})).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

describe("RandomString (KOTS random.go)", () => {
  // The Go engine draws from crypto/rand, or from a stream seeded by randomSeed (tests only): the
  // charset rules are checked by the output's alphabet, reproducibility by the seed.
  test("default charset [_A-Za-z0-9]", () => {
    expect(r("{{repl RandomString 200}}", { randomSeed: 1 })).toMatch(/^[_A-Za-z0-9]{200}$/);
  });

  test.each([
    ['{{repl RandomString 40 "[a-c]"}}', /^[a-c]{40}$/],
    ['{{repl RandomString 30 "[[:digit:]]"}}', /^[0-9]{30}$/],
    ['{{repl RandomString 20 "\\\\d"}}', /^[0-9]{20}$/],
    ['{{repl RandomString 30 "[a-f0-9]"}}', /^[a-f0-9]{30}$/],
  ])("%s", (text, want) => {
    expect(r(text, { randomSeed: 7 })).toMatch(want);
  });

  test.each([
    // not a character class: KOTS yields "" (restored from before the Go engine; random.go genString)
    ['{{repl RandomString 3 "."}}', ""],
    ['{{repl RandomString 3 "[a]"}}', ""],
    ['{{repl RandomString 3 "ab"}}', ""],
  ])("%s", (text, want) => {
    expect(r(text, { randomSeed: 7 })).toBe(want);
  });

  test("the same seed gives the same string, another seed another", () => {
    const a = r("{{repl RandomString 32}}", { randomSeed: 3 });
    expect(r("{{repl RandomString 32}}", { randomSeed: 3 })).toBe(a);
    expect(r("{{repl RandomString 32}}", { randomSeed: 4 })).not.toBe(a);
  });

  test("with the CSPRNG: the length and the alphabet", () => {
    const out = r("{{repl RandomString 40}}", {});
    expect(out).toMatch(/^[_A-Za-z0-9]{40}$/);
    expect(r("{{repl RandomString 40}}", {})).not.toBe(out);
  });

  test("RandomBytes is base64 of n bytes", () => {
    const out = r("{{repl RandomBytes 3}}", {});
    expect(out).toMatch(/^[A-Za-z0-9+/]{4}$/);
    expect(Buffer.from(out, "base64").length).toBe(3);
  });
});

describe("registry functions", () => {
  const reg: TemplateContext = { localRegistry: { host: "registry.internal:5000", namespace: "acme" }, appSlug: "acme-helpdesk" };

  test.each([
    ["{{repl HasLocalRegistry}}", "true"],
    ["{{repl LocalRegistryHost}}", "registry.internal:5000"],
    ["{{repl LocalRegistryNamespace}}", "acme"],
    ["{{repl LocalRegistryAddress}}", "registry.internal:5000/acme"],
    ["{{repl ImagePullSecretName}}", "acme-helpdesk-registry"],
    ['{{repl LocalImageName "redis:7.2-alpine"}}', "registry.internal:5000/acme/redis:7.2-alpine"],
    ['{{repl LocalImageName "postgres"}}', "registry.internal:5000/acme/postgres:latest"],
    ['{{repl LocalImageName "ghcr.io/acme/helpdesk-web:3.4.1"}}', "registry.internal:5000/acme/helpdesk-web:3.4.1"],
    [`{{repl LocalImageName "quay.io/org/app:1.0@${DIGEST}"}}`, `registry.internal:5000/acme/app@${DIGEST}`],
    ['{{repl LocalImageName "redis:"}}', ""],
  ])("%s → %j", (text, want) => {
    expect(r(text, reg)).toBe(want);
  });

  test("without a registry", () => {
    expect(r("{{repl HasLocalRegistry}}|{{repl LocalRegistryAddress}}|{{repl ImagePullSecretName}}", {})).toBe("false||");
    expect(r('{{repl LocalImageName "redis:7"}}', {})).toBe("redis:7");
    // only images found private are rewritten to the proxy registry (proxy.privateImages)
    // (the proxy path is the license's appSlug, KOTS config_context.go localImageName)
    const proxy = { host: "proxy.example", privateImages: ["ghcr.io/acme/x:1"] };
    expect(r('{{repl LocalImageName "ghcr.io/acme/x:1"}}', { license: { appSlug: "acme" }, proxy })).toBe("proxy.example/proxy/acme/ghcr.io/acme/x:1");
    expect(r('{{repl LocalImageName "ghcr.io/acme/public:1"}}', { license: { appSlug: "acme" }, proxy })).toBe("ghcr.io/acme/public:1");
  });

  test("registry without a namespace", () => {
    const ctx: TemplateContext = { localRegistry: { host: "r.local" } };
    expect(r('{{repl LocalRegistryAddress}} {{repl LocalImageName "library/nginx:1.25"}}', ctx)).toBe("r.local r.local/nginx:1.25");
  });

  test.each([
    ["nginx", "h/ns/nginx:latest"],
    ["docker.io/library/nginx:1", "h/ns/nginx:1"],
    ["localhost:5000/team/app:v2", "h/ns/app:v2"],
    ["gcr.io/a/b/c:tag", "h/ns/c:tag"],
    // a first component with an upper-case letter is a registry host by docker's rule
    ["Bad/name:1", "h/ns/name:1"],
  ])("localRegistryImage(%s)", (image, want) => {
    expect(localRegistryImage("h", "ns", image)).toBe(want);
  });

  test("invalid references give null", () => {
    expect(localRegistryImage("h", "ns", "UPPER")).toBeNull();
    expect(localRegistryImage("h", "ns", "a b")).toBeNull();
  });
});

describe("sprig subset", () => {
  test.each([
    ['{{repl "" | default "fallback"}}', "fallback"],
    ['{{repl "set" | default "fallback"}}', "set"],
    ['{{repl quote "a\\"b"}}', '"a\\"b"'],
    ['{{repl squote "x"}}', "'x'"],
    ['{{repl "a\\nb" | indent 2}}', "  a\n  b"],
    ['{{repl "a" | nindent 4}}', "\n    a"],
    ['{{repl replace "-" "_" "a-b-c"}}', "a_b_c"],
    ['{{repl contains "ell" "hello"}}', "true"],
    ['{{repl hasPrefix "he" "hello"}}', "true"],
    ['{{repl trimSuffix ".com" "x.com"}}', "x"],
    ['{{repl join "," (Split "a b" " ")}}', "a,b"],
  ])("%s → %j", (text, want) => {
    expect(r(text, {})).toBe(want);
  });
});
