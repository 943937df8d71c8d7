import { createElement, type ReactElement } from "react";
import type { InstallEvent } from "../src/install/events.ts";
import { LiveRollout, type LiveRolloutProps } from "./LiveRollout.tsx";
import { LayoutContext, makeLayout } from "./layout.ts";
import { makeTheme, ThemeContext, type TerminalCaps } from "./theme.ts";
import { Wizard, type WizardProps } from "./Wizard.tsx";

export { Wizard, type WizardProps } from "./Wizard.tsx";
export { RolloutBoard, boardRows } from "./RolloutBoard.tsx";
export { LiveRollout } from "./LiveRollout.tsx";
export { rolloutReducer, initialRollout, foldEvents, type RolloutState, type RolloutRow } from "./rollout-state.ts";
export { wizardReducer, initialState, buildResult, type WizardState, type WizardAction, type WizardResult } from "./state.ts";
export { headlessCommand, headlessLines } from "./headless.ts";
export { PullProgress, type PullProgressProps } from "./PullProgress.tsx";
export { pullProgressReducer, initialPullProgress, formatBytes, type PullProgressState, type ImageRow } from "./pull-progress.ts";
export type { WizardOutcome } from "./steps/common.ts";
export type { TerminalCaps } from "./theme.ts";
export type * from "./services.ts";

/**
 * The wizard as a React element for Ink's render(). src/cli does the rendering (and checks
 * process.stdin.isTTY, clears DEV, picks caps from NO_COLOR/TERM/locale, unmounts on onExit).
 */
export function runWizard(props: WizardProps): ReactElement {
  return createElement(Wizard, props);
}

export interface RolloutElementProps extends Omit<LiveRolloutProps, "events" | "children"> {
  events: AsyncIterable<InstallEvent>;
  caps: TerminalCaps;
  size?: { columns: number; rows: number };
}

/** The rollout board alone (e.g. `kots install --yes` on a TTY): folds the stream, ticks the clock. */
export function rolloutBoardElement({ caps, size, ...rest }: RolloutElementProps): ReactElement {
  const layout = makeLayout(size?.columns ?? 80, size?.rows ?? 24);
  return createElement(
    ThemeContext.Provider,
    { value: makeTheme(caps) },
    createElement(LayoutContext.Provider, { value: layout }, createElement(LiveRollout, rest)),
  );
}
