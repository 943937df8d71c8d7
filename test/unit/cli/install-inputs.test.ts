import { describe, expect, test } from "bun:test";
import { parsePairs, resolveInstallInputs, type SourceIO } from "../../../src/cli/install-inputs.ts";
import { UsageError } from "../../../src/errors.ts";
import { isTransient, statusOf } from "../../../src/kube/errors.ts";

const io = (env: Record<string, string | undefined> = {}): SourceIO => ({ env: { KOTS_SHARED_PASSWORD: "good-password", ...env }, readFile: () => "", readStdin: () => "" });
const resolve = (flags: Record<string, unknown>, env: Record<string, string | undefined> = {}) =>
  resolveInstallInputs("acme-helpdesk", { namespace: "ns", yes: true, ...flags }, io(env), false).options!;

describe("proxy flags (KOTS v1.88 install.go)", () => {
  test("--http-proxy/--https-proxy/--no-proxy, and KOTS_* env", () => {
    expect(resolve({ httpProxy: "http://p:1", httpsProxy: "http://p:2", proxy: "a.corp" })).toMatchObject({ httpProxy: "http://p:1", httpsProxy: "http://p:2", noProxy: "a.corp" });
    expect(resolve({}, { KOTS_NO_PROXY: "b.corp" }).noProxy).toBe("b.corp");
    expect(resolve({}).noProxy).toBeUndefined(); // commander's `proxy: true` default is no value
    expect(resolve({ proxy: true }).noProxy).toBeUndefined();
  });

  test("--copy-proxy-env takes this shell's variables, upper case first, over the flags", () => {
    const o = resolve({ copyProxyEnv: true, httpProxy: "http://flag:1" }, { HTTP_PROXY: "http://up:1", https_proxy: "http://low:2", no_proxy: "c.corp" });
    expect(o).toMatchObject({ httpProxy: "http://up:1", httpsProxy: "http://low:2", noProxy: "c.corp" });
  });
});

describe("--additional-labels / --additional-annotations", () => {
  test("repeated flags and comma lists, as KOTS's string-to-string flags", () => {
    expect(parsePairs("additional-labels", ["a=1,b=2", "c=3"])).toEqual({ a: "1", b: "2", c: "3" });
    expect(resolve({ additionalAnnotations: ["example.com/owner=ops"] }).additionalAnnotations).toEqual({ "example.com/owner": "ops" });
    expect(resolve({}, { KOTS_ADDITIONAL_LABELS: "team=pay" }).additionalLabels).toEqual({ team: "pay" });
    expect(() => parsePairs("additional-labels", ["novalue"])).toThrow(UsageError);
  });
});

describe("--init-restart-grace", () => {
  test("default 2m, any Go duration", () => {
    expect(resolve({}).initRestartGraceMs).toBe(120_000);
    expect(resolve({ initRestartGrace: "45s" }).initRestartGraceMs).toBe(45_000);
    expect(() => resolve({ initRestartGrace: "soon" })).toThrow("--init-restart-grace");
  });
});

describe("API errors: what is retried", () => {
  test("a DOMException's numeric code is no HTTP status (TimeoutError is 23)", () => {
    const timeout = new DOMException("The operation timed out.", "TimeoutError");
    expect(timeout.code).toBe(23);
    expect(statusOf(timeout)).toBeUndefined();
    expect(isTransient(timeout)).toBe(true);
  });

  test("HTTP statuses: 429, 5xx and 410 are transient; 4xx are final", () => {
    const http = (code: number) => Object.assign(new Error("x"), { code });
    expect([429, 500, 503, 410].map((c) => isTransient(http(c)))).toEqual([true, true, true, true]);
    expect([400, 401, 403, 404, 409, 422].map((c) => isTransient(http(c)))).toEqual([false, false, false, false, false, false]);
    expect(isTransient(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toBe(true);
  });
});
