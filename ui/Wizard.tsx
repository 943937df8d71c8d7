import { useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import type { Key } from "ink";
import { autoAdvance } from "./auto-advance.ts";
import { useWindowSize } from "ink";
import type { InstallOptions } from "../src/install/options.ts";
import { LayoutContext, makeLayout } from "./layout.ts";
import type { WizardServices } from "./services.ts";
import { buildResult, initialState, wizardReducer, type WizardResult } from "./state.ts";
import { makeTheme, ThemeContext, type TerminalCaps } from "./theme.ts";
import { ClusterStep } from "./steps/ClusterStep.tsx";
import { NamespaceStep } from "./steps/NamespaceStep.tsx";
import { PasswordStep } from "./steps/PasswordStep.tsx";
import { LicenseStep } from "./steps/LicenseStep.tsx";
import { ConfigStep } from "./steps/ConfigStep.tsx";
import { PreflightStep } from "./steps/PreflightStep.tsx";
import { RegistryStep } from "./steps/RegistryStep.tsx";
import { ReviewStep } from "./steps/ReviewStep.tsx";
import { ApplyStep } from "./steps/ApplyStep.tsx";
import { KeyRouter, useInjectKey, useKeys } from "./components/keys.tsx";

const ENTER_KEY = { return: true } as Key;
import { KeyHelp } from "./components/KeyHelp.tsx";
import { HELP_STEPS } from "./keymap.ts";
import type { StepProps, WizardOutcome } from "./steps/common.ts";

export interface WizardProps {
  services: WizardServices;
  /** The app being installed (its slug); the namespace defaults to it and the license must match it. */
  appSlug: string;
  /** Colour and Unicode, decided by src/cli from NO_COLOR / TERM=dumb / the locale. */
  caps: TerminalCaps;
  /** Defaults for the answers and the options the wizard does not ask (from flags). */
  namespace?: string;
  licenseFile?: string;
  base?: Partial<InstallOptions>;
  /** Fixed size (tests); otherwise the terminal size, at most 80 columns wide. */
  size?: { columns: number; rows: number };
  /** Clock, epoch ms (license expiry, elapsed times). */
  now?: () => number;
  /** Refresh period of the rollout board, ms. */
  tickMs?: number;
  /** The operator left the final or failure screen (q). The caller unmounts and exits. */
  onExit?(outcome: WizardOutcome): void;
  /** The install is starting with this result (for logging); the wizard calls services.install itself. */
  onStart?(result: WizardResult): void;
  /** Every input was given: walk the pre-answered steps up to the first that needs the operator (or the Review). */
  autoAdvance?: boolean;
}

function WindowSized({ children }: { children: (columns: number, rows: number) => ReactNode }) {
  const { columns, rows } = useWindowSize();
  return <>{children(columns, rows)}</>;
}

/** The nine-step install wizard. All I/O goes through `services`. */
export function Wizard(props: WizardProps) {
  // the operator's first key stops the walk through pre-answered steps
  const typed = useRef<(() => void) | undefined>(undefined);
  const theme = useMemo(() => makeTheme(props.caps), [props.caps.color, props.caps.unicode]);
  const inner = (columns: number, rows: number) => (
    <ThemeContext.Provider value={theme}>
      <LayoutContext.Provider value={makeLayout(columns, rows)}>
        <KeyRouter onTyped={() => typed.current?.()}>
          <WizardSteps {...props} onTyped={typed} />
        </KeyRouter>
      </LayoutContext.Provider>
    </ThemeContext.Provider>
  );
  if (props.size) return inner(props.size.columns, props.size.rows);
  return <WindowSized>{inner}</WindowSized>;
}

function WizardSteps({ services, appSlug, namespace, licenseFile, base, now = Date.now, tickMs, onExit, onStart, autoAdvance: walk, onTyped }: WizardProps & { onTyped?: { current?: () => void } }) {
  const [state, dispatch] = useReducer(wizardReducer, { appSlug, namespace, licenseFile, base }, initialState);
  const [walking, setWalking] = useState(!!walk);
  const inject = useInjectKey();
  const presses = useRef(new Map<string, number>());
  if (onTyped) onTyped.current = () => setWalking(false);
  useEffect(() => {
    if (!walking || !inject) return;
    const what = autoAdvance(state);
    if (what === "stop") return setWalking(false);
    if (what === "wait") return;
    // at most a few Enters per step (a step that does not move on is left to the operator)
    const n = (presses.current.get(state.step) ?? 0) + 1;
    presses.current.set(state.step, n);
    if (n > 3) return setWalking(false);
    const t = setTimeout(() => inject("\r", ENTER_KEY), 20);
    return () => clearTimeout(t);
  });
  const result = useMemo(() => {
    if (state.step !== "apply") return undefined;
    const r = buildResult(state);
    onStart?.(r);
    return r;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.step]);

  const p: StepProps = { state, dispatch, services, now, quit: () => onExit?.({ kind: "quit" }) };
  // The help overlay replaces the step while open (the step's keys are not bound meanwhile).
  const [help, setHelp] = useState(false);
  useKeys(
    (input) => {
      if (help) setHelp(false);
      else if (input === "?") setHelp(true);
    },
    { isActive: help || HELP_STEPS.has(state.step) },
  );
  if (help) return <KeyHelp />;
  switch (state.step) {
    case "cluster":
      return <ClusterStep {...p} />;
    case "namespace":
      return <NamespaceStep {...p} />;
    case "password":
      return <PasswordStep {...p} />;
    case "license":
      return <LicenseStep {...p} />;
    case "config":
      return <ConfigStep {...p} />;
    case "preflights":
      return <PreflightStep {...p} />;
    case "registry":
      return <RegistryStep {...p} />;
    case "review":
      return <ReviewStep {...p} />;
    case "apply":
      return <ApplyStep state={state} result={result!} services={services} now={now} tickMs={tickMs} onExit={onExit} />;
  }
}
