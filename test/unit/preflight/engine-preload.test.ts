import { describe, expect, test } from "bun:test";
import { needsGoEngine } from "../../../src/preflight/app/engine-preload.ts";
import { parsePreflightSpec } from "../../../src/preflight/app/spec.ts";

/** When kots preflight starts loading the Go engine early: only for specs that will call it. */
const spec = (analyzers: string) =>
  parsePreflightSpec(`apiVersion: troubleshoot.sh/v1beta2\nkind: Preflight\nmetadata: {name: t}\nspec:\n  analyzers:\n${analyzers}`, "t.yaml");

describe("needsGoEngine", () => {
  test("a message template, a regex, regexGroups, or clusterPodStatuses (templated defaults)", () => {
    expect(needsGoEngine(spec(`    - nodeResources:\n        outcomes: [{pass: {message: "{{ .NodeCount }} nodes"}}]\n`))).toBe(true);
    expect(needsGoEngine(spec(`    - textAnalyze:\n        regex: "a+"\n        outcomes: [{pass: {message: ok}}]\n`))).toBe(true);
    expect(needsGoEngine(spec(`    - textAnalyze:\n        regexGroups: "(?P<x>a)"\n        outcomes: [{pass: {message: ok}}]\n`))).toBe(true);
    expect(needsGoEngine(spec(`    - clusterPodStatuses:\n        outcomes: [{fail: {when: "!= Healthy"}}]\n`))).toBe(true);
  });

  test("plain messages and an empty regex do not", () => {
    expect(needsGoEngine(spec(`    - clusterVersion:\n        outcomes: [{pass: {message: "50% of {} done"}}]\n`))).toBe(false);
    expect(needsGoEngine(spec(`    - textAnalyze:\n        regex: ""\n        outcomes: [{pass: {message: ok}}]\n`))).toBe(false);
  });
});
