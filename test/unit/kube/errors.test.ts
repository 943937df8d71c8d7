import { describe, expect, test } from "bun:test";
import { apiMessage, networkProblem } from "../../../src/kube/errors.ts";

// Runtime internals never reach the operator (issue 10): errno names, Bun's fetch hints.
describe("transport failures in plain words", () => {
  const cases: Array<[unknown, string]> = [
    [Object.assign(new Error("ECONNRESET: socket hang up. pass verbose: true in the second argument to fetch()"), { code: "ECONNRESET" }), "the connection was reset"],
    [Object.assign(new Error("Unable to connect. Is the computer able to access the url?"), { code: "ConnectionRefused" }), "the connection was refused (nothing listens there)"],
    [new DOMException("The operation timed out.", "TimeoutError"), "no answer in time (the request timed out)"],
    [Object.assign(new Error("getaddrinfo ENOTFOUND kube.example"), { code: "ENOTFOUND" }), "the host name does not resolve"],
    [Object.assign(new Error("unable to verify the first certificate"), { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }), "the server's TLS certificate is not trusted by the kubeconfig"],
  ];
  for (const [err, want] of cases) test(want, () => expect(networkProblem(err)).toBe(want));

  test("API errors keep the API server's own message", () => {
    expect(apiMessage(Object.assign(new Error('secrets "x" is forbidden'), { code: 403 }))).toBe('secrets "x" is forbidden');
    for (const [err] of cases) {
      expect(apiMessage(err)).not.toMatch(/ECONN|pass verbose|fetch\(\)|Is the computer/);
    }
  });
});
