
import { useMemo, useRef } from "react";
import { useKeys } from "../components/keys.tsx";
import { StepFrame } from "../components/StepFrame.tsx";
import { Line } from "../components/Line.tsx";
import { LiveRollout } from "../LiveRollout.tsx";
import { RolloutBoard } from "../RolloutBoard.tsx";
import { useLayout } from "../layout.ts";
import { isFinished, type RolloutState } from "../rollout-state.ts";
import type { WizardServices } from "../services.ts";
import type { WizardResult, WizardState } from "../state.ts";
import { useTheme } from "../theme.ts";
import { FinalScreen } from "./FinalScreen.tsx";
import { framePosition, frameTitle, type WizardOutcome } from "./common.ts";

export interface ApplyStepProps {
  state: WizardState;
  result: WizardResult;
  services: WizardServices;
  now: () => number;
  tickMs?: number;
  onExit?(outcome: WizardOutcome): void;
}

/** Step 9: the live rollout board, then the final (or failure) screen. */
export function ApplyStep({ state, result, services, now, tickMs, onExit }: ApplyStepProps) {
  const theme = useTheme();
  const { bodyRows } = useLayout();
  const events = useMemo(() => services.install(result.options, result.configValues), [services, result]);
  // The latest folded state, for the key handler (set while rendering the board).
  const latest = useRef<RolloutState | undefined>(undefined);

  const outcome = (s: RolloutState): WizardOutcome =>
    s.done
      ? { kind: "installed", result, url: s.done.url ?? s.portForward?.url, namespace: result.options.namespace }
      : { kind: "failed", result, message: s.error?.message ?? "the install stopped", exitCode: s.error?.exitCode ?? 1 };

  useKeys((input, key) => {
    const s = latest.current;
    if (s && isFinished(s) && (input === "q" || key.return)) onExit?.(outcome(s));
  });

  const frame = (s: RolloutState, clock: number) => {
    latest.current = s;
    const finished = isFinished(s);
    const hints: [string, string][] = finished
      ? [["q", s.done && result.options.portForward ? "quit (stops the port-forward)" : "quit"]]
      : [["Ctrl+C", "stop (a re-run continues)"]];
    const status = !finished
      ? { text: `${theme.sym.running} Installing into ${result.options.namespace}${theme.sym.ellipsis}`, tone: "dim" as const }
      : s.done
        ? { text: `${theme.sym.ok} Done`, tone: "ok" as const }
        : {
            text: `${theme.sym.fail} The install failed; ${s.error?.applied.length ?? 0} objects were applied. A re-run continues from there.`,
            tone: "error" as const,
          };
    return (
      <StepFrame title={frameTitle(state)} position={framePosition("apply")} status={status} hints={hints}>
        {s.done ? (
          <FinalScreen rollout={s} namespace={result.options.namespace} portForward={result.options.portForward} />
        ) : (
          <>
            <RolloutBoard state={s} now={clock} maxRows={bodyRows} />
            {!s.error && s.rows.length === 0 && <Line row={[{ text: ` waiting for the engine${theme.sym.ellipsis}`, tone: "dim" }]} />}
          </>
        )}
      </StepFrame>
    );
  };

  return (
    <LiveRollout events={events} now={now} tickMs={tickMs}>
      {frame}
    </LiveRollout>
  );
}
