/**
 * (i) The template engine (templates/go → WebAssembly, src/templates), against the budgets:
 *
 * 1. load: in a fresh `bun` process each round, the time from before the first engine call to
 *    after it (read + zstd decompression + WebAssembly compile + instantiate + Go's runtime and
 *    main): the synchronous path (new WebAssembly.Module, what a first render without a preload
 *    pays) and the asynchronous preload (WebAssembly.compile, what the wizard starts on the
 *    password step). Source mode: the same module and wasm the binary embeds.
 * 2. render: the whole Config of examples/acme-helpdesk (every item resolved in dependency order,
 *    every field rendered: one config.render op, as the Config step does per change) after load,
 *    median of many renders in one process.
 * 3. binary size: dist/kots as built against the same tree built with empty engine assets (a git
 *    worktree of HEAD with src/templates/generated/ files emptied), same bun build flags.
 * 4. TLS: in a fresh process, the engine loaded first, one render of a Config whose items call
 *    TLSCert + TLSKey (a self-signed pair) and TLSCACert + TLSCertFromCA + TLSKeyFromCA (a CA and a
 *    signed pair): with the keys made natively and pooled (src/templates/tls-keys.ts) against the
 *    pool turned off (Go's crypto/rsa under WebAssembly makes the three keys).
 * The budgets are the "peer" column: load ≤ 200 ms, a 25-item Config ≤ 20 ms, growth ≤ 4 MB.
 *
 * Standalone: `bun test/bench/templates.ts [--quick]` prints the rows.
 * Internal: `bun test/bench/templates.ts --child load-sync|load-async|render N|tls-pooled|tls-unpooled`
 * prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { median, mustRun } from "./measure.ts";
import type { Row } from "./report.ts";

const repo = path.resolve(import.meta.dir, "../..");
const APP = path.join(repo, "examples/acme-helpdesk");

/** A Config with a self-signed pair and a CA-signed pair (three RSA keys). */
const TLS_CONFIG = `apiVersion: kots.io/v1beta1
kind: Config
metadata: {name: tls}
spec:
  groups:
  - name: tls
    title: TLS
    items:
    - {name: web_cert, type: textarea, default: '{{repl TLSCert "web" "web.local" nil nil 365 }}'}
    - {name: web_key, type: textarea, default: '{{repl TLSKey "web" }}'}
    - {name: ca_cert, type: textarea, default: '{{repl TLSCACert "bench-ca" 365 }}'}
    - {name: api_cert, type: textarea, default: '{{repl TLSCertFromCA "bench-ca" "api" "api.local" nil nil 365 }}'}
    - {name: api_key, type: textarea, default: '{{repl TLSKeyFromCA "bench-ca" "api" "api.local" nil nil 365 }}'}
`;

async function child(mode: string, n: number): Promise<void> {
  const t0 = performance.now();
  const engine = await import("../../src/templates/index.ts");
  const imported = performance.now();
  if (mode === "load-sync") {
    engine.loadTemplatesSync();
    console.log(JSON.stringify({ ms: performance.now() - imported, importMs: imported - t0 }));
    return;
  }
  if (mode === "load-async") {
    await engine.preloadTemplates();
    if (!engine.templatesLoaded()) throw new Error("the preload did not load the engine");
    console.log(JSON.stringify({ ms: performance.now() - imported, importMs: imported - t0 }));
    return;
  }
  if (mode === "tls-pooled" || mode === "tls-unpooled") {
    const { newConfigSession, parseConfig } = await import("../../src/config/index.ts");
    engine.loadTemplatesSync();
    engine.setTlsKeyPooling(mode === "tls-pooled");
    const session = newConfigSession(parseConfig(TLS_CONFIG, "kots-config.yaml"));
    const s = performance.now();
    const cert = session.get("api_cert");
    const ms = performance.now() - s;
    if (!cert.includes("BEGIN CERTIFICATE")) throw new Error("no certificate rendered");
    console.log(JSON.stringify({ ms, made: engine.tlsKeysMade() }));
    return;
  }
  // render: the example app's Config, its example ConfigValues
  const { newConfigSession, parseConfig, parseConfigValues } = await import("../../src/config/index.ts");
  const config = parseConfig(readFileSync(path.join(APP, "kots-config.yaml"), "utf8"), "kots-config.yaml");
  const values = parseConfigValues(readFileSync(path.join(APP, "configvalues.yaml"), "utf8")).values;
  const items = config.groups.reduce((k, g) => k + g.items.length, 0);
  const session = newConfigSession(config, { values, context: { namespace: "bench", appSlug: "acme-helpdesk" } });
  session.validate(); // loads the engine and warms the JIT
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    session.set("hostname", `h${i}.example.com`); // a change: the next read renders the whole Config
    const s = performance.now();
    session.visibleGroups();
    samples.push(performance.now() - s);
  }
  console.log(JSON.stringify({ items, samples }));
}

async function childRun(args: string[]): Promise<Record<string, unknown>> {
  const r = await mustRun(["bun", path.join(import.meta.dir, "templates.ts"), "--child", ...args], { timeoutMs: 120_000 });
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

/** Bytes of a `bun build --compile` of src/cli/main.ts in `dir` (build.ts's flags, without the defines). */
async function compiledSize(dir: string, out: string): Promise<number> {
  await mustRun(
    ["bun", "build", "--compile", "--production", "--bytecode", "--format=esm", "--no-compile-autoload-dotenv", "--no-compile-autoload-bunfig", "--outfile", out, "src/cli/main.ts"],
    { timeoutMs: 300_000, cwd: dir },
  );
  return statSync(out).size;
}

/** The template engine rows of the bench table; `say` reports progress on stderr. */
export async function templateRows(quick: boolean, say: (m: string) => void): Promise<Row[]> {
  const rounds = quick ? 2 : 7;
  const renders = quick ? 20 : 200;
  say(`(i) template engine: load in a fresh process × ${rounds} (sync and preload), Config render × ${renders}, binary size`);
  const { buildTemplatesWasm } = await import("../../templates/build-wasm.ts");
  buildTemplatesWasm((l) => say(l));
  const sync: number[] = [];
  const preload: number[] = [];
  for (let i = 0; i < rounds; i++) {
    sync.push((await childRun(["load-sync"])).ms as number);
    preload.push((await childRun(["load-async"])).ms as number);
  }
  const render = await childRun(["render", String(renders)]);
  const items = render.items as number;
  const tlsRounds = quick ? 1 : 5;
  const tlsPooled: number[] = [];
  const tlsUnpooled: number[] = [];
  for (let i = 0; i < tlsRounds; i++) {
    tlsPooled.push((await childRun(["tls-pooled"])).ms as number);
    tlsUnpooled.push((await childRun(["tls-unpooled"])).ms as number);
  }

  const work = mkdtempSync(path.join(tmpdir(), "kots-bench-templates-"));
  let withEngine = NaN;
  let without = NaN;
  try {
    const tree = path.join(work, "tree");
    await mustRun(["git", "-C", repo, "worktree", "add", "--detach", tree, "HEAD"], { timeoutMs: 60_000 });
    try {
      symlinkSync(path.join(repo, "node_modules"), path.join(tree, "node_modules"));
      const gen = path.join(tree, "src/templates/generated");
      await mustRun(["mkdir", "-p", gen]);
      for (const f of ["kots-templates.wasm.zst", "wasm_exec.js.txt"]) writeFileSync(path.join(gen, f), readFileSync(path.join(repo, "src/templates/generated", f)));
      // the Helm renderer's module (gitignored, made by build.ts) is in both builds: only the template engine differs
      const helmGen = path.join(tree, "src/helm/generated");
      await mustRun(["mkdir", "-p", helmGen]);
      writeFileSync(path.join(helmGen, "kots-helm.wasm.zst"), readFileSync(path.join(repo, "src/helm/generated/kots-helm.wasm.zst")));
      withEngine = await compiledSize(tree, path.join(work, "kots-with"));
      for (const f of ["kots-templates.wasm.zst", "wasm_exec.js.txt"]) writeFileSync(path.join(gen, f), "");
      without = await compiledSize(tree, path.join(work, "kots-without"));
    } finally {
      await mustRun(["git", "-C", repo, "worktree", "remove", "--force", tree], { timeoutMs: 60_000 });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const MB = 1e6;
  const row = (measurement: string, unit: string, peerName: string, k: number[], peer: number): Row => ({
    measurement,
    unit,
    peerName,
    kots: median(k),
    peer,
    kotsSamples: k,
    peerSamples: [peer],
  });
  return [
    row(`template engine load, fresh process, first call (sync) (median of ${rounds})`, "ms", "budget", sync, 200),
    row(`template engine load, fresh process, preload (async) (median of ${rounds})`, "ms", "budget", preload, 200),
    row(`Config render, examples/acme-helpdesk (${items} items), after load (median of ${renders})`, "ms", `budget (25 items)`, render.samples as number[], 20),
    row(`Config with TLSCert/TLSKey + TLSCACert/TLSCertFromCA/TLSKeyFromCA (3 RSA keys), first render, keys made natively (median of ${tlsRounds})`, "ms", "keys made by Go in the wasm", tlsPooled, median(tlsUnpooled)),
    row("binary size: dist/kots with the engine", "MB", "the same tree without it", [withEngine / MB], without / MB),
    row("binary growth from the engine", "MB", "budget", [(withEngine - without) / MB], 4),
  ];
}

if (import.meta.main) {
  const i = process.argv.indexOf("--child");
  if (i >= 0) await child(process.argv[i + 1]!, Number(process.argv[i + 2] ?? 0));
  else {
    const { table } = await import("./report.ts");
    console.log(table(await templateRows(process.argv.includes("--quick"), (m) => process.stderr.write(`${m}\n`))));
  }
}
