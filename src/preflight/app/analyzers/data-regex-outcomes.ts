/**
 * The regex outcome rules troubleshoot's textAnalyze and clusterResource analyzers share
 * (troubleshoot v0.133.0 pkg/analyze/text_analyze.go analyzeRegexPattern, analyzeRegexGroups,
 * compareRegex), over one text (a collected file, or the YAML of a resource's field).
 */
import { GoStringMap, renderGoTemplate } from "../message.ts";
import { wrap } from "../types.ts";
import { GoRegexpError, goRegexpMatch, goRegexpSubmatch } from "../../../go/regexp.ts";
import { type Draft, type RawOutcome, emptyDraft, firstOf } from "./data-outcomes.ts";
import { goAtoiOrUndefined, goParseBoolStrict } from "../../../go/strconv.ts";
import { goQuote } from "../../../go/strings.ts";
import { compareInts, splitWhen } from "./compare.ts";

/** Runs a Go regexp op; a pattern Go rejects is "failed to compile regex: P: <Go's error>". */
function compiled<T>(pattern: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof GoRegexpError) throw wrap(`failed to compile regex: ${pattern}`, err);
    throw err;
  }
}

/**
 * analyzeRegexPattern: whether `pattern` matches anywhere in `text`, against each entry's `when`
 * ("true"/"false"; fail and warn default to "false" — i.e. they fire when there is NO match — and
 * pass to "true"). Every entry is checked (no early return): a later match replaces the message;
 * a fail clears an earlier warn, and preflight shows pass over warn over fail. Messages are not
 * templated. May return a draft with no flag set. Empty `when`s of `outcomes` are set to their
 * default in place, as troubleshoot does.
 * @throws AnalyzeError "failed to compile regex: P: …", "failed to process when statement: W: strconv.ParseBool: …"
 */
export function analyzeRegexPattern(pattern: string, text: string, outcomes: RawOutcome[]): Draft {
  const isMatch = compiled(pattern, () => goRegexpMatch(pattern, text));
  const d = emptyDraft();
  for (const o of outcomes) {
    const first = firstOf(o);
    if (!first) continue;
    const [kind, single] = first;
    // troubleshoot writes the default into the spec's outcome, so a regexGroups pass over the
    // same outcomes afterwards sees it ("true" / "false" are no "NAME OP VALUE" conditional).
    if (single.when === "") single.when = kind === "pass" ? "true" : "false";
    const when = single.when;
    let w: boolean;
    try {
      w = goParseBoolStrict(when);
    } catch (err) {
      throw wrap(`failed to process when statement: ${when}`, err);
    }
    if (isMatch !== w) continue;
    if (kind === "fail") {
      d.isFail = true;
      d.isWarn = false;
    } else if (kind === "warn") d.isWarn = true;
    else d.isPass = true;
    d.message = single.message;
    d.uri = single.uri;
  }
  return d;
}

/**
 * analyzeRegexGroups: the first match of `pattern` in `text`; its named groups (unmatched groups
 * "") are compared with each entry's `when` ("NAME OP VALUE", see compareRegex) and the first
 * entry that holds wins, its message rendered as a Go template with the groups as dot
 * (map[string]string). May return a draft with no flag set (no entry held).
 * @throws AnalyzeError "failed to compile regex: …", "failed to compare regex fail conditional: …",
 *   "failed to template message in outcome.Fail block: …" (Warn/Pass likewise)
 */
export function analyzeRegexGroups(pattern: string, text: string, outcomes: RawOutcome[]): Draft {
  const { names, groups: m } = compiled(pattern, () => goRegexpSubmatch(pattern, text));
  const found: Record<string, string> = {};
  names.forEach((name, i) => {
    if (i !== 0 && name !== "" && m && m.length > i) found[name] = m[i];
  });
  const d = emptyDraft();
  for (const o of outcomes) {
    const first = firstOf(o);
    if (!first) continue;
    const [kind, single] = first;
    let isMatch: boolean;
    try {
      isMatch = compareRegex(single.when, found);
    } catch (err) {
      throw wrap(`failed to compare regex ${kind} conditional`, err);
    }
    if (!isMatch) continue;
    const block = kind === "fail" ? "Fail" : kind === "warn" ? "Warn" : "Pass";
    let message: string;
    try {
      message = renderGoTemplate(single.message, new GoStringMap(found));
    } catch (err) {
      throw wrap(`failed to template message in outcome.${block} block`, err);
    }
    if (kind === "fail") d.isFail = true;
    else if (kind === "warn") d.isWarn = true;
    else d.isPass = true;
    d.message = message;
    d.uri = single.uri;
    return d;
  }
  return d;
}

/**
 * compareRegex: "" holds; else exactly "NAME OP VALUE" (single spaces). A group not found does not
 * hold. When VALUE is an integer (strconv.Atoi), the group is compared as one (= == === < > <= >=;
 * a non-integer group, or any other operator, does not hold); otherwise as text with = == === only
 * ('' or "" meaning the empty string).
 * @throws Error "unable to parse regex conditional", `unexpected operator "OP" in regex comparator, cannot compare "A" and "B"`
 */
export function compareRegex(conditional: string, found: Record<string, string>): boolean {
  if (conditional === "") return true;
  const parts = splitWhen(conditional);
  if (parts.length !== 3) throw new Error("unable to parse regex conditional");
  const [name, operator] = parts;
  let lookFor = parts[2];
  if (lookFor === "''" || lookFor === '""') lookFor = "";
  if (!Object.hasOwn(found, name)) return false;
  const foundValue = found[name];
  const want = goAtoiOrUndefined(lookFor);
  if (want !== undefined) {
    const got = goAtoiOrUndefined(foundValue);
    if (got === undefined) return false;
    return compareInts(operator, got, want) ?? false;
  }
  if (operator !== "=" && operator !== "==" && operator !== "===") {
    throw new Error(`unexpected operator ${goQuote(operator)} in regex comparator, cannot compare ${goQuote(foundValue)} and ${goQuote(lookFor)}`);
  }
  return foundValue === lookFor;
}
