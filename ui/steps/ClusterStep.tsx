import { useEffect } from "react";
import { useKeys } from "../components/keys.tsx";
import { Box } from "ink";
import { StepFrame } from "../components/StepFrame.tsx";
import { Line } from "../components/Line.tsx";
import { StatusLines } from "../components/StatusLines.tsx";
import { useTheme } from "../theme.ts";
import { padEnd } from "../text.ts";
import { errorText, framePosition, frameTitle, LABEL_WIDTH, type StepProps } from "./common.ts";

/** Step 1: which cluster (context, API server) and whether it answers. */
export function ClusterStep({ state, dispatch, services, quit }: StepProps) {
  const theme = useTheme();
  const c = state.cluster;

  const load = () => {
    dispatch({ type: "cluster/loading" });
    services.clusterContext?.().then(
      (ctx) => ctx && dispatch({ type: "cluster/context", ...ctx }),
      () => undefined,
    );
    services.clusterInfo().then(
      (info) => dispatch({ type: "cluster/loaded", info }),
      (err) => dispatch({ type: "cluster/failed", message: errorText(err) }),
    );
  };
  useEffect(() => {
    if (c.status === "idle") load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const reachable = c.status === "done" && c.value.reachable;
  useKeys((input, key) => {
    if (key.return && reachable) dispatch({ type: "next" });
    else if (input === "r" && c.status !== "loading") load();
    else if (key.escape || input === "q") quit();
  });

  const kv = (label: string, value: string) => <Line row={[{ text: "  " + padEnd(label, LABEL_WIDTH), tone: "dim" }, { text: value }]} />;
  let status: { text: string; tone: "error" | "dim" } | undefined;
  if (c.status === "done" && !c.value.reachable) status = { text: "The cluster does not answer: fix the kubeconfig or network, then press r", tone: "error" };
  if (c.status === "error") status = { text: "Could not read the cluster configuration: press r to retry", tone: "error" };

  return (
    <StepFrame
      title={frameTitle(state)}
      position={framePosition("cluster")}
      status={status}
      hints={reachable ? [["Enter", "continue"], ["r", "re-check"], ["q", "quit"], ["?", "keys"]] : [["r", "re-check"], ["q", "quit"], ["?", "keys"]]}
    >
      <Line row=" The Admin Console will be installed into this cluster:" />
      <Line row="" />
      {(c.status === "loading" || c.status === "idle") && state.clusterContext ? (
        <Box flexDirection="column">
          {kv("Context", state.clusterContext.context)}
          {kv("API server", state.clusterContext.server)}
          <Line row={[{ text: "  " + padEnd("Status", LABEL_WIDTH), tone: "dim" }, { text: `${theme.sym.running} checking that it answers${theme.sym.ellipsis}`, tone: "dim" }]} />
        </Box>
      ) : c.status === "loading" || c.status === "idle" ? (
        <Line row={[{ text: `  ${theme.sym.running} reading the kube context${theme.sym.ellipsis}`, tone: "dim" }]} />
      ) : c.status === "error" ? (
        <StatusLines symbol={theme.sym.fail} text={c.message} tone="error" indent={2} />
      ) : (
        <Box flexDirection="column">
          {kv("Context", c.value.context)}
          {kv("API server", c.value.server)}
          {c.value.reachable ? (
            <Line
              row={[
                { text: "  " + padEnd("Status", LABEL_WIDTH), tone: "dim" },
                { text: `${theme.sym.ok} reachable${c.value.version ? ` (Kubernetes ${c.value.version})` : ""}`, tone: "ok" },
              ]}
            />
          ) : (
            <>
              <Line row={[{ text: "  " + padEnd("Status", LABEL_WIDTH), tone: "dim" }, { text: `${theme.sym.fail} unreachable`, tone: "error" }]} />
              {c.value.error && <StatusLines text={c.value.error} tone="error" indent={2 + LABEL_WIDTH} />}
            </>
          )}
          <Line row="" />
          <Line row={[{ text: "  To use another cluster, quit and pass --context or --kubeconfig.", tone: "dim" }]} />
        </Box>
      )}
    </StepFrame>
  );
}
