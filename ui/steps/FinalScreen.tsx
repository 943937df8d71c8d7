import { Box } from "ink";
import { Line } from "../components/Line.tsx";
import { StatusLines } from "../components/StatusLines.tsx";
import type { RolloutState } from "../rollout-state.ts";
import { useTheme } from "../theme.ts";
import { formatDuration, padEnd } from "../text.ts";

/** After a successful install: the URL, the running port-forward, how to reconnect. */
export function FinalScreen({ rollout, namespace, portForward }: { rollout: RolloutState; namespace: string; portForward: boolean }) {
  const theme = useTheme();
  const done = rollout.done!;
  const pf = rollout.portForward;
  const url = done.url ?? pf?.url;
  const kv = (label: string, value: string, tone: "plain" | "ok" | "warn" | "accent" = "plain") => (
    <Line row={[{ text: "   " + padEnd(label, 14), tone: "dim" }, { text: value, tone }]} />
  );
  const reconnect = `kubectl kots admin-console -n ${namespace}`;
  return (
    <Box flexDirection="column">
      <Line
        row={[{ text: ` ${theme.sym.ok} The Admin Console is installed in namespace ${namespace} (${formatDuration(done.durationMs)})`, tone: "ok" }]}
      />
      <Line row="" />
      {url ? kv("URL", url, "accent") : null}
      {portForward && pf ? (
        <>
          {kv("Port-forward", `running: localhost:${pf.localPort} ${theme.sym.arrow} svc/kotsadm:3000`, pf.healthy ? "ok" : "warn")}
          {pf.localPort !== pf.requestedPort ? kv("", `(port ${pf.requestedPort} was busy)`) : null}
          {!pf.healthy ? kv("", "the Admin Console does not answer yet: give it a moment", "warn") : null}
          {kv("", "it stops when you quit this screen")}
        </>
      ) : (
        kv("Port-forward", "none")
      )}
      {kv("Log in with", "the admin password you chose")}
      <Line row="" />
      <Line row={[{ text: " To reconnect later (port-forward to localhost:8800):", tone: "title" }]} />
      <Line row={[{ text: `   ${reconnect}`, tone: "accent" }]} />
      {rollout.warnings.length > 0 && (
        <>
          <Line row="" />
          {rollout.warnings.slice(-2).map((w, i) => (
            <StatusLines key={i} symbol={theme.sym.warn} indent={1} tone="warn" text={w} maxRows={2} />
          ))}
        </>
      )}
    </Box>
  );
}
