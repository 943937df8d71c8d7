/**
 * troubleshoot v0.133.0 pkg/interfaceutils GetAtPath: the dotted path lookup of the yamlCompare,
 * jsonCompare (`path`) and clusterResource (`yamlPath`) analyzers. Each dot-separated step is a
 * map key, or `[N]` for an index into a list ("spec.containers.[0].image"); a missing key gives
 * nil, and a step into nil or a scalar is an error.
 */
import { GoPanic } from "./data-wrap.ts";
import { type DataValue, dataKeyType, isDataMap } from "./data-value.ts";
import { goSprintV } from "./data-go-fmt.ts";
import { goAtoi } from "../../../go/strconv.ts";

/**
 * GetAtPath(input, path).
 * @throws Error with troubleshoot's text: "input is not a map, but rather a V: V",
 *   "input is not an array: V", "failed to get index value of [x]: failed to parse index x: strconv.Atoi: …"
 * @throws GoPanic for an index outside the list ("runtime error: index out of range [5] with length 2")
 */
export function getAtPath(input: DataValue, path: string): DataValue {
  let cur = input;
  let rest = path;
  for (;;) {
    const dot = rest.indexOf(".");
    const key = dot < 0 ? rest : rest.slice(0, dot);
    if (key.startsWith("[") && key.endsWith("]")) {
      const text = key.replace(/^\[/, "").replace(/\]$/, "");
      let index: bigint;
      try {
        index = goAtoi(text);
      } catch (err) {
        throw new Error(`failed to get index value of ${key}: failed to parse index ${text}: ${(err as Error).message}`);
      }
      if (!Array.isArray(cur)) throw new Error(`input is not an array: ${goSprintV(cur)}`);
      if (index < 0n) throw new GoPanic(`runtime error: index out of range [${index}]`);
      if (index >= BigInt(cur.length)) throw new GoPanic(`runtime error: index out of range [${index}] with length ${cur.length}`);
      cur = cur[Number(index)];
    } else {
      if (!isDataMap(cur)) {
        const v = goSprintV(cur);
        throw new Error(`input is not a map, but rather a ${v}: ${v}`);
      }
      cur = Object.hasOwn(cur, key) && dataKeyType(cur, key) === "string" ? cur[key] : null;
    }
    if (dot < 0) return cur;
    rest = rest.slice(dot + 1);
  }
}
