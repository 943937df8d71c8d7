import type { K8sObject } from "../kube/apply.ts";

type Json = Record<string, any>;

/** storageClassName of each volumeClaimTemplate of a StatefulSet, by template name (undefined = the default class). */
function claimClasses(sts: K8sObject): Map<string, string | undefined> {
  const vcts = ((sts.spec as Json | undefined)?.volumeClaimTemplates ?? []) as Json[];
  return new Map(vcts.map((v) => [String(v.metadata?.name), v.spec?.storageClassName as string | undefined]));
}

/**
 * Why the rendered StatefulSets cannot replace the existing ones, pure: a StatefulSet's
 * volumeClaimTemplates are immutable (the API server refuses the update), so a different
 * --storage-class on a re-run can never apply. Returns one line naming the flag, the classes and
 * the fix, or undefined when nothing immutable changes.
 */
export function storageClassChange(existing: readonly K8sObject[], rendered: readonly K8sObject[], flagValue: string | undefined): string | undefined {
  for (const want of rendered.filter((o) => o.kind === "StatefulSet")) {
    const have = existing.find((o) => o.kind === "StatefulSet" && o.metadata.name === want.metadata.name);
    if (!have) continue;
    const before = claimClasses(have);
    for (const [claim, cls] of claimClasses(want)) {
      if (!before.has(claim) || before.get(claim) === cls) continue;
      const was = before.get(claim) ?? "the cluster default";
      const asked = flagValue ? `--storage-class ${flagValue}` : "no --storage-class (the cluster default)";
      const keep = before.get(claim) ? `--storage-class ${before.get(claim)}` : "no --storage-class";
      return `${asked} differs from StatefulSet/${want.metadata.name}, whose volumes use ${was}: volumes cannot move to another StorageClass; run again with ${keep}`;
    }
  }
  return undefined;
}
