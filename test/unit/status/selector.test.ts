import { describe, expect, test } from "bun:test";
import { matchesSelector } from "../../../src/kube/status/index.ts";

// apimachinery metav1.LabelSelectorAsSelector semantics.
describe("matchesSelector", () => {
  const labels = { app: "kotsadm", "kots.io/kotsadm": "true", tier: "api" };
  const cases: [string, Parameters<typeof matchesSelector>[1], boolean][] = [
    ["matchLabels subset", { matchLabels: { app: "kotsadm" } }, true],
    ["matchLabels all", { matchLabels: { app: "kotsadm", tier: "api" } }, true],
    ["matchLabels wrong value", { matchLabels: { app: "kotsadm-minio" } }, false],
    ["matchLabels missing key", { matchLabels: { component: "x" } }, false],
    ["In: value listed", { matchExpressions: [{ key: "tier", operator: "In", values: ["web", "api"] }] }, true],
    ["In: value not listed", { matchExpressions: [{ key: "tier", operator: "In", values: ["web"] }] }, false],
    ["In: key absent", { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }, false],
    ["NotIn: value listed", { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["api"] }] }, false],
    ["NotIn: value not listed", { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["web"] }] }, true],
    ["NotIn: key absent matches", { matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] }, true],
    ["Exists: present", { matchExpressions: [{ key: "kots.io/kotsadm", operator: "Exists" }] }, true],
    ["Exists: absent", { matchExpressions: [{ key: "zone", operator: "Exists" }] }, false],
    ["DoesNotExist: absent", { matchExpressions: [{ key: "zone", operator: "DoesNotExist" }] }, true],
    ["DoesNotExist: present", { matchExpressions: [{ key: "app", operator: "DoesNotExist" }] }, false],
    [
      "matchLabels and matchExpressions are ANDed",
      { matchLabels: { app: "kotsadm" }, matchExpressions: [{ key: "tier", operator: "NotIn", values: ["api"] }] },
      false,
    ],
    ["empty selector matches everything", {}, true],
    ["null selector matches nothing", null, false],
    ["undefined selector matches nothing", undefined, false],
    ["unknown operator is invalid", { matchExpressions: [{ key: "app", operator: "Equals", values: ["kotsadm"] }] }, false],
    ["In without values is invalid", { matchExpressions: [{ key: "app", operator: "In", values: [] }] }, false],
    ["Exists with values is invalid", { matchExpressions: [{ key: "app", operator: "Exists", values: ["kotsadm"] }] }, false],
  ];
  for (const [name, selector, want] of cases) {
    test(name, () => expect(matchesSelector(labels, selector)).toBe(want));
  }

  test("a pod without labels only matches label-absence selectors", () => {
    expect(matchesSelector(undefined, { matchLabels: { app: "kotsadm" } })).toBe(false);
    expect(matchesSelector(undefined, { matchExpressions: [{ key: "app", operator: "DoesNotExist" }] })).toBe(true);
  });
});
