// Expected results and error texts are those of k8s.io/apimachinery v0.36.3 labels.Parse /
// Selector.Matches (recorded by running it), against labels {app: web, tier: a, count: "5", x: ""}.
import { describe, expect, test } from "bun:test";
import { parseLabelSelector } from "../../../src/preflight/app/analyzers/label-selector.ts";

const LABELS = { app: "web", tier: "a", count: "5", x: "" };

const CASES: Array<[string, boolean] | [string, "ERR", string]> = [
  ["", true],
  ["app=web", true],
  ["app==web,tier!=b", true],
  ["app in (web,foo)", true],
  ["app notin ()", true],
  ["!tier", false],
  ["tier", true],
  ["count>4", true],
  ["count<4", false],
  ["count>x", "ERR", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"],
  ["Bad_Key!=x", true],
  ["a b", "ERR", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
  ["app=a=b", "ERR", "found '=', expected: ',' or 'end of string'"],
  ["bad!key=1", "ERR", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
  [
    "-app=1",
    "ERR",
    "unable to parse requirement: <nil>: Invalid value: \"-app\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ],
  [
    "a/b/c=1",
    "ERR",
    "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
  ],
  ["/x=1", "ERR", 'unable to parse requirement: <nil>: Invalid value: "/x": prefix part must be non-empty'],
  [
    "Example.com/x=1",
    "ERR",
    "unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  ],
  [
    "app=-bad",
    "ERR",
    "unable to parse requirement: values[0][app]: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ],
  ["app in (a,,b)", false],
  ["app in (,)", false],
  ["app in (", "ERR", "unable to parse requirement: found '', expected: ',', ')' or identifier"],
  ["app in (a", "ERR", "unable to parse requirement: found '', expected: ',' or ')'"],
  ["app in a", "ERR", "unable to parse requirement: found 'a' expected: '('"],
  ["app", true],
  ["app,", "ERR", "found '', expected: identifier after ','"],
  [",app", "ERR", "found ',', expected: !, identifier, or 'end of string'"],
  ["app=(", "ERR", "unable to parse requirement: found '(', expected: identifier"],
  ["app>>1", "ERR", "unable to parse requirement: found '>', expected: identifier"],
  ["=x", "ERR", "found '=', expected: !, identifier, or 'end of string'"],
  ["in=x", false],
  ["app in (in,notin)", false],
  ["x=1,", "ERR", "found '', expected: identifier after ','"],
  ["app notin (web)", false],
  ["x=", true],
  ["x in ()", true],
  ["a=b !c", "ERR", "found '!', expected: ',' or 'end of string'"],
  ["app=a b", "ERR", "found 'b', expected: ',' or 'end of string'"],
  [
    "count>-1",
    "ERR",
    "unable to parse requirement: values[0][count]: Invalid value: \"-1\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ],
  [
    "count<+9",
    "ERR",
    "unable to parse requirement: values[0][count]: Invalid value: \"+9\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ],
  ["x in (,a)", true],
  ["!app=web", "ERR", "found '=', expected: ',' or 'end of string'"],
  ["!!app", "ERR", "unable to parse requirement: found '!', expected: identifier"],
  ["app!=web", false],
  ["count==5", true],
  ["tier notin (a)", false],
  ["count>5", false],
  [
    "a/=1",
    "ERR",
    "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ],
  [
    "ex.com/=1",
    "ERR",
    "unable to parse requirement: <nil>: Invalid value: \"ex.com/\": name part must be non-empty; name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ],
  [
    "count>99999999999999999999",
    "ERR",
    "unable to parse requirement: values[0]: Invalid value: \"99999999999999999999\": for 'Gt', 'Lt' operators, the value must be an integer",
  ],
];

function errorOf(selector: string): string {
  try {
    parseLabelSelector(selector);
  } catch (e) {
    return (e as Error).message;
  }
  return "(parsed)";
}

describe("parseLabelSelector (apimachinery labels.Parse)", () => {
  for (const c of CASES) {
    if (c[1] === "ERR") test(`${JSON.stringify(c[0])} fails`, () => expect(errorOf(c[0])).toBe(c[2] as string));
    else test(`${JSON.stringify(c[0])} matches: ${c[1]}`, () => expect(parseLabelSelector(c[0]).matches(LABELS)).toBe(c[1] as boolean));
  }
});
