/**
 * The URL scheme containerRuntime reads from a node's containerRuntimeVersion (Go 1.26 net/url
 * Parse). Expected values are Go's url.Parse results for the same strings.
 */
import { describe, expect, test } from "bun:test";
import { goUrlScheme } from "../../../src/preflight/app/analyzers/cluster-url.ts";

// [input, scheme] or [input, { error }]
const CASES: Array<[string, string | { error: string }]> = [
  ["containerd://1.7.2", "containerd"],
  ["docker://20.10.7", "docker"],
  ["cri-o://1.28.1", "cri-o"],
  ["Docker://20.10", "docker"],
  ["fake://kwok", "fake"],
  ["", ""],
  ["containerd", ""],
  ["1.7:2", { error: 'parse "1.7:2": first path segment in URL cannot contain colon' }],
  ["://x", { error: 'parse "://x": missing protocol scheme' }],
  ["a b://c", { error: 'parse "a b://c": first path segment in URL cannot contain colon' }],
  ["docker://[::1", { error: "parse \"docker://[::1\": missing ']' in host" }],
  ["docker://[::1]:80", "docker"],
  ["docker://[1.2.3.4]", { error: 'parse "docker://[1.2.3.4]": invalid IP-literal' }],
  ["docker://host:abc", { error: 'parse "docker://host:abc": invalid port ":abc" after host' }],
  ["docker://a:1:2", "docker"],
  ["http://a:1:2", { error: 'parse "http://a:1:2": invalid port ":1:2" after host' }],
  ["docker://h%zz", { error: 'parse "docker://h%zz": invalid URL escape "%zz"' }],
  ["docker://h/%zz", { error: 'parse "docker://h/%zz": invalid URL escape "%zz"' }],
  ["docker://h#%zz", { error: 'parse "docker://h#%zz": invalid URL escape "%zz"' }],
  ["docker://us er@h", { error: 'parse "docker://us er@h": net/url: invalid userinfo' }],
  ["docker://u%zz@h", { error: 'parse "docker://u%zz@h": invalid URL escape "%zz"' }],
  ["x:y", "x"],
  ["+a:b", { error: 'parse "+a:b": first path segment in URL cannot contain colon' }],
  ["a+b.c-d://x", "a+b.c-d"],
  ["docker://h h", { error: 'parse "docker://h h": invalid character " " in host name' }],
  ["docker://[fe80::1%25en0]", "docker"],
  ["docker://[fe80::1%en0]", { error: 'parse "docker://[fe80::1%en0]": invalid URL escape "%en"' }],
  ["docker://[zz]", { error: 'parse "docker://[zz]": invalid host: ParseAddr("zz"): unable to parse IP' }],
  ["docker://h?%zz", "docker"],
  ["c://%41", { error: 'parse "c://%41": invalid URL escape "%41"' }],
  ["c://h/%", { error: 'parse "c://h/%": invalid URL escape "%"' }],
  ["docker://\u0001", { error: 'parse "docker://\\x01": net/url: invalid control character in URL' }],
];

describe("url.Parse(...).Scheme", () => {
  for (const [input, want] of CASES) {
    test(JSON.stringify(input), () => {
      if (typeof want === "string") expect(goUrlScheme(input)).toBe(want);
      else expect(() => goUrlScheme(input)).toThrow(want.error);
    });
  }
});
