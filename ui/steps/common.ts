import type { Dispatch } from "react";
import type { WizardServices } from "../services.ts";
import { STEPS, STEP_TITLES, type StepId, type WizardAction, type WizardResult, type WizardState } from "../state.ts";

/** What the wizard tells the caller when the operator leaves the final (or error) screen. */
export type WizardOutcome =
  | { kind: "installed"; result: WizardResult; url?: string; namespace: string }
  | { kind: "failed"; result: WizardResult; message: string; exitCode: number }
  /** Esc or q on the first step: nothing was changed. */
  | { kind: "quit" };

export interface StepProps {
  state: WizardState;
  dispatch: Dispatch<WizardAction>;
  services: WizardServices;
  now: () => number;
  /** Leave the wizard without installing (the first step's Esc / q). */
  quit: () => void;
}

export function frameTitle(s: WizardState): string {
  return `kots install ${s.appSlug}`;
}

export function framePosition(step: StepId): string {
  return `${STEPS.indexOf(step) + 1}/${STEPS.length} ${STEP_TITLES[step]}`;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const LABEL_WIDTH = 14;
