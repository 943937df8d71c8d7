import type { TestCluster } from "./cluster.ts";

/** `kubectl get -o json` of a kind in a namespace (items), failing the test on a kubectl error. */
export function getItems(tc: TestCluster, kind: string, ns: string, extra: string[] = []): any[] {
  const r = tc.kubectl(["get", kind, "-n", ns, "-o", "json", ...extra]);
  if (r.code !== 0) throw new Error(`kubectl get ${kind} -n ${ns}: ${r.stderr}`);
  return JSON.parse(r.stdout).items;
}

/** One object as JSON, or undefined when it does not exist. */
export function getOne(tc: TestCluster, kind: string, name: string, ns?: string): any | undefined {
  const r = tc.kubectl(["get", kind, name, ...(ns ? ["-n", ns] : []), "-o", "json"]);
  if (r.code !== 0) {
    if (/NotFound/.test(r.stderr)) return undefined;
    throw new Error(`kubectl get ${kind} ${name}: ${r.stderr}`);
  }
  return JSON.parse(r.stdout);
}

/** Decoded values of every Secret the Admin Console generated (random or derived from a secret). */
export function generatedSecretValues(tc: TestCluster, ns: string): string[] {
  const seeded = new Set(["kotsadm-default-license", "kotsadm-default-configvalues"]);
  const values: string[] = [];
  for (const s of getItems(tc, "secrets", ns)) {
    if (!s.metadata.name.startsWith("kotsadm") || seeded.has(s.metadata.name)) continue;
    for (const v of Object.values<string>(s.data ?? {})) {
      const text = Buffer.from(v, "base64").toString("utf8");
      if (text.length >= 8) values.push(text);
      if (v.length >= 8) values.push(v);
    }
  }
  return values;
}

/** Deletes a namespace without waiting (test cleanup). */
export function dropNamespace(tc: TestCluster, ns: string): void {
  tc.kubectl(["delete", "namespace", ns, "--wait=false", "--ignore-not-found"]);
  // the install's per-namespace binding of the shared ClusterRole is cluster-scoped: it outlives the namespace
  tc.kubectl(["delete", "clusterrolebinding", `kotsadm-rolebinding-${ns}`, "--wait=false", "--ignore-not-found"]);
}
