/**
 * Time to the wizard's first frame, measured as an operator sees it: a fresh tmux session at 80x24
 * runs `kots install APP` and the pane is read until the header appears. The peer is the same for
 * `echo` (what tmux itself costs). ms, per run.
 */
let runs = 0;

function tmux(socket: string, ...args: string[]): string {
  const r = Bun.spawnSync(["tmux", "-L", socket, ...args], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`tmux ${args.join(" ")}: ${r.stderr.toString().trim()}`);
  return r.stdout.toString();
}

/** Starts `command` in a new 80x24 session and returns the ms until the pane shows `text` (≤ 10 s). */
export async function timeToText(command: string, text: string, env: Record<string, string>): Promise<number> {
  const vars = Object.entries({ PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", TERM: "xterm-256color", LANG: "C.UTF-8", ...env })
    .map(([k, v]) => `${k}='${v.replace(/'/g, `'\\''`)}'`)
    .join(" ");
  // a tmux server of its own per run: one that is still shutting down cannot take the next session
  const socket = `kots-bench-ff-${process.pid}-${++runs}`;
  const t0 = performance.now();
  tmux(socket, "new-session", "-d", "-s", "ff", "-x", "80", "-y", "24", "-c", process.cwd(), `env -i ${vars} ${command}; sleep 30`);
  try {
    for (;;) {
      if (tmux(socket, "capture-pane", "-p", "-t", "ff").includes(text)) return performance.now() - t0;
      if (performance.now() - t0 > 10_000) throw new Error(`${command}: "${text}" not on screen after 10 s`);
      await Bun.sleep(2);
    }
  } finally {
    Bun.spawnSync(["tmux", "-L", socket, "kill-server"], { stdout: "ignore", stderr: "ignore" });
  }
}
