/**
 * Label selectors as metav1.LabelSelectorAsSelector builds and matches them (apimachinery
 * v0.36.3), used by nodeResources' `filters.selector`. Expected texts are apimachinery's for the
 * same selectors.
 */
import { describe, expect, test } from "bun:test";
import { labelSelectorAsSelector } from "../../../src/preflight/app/analyzers/cluster-selector.ts";

const KEY_RE = "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const KEY_MSG = `must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${KEY_RE}`;
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe("label selector validation", () => {
  const bad = (labels: Record<string, string>, exprs: Array<{ key: string; operator: string; values: string[] }> = []) => () => labelSelectorAsSelector(labels, exprs);
  test("keys", () => {
    expect(bad({ "/a": "b" })).toThrow(/^key: Invalid value: "\/a": prefix part must be non-empty$/);
    expect(bad({ "Example.com/a": "b" })).toThrow(
      `key: Invalid value: "Example.com/a": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(bad({ "a/b/c": "b" })).toThrow(`key: Invalid value: "a/b/c": a valid label key ${KEY_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`);
    expect(bad({ ["a".repeat(64)]: "b" })).toThrow(new RegExp(`^key: Invalid value: "a{64}": name part must be no more than 63 bytes$`));
    expect(bad({ "": "b" })).toThrow(`key: Invalid value: "": name part must be non-empty; name part ${KEY_MSG}`);
  });

  test("values and operators", () => {
    expect(bad({ a: "b c" })).toThrow(`values[0][a]: Invalid value: "b c": ${VALUE_MSG}`);
    expect(bad({ a: "v".repeat(64) })).toThrow(new RegExp(`^values\\[0\\]\\[a\\]: Invalid value: "v{64}": must be no more than 63 bytes$`));
    expect(bad({}, [{ key: "a", operator: "Exists", values: ["x", "<y>"] }])).toThrow(
      `[values: Invalid value: ["x","\\u003cy\\u003e"]: values set must be empty for exists and does not exist, values[1][a]: Invalid value: "<y>": ${VALUE_MSG}]`,
    );
    expect(bad({}, [{ key: "a", operator: "In", values: ["ok", "-bad"] }])).toThrow(`values[1][a]: Invalid value: "-bad": ${VALUE_MSG}`);
    expect(bad({}, [{ key: "a", operator: "Gt", values: ["1"] }])).toThrow(/^"Gt" is not a valid label selector operator$/);
  });
});

describe("label selector matching", () => {
  test("operators", () => {
    expect(labelSelectorAsSelector({}, [{ key: "a", operator: "NotIn", values: ["x"] }])({ b: "1" })).toBe(true);
    expect(labelSelectorAsSelector({}, [{ key: "a", operator: "In", values: ["x", "y"] }])({ a: "y" })).toBe(true);
    expect(labelSelectorAsSelector({}, [{ key: "a", operator: "In", values: ["x", "y"] }])({ a: "z" })).toBe(false);
    expect(labelSelectorAsSelector({ a: "" }, [])({ a: "" })).toBe(true);
    expect(labelSelectorAsSelector({ a: "" }, [])({})).toBe(false);
    expect(labelSelectorAsSelector({}, [])({})).toBe(true);
    expect(labelSelectorAsSelector({ a: "1" }, [{ key: "b", operator: "DoesNotExist", values: [] }])({ a: "1", b: "2" })).toBe(false);
  });
});
