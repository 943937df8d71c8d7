import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { TestCluster } from "./cluster.ts";

export const FIXTURE_DIR = path.resolve(import.meta.dir, "../fixtures/preflight");

export interface PreflightFixture {
  name: string;
  specPath: string;
  /** title -> the outcome both tools must give (written by hand from the cluster state) */
  expect: Record<string, "pass" | "warn" | "fail">;
  objectsPath?: string;
}

/** Every fixture spec of test/fixtures/preflight: `<name>.yaml` with its `<name>.expect.yaml`. */
export function preflightFixtures(): PreflightFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith(".yaml") && !f.endsWith(".expect.yaml") && !f.endsWith(".objects.yaml"))
    .sort()
    .map((f) => {
      const name = f.replace(/\.yaml$/, "");
      const expectPath = path.join(FIXTURE_DIR, `${name}.expect.yaml`);
      if (!existsSync(expectPath)) throw new Error(`fixture ${f} has no ${name}.expect.yaml`);
      const objectsPath = path.join(FIXTURE_DIR, `${name}.objects.yaml`);
      return { name, specPath: path.join(FIXTURE_DIR, f), expect: YAML.parse(readFileSync(expectPath, "utf8")), objectsPath: existsSync(objectsPath) ? objectsPath : undefined };
    });
}

/** Namespaces and Nodes a fixture's objects file creates (to wait for and to delete afterwards). */
export function fixtureObjects(objectsPath: string): { namespaces: string[]; nodes: string[] } {
  const docs = YAML.parseAllDocuments(readFileSync(objectsPath, "utf8")).map((d) => d.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null);
  const namespaces = new Set<string>();
  const nodes: string[] = [];
  for (const d of docs) {
    if (!d) continue;
    if (d.kind === "Namespace" && d.metadata?.name) namespaces.add(d.metadata.name);
    if (d.metadata?.namespace) namespaces.add(d.metadata.namespace);
    if (d.kind === "Node" && d.metadata?.name) nodes.push(d.metadata.name);
  }
  return { namespaces: [...namespaces], nodes };
}

const VOLATILE = /"(resourceVersion|managedFields|lastUpdateTime|lastTransitionTime|lastHeartbeatTime|renewTime|time|lastTimestamp|firstTimestamp|eventTime)"/;

/**
 * Waits until the workloads and pods of `namespaces` stop changing (controllers have caught up:
 * two reads 1.5 s apart agree, ignoring timestamps), at most `budgetMs`. Both tools then read the
 * same state.
 */
export async function waitSettled(cluster: TestCluster, namespaces: string[], budgetMs = 45_000): Promise<void> {
  const read = () =>
    namespaces
      .map((ns) => cluster.kubectl(["get", "deploy,sts,rs,job,pod,pvc", "-n", ns, "-o", "json"]).stdout)
      .join("\n")
      .split("\n")
      .filter((l) => !VOLATILE.test(l))
      .join("\n");
  const deadline = Date.now() + budgetMs;
  let last = read();
  while (Date.now() < deadline) {
    await Bun.sleep(1500);
    const now = read();
    if (now === last) return;
    last = now;
  }
  throw new Error(`fixture objects in ${namespaces.join(", ")} did not settle within ${budgetMs / 1000} s`);
}
