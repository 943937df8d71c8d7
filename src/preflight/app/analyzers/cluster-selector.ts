/**
 * Label selectors as metav1.LabelSelectorAsSelector builds them and labels.Selector matches them
 * (k8s.io/apimachinery v0.36.3 pkg/apis/meta/v1/helpers.go, pkg/labels/selector.go,
 * pkg/api/validate/content), with the validation error texts (field.ErrorList aggregated).
 */
import { goQuote } from "../../../go/strings.ts";
import { goMarshal } from "../go-json.ts";

/** One matchExpressions entry as written in the spec. */
export interface SelectorRequirementSpec {
  key: string;
  operator: string;
  values: string[];
}

type Op = "in" | "notin" | "=" | "exists" | "!";

interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

/** A built selector: true when the labels satisfy every requirement (no requirement matches everything). */
export type LabelMatcher = (labels: Record<string, string>) => boolean;

const LABEL_KEY_CHAR = "[A-Za-z0-9]";
const LABEL_KEY_EXT = "[-A-Za-z0-9_.]";
const LABEL_KEY_FMT = `(${LABEL_KEY_CHAR}${LABEL_KEY_EXT}*)?${LABEL_KEY_CHAR}`;
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS_SUBDOMAIN_FMT = `${DNS_LABEL_FMT}(\\.${DNS_LABEL_FMT})*`;
const DNS_SUBDOMAIN_RE = new RegExp(`^${DNS_SUBDOMAIN_FMT}$`);
const DNS_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const byteLength = (s: string): number => new TextEncoder().encode(s).length;
const maxLenError = (n: number): string => `must be no more than ${n} bytes`;

/** content.RegexError: the message, the examples and the regex. */
function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) out += " or ";
    out += `'${ex}', `;
  });
  return `${out}regex used for validation is '${re}')`;
}

function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!DNS_SUBDOMAIN_RE.test(value)) errs.push(regexError(DNS_SUBDOMAIN_MSG, DNS_SUBDOMAIN_FMT, "example.com"));
  return errs;
}

/** content.IsLabelKey: an optional DNS-subdomain prefix and '/', then a name of at most 63 bytes. */
function isLabelKey(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push("prefix part must be non-empty");
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc")} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!LABEL_KEY_RE.test(name)) errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc")}`);
  return errs;
}

/** content.IsLabelValue: empty, or at most 63 bytes of the label charset. */
function isLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  return errs;
}

/** field.Invalid(path, value, detail).Error(): "PATH: Invalid value: VALUE: DETAIL". */
function invalid(path: string, value: string | string[] | null, detail: string): string {
  const shown = typeof value === "string" ? goQuote(value) : goMarshal(value);
  return `${path}: Invalid value: ${shown}${detail ? `: ${detail}` : ""}`;
}

/** ErrorList.ToAggregate().Error(): duplicates dropped, one message as is, several as "[a, b]". */
function aggregate(errs: string[]): string | undefined {
  const unique = [...new Set(errs)];
  if (unique.length === 0) return undefined;
  if (unique.length === 1) return unique[0];
  return `[${unique.join(", ")}]`;
}

/** labels.NewRequirement's validation; `values` null is Go's nil slice. */
function newRequirement(key: string, op: Op, values: string[] | null): Requirement {
  const errs: string[] = [];
  const keyErrs = isLabelKey(key);
  if (keyErrs.length) errs.push(invalid("key", key, keyErrs.join("; ")));
  const vals = values ?? [];
  if ((op === "in" || op === "notin") && vals.length === 0) errs.push(invalid("values", values, "for 'in', 'notin' operators, values set can't be empty"));
  if (op === "=" && vals.length !== 1) errs.push(invalid("values", values, "exact-match compatibility requires one single value"));
  if ((op === "exists" || op === "!") && vals.length !== 0) errs.push(invalid("values", values, "values set must be empty for exists and does not exist"));
  vals.forEach((v, i) => {
    const vErrs = isLabelValue(v);
    if (vErrs.length) errs.push(invalid(`values[${i}][${key}]`, v, vErrs.join("; ")));
  });
  const err = aggregate(errs);
  if (err !== undefined) throw new Error(err);
  return { key, op, values: vals };
}

function matches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.op) {
    case "in":
    case "=":
      return has && r.values.includes(labels[r.key]!);
    case "notin":
      return !has || !r.values.includes(labels[r.key]!);
    case "exists":
      return has;
    case "!":
      return !has;
  }
}

/**
 * metav1.LabelSelectorAsSelector for {matchLabels, matchExpressions}: no entries match every
 * label set.
 * @throws Error "\"X\" is not a valid label selector operator" or the aggregated validation text,
 *   e.g. "key: Invalid value: \"a b\": name part must consist of …".
 */
export function labelSelectorAsSelector(matchLabels: Record<string, string>, matchExpressions: SelectorRequirementSpec[]): LabelMatcher {
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(matchLabels)) reqs.push(newRequirement(k, "=", [v]));
  for (const e of matchExpressions) {
    let op: Op;
    switch (e.operator) {
      case "In":
        op = "in";
        break;
      case "NotIn":
        op = "notin";
        break;
      case "Exists":
        op = "exists";
        break;
      case "DoesNotExist":
        op = "!";
        break;
      default:
        throw new Error(`${goQuote(e.operator)} is not a valid label selector operator`);
    }
    reqs.push(newRequirement(e.key, op, e.values.length ? [...e.values] : null));
  }
  return (labels) => reqs.every((r) => matches(r, labels));
}
