/**
 * The realistic kwok profile (scripts/kwok/realistic-profile.yaml) for the bench: the install
 * flags that opt into it, and its floor, the sum of the stage delays on its critical path
 * (PVC binding → datastore start → readiness → schemahero-plan's two failures → recovery), read
 * from the stage file so the two never drift apart. ms.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

const PROFILE = path.resolve(import.meta.dir, "../../scripts/kwok/realistic-profile.yaml");
const CRITICAL_PATH = [
  "kots-tui-late-pvc-provision",
  "kots-tui-datastore-running",
  "kots-tui-datastore-ready",
  "kots-tui-schemahero-error",
  "kots-tui-schemahero-crashloop",
  "kots-tui-schemahero-recovered",
];

export const REALISTIC_ARGS = ["--additional-labels", "kots-tui.dev/profile=realistic", "--storage-class", "kots-tui-late-binding"];

/** Sum of `delay.durationMilliseconds` (the lower bound of each jittered delay) along the critical path. */
export function realisticFloorMs(): number {
  const stages = new Map<string, { spec?: { delay?: { durationMilliseconds?: number } } }>();
  for (const d of parseAllDocuments(readFileSync(PROFILE, "utf8"))) {
    const s = d.toJS() as { metadata?: { name?: string } } | null;
    if (s?.metadata?.name) stages.set(s.metadata.name, s as never);
  }
  return CRITICAL_PATH.reduce((sum, name) => {
    const stage = stages.get(name);
    if (!stage) throw new Error(`stage ${name} is not in ${PROFILE}`);
    return sum + (stage.spec?.delay?.durationMilliseconds ?? 0);
  }, 0);
}
