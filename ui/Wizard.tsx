import { useMemo, useReducer, useState, type ReactNode } from "react";
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
import { KeyRouter, useKeys } from "./components/keys.tsx";
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
}

function WindowSized({ children }: { children: (columns: number, rows: number) => ReactNode }) {
  const { columns, rows } = useWindowSize();
  return <>{children(columns, rows)}</>;
}

/** The nine-step install wizard. All I/O goes through `services`. */
export function Wizard(props: WizardProps) {
  const theme = useMemo(() => makeTheme(props.caps), [props.caps.color, props.caps.unicode]);
  const inner = (columns: number, rows: number) => (
    <ThemeContext.Provider value={theme}>
      <LayoutContext.Provider value={makeLayout(columns, rows)}>
        <KeyRouter>
          <WizardSteps {...props} />
        </KeyRouter>
      </LayoutContext.Provider>
    </ThemeContext.Provider>
  );
  if (props.size) return inner(props.size.columns, props.size.rows);
  return <WindowSized>{inner}</WindowSized>;
}

function WizardSteps({ services, appSlug, namespace, licenseFile, base, now = Date.now, tickMs, onExit, onStart }: WizardProps) {
  const [state, dispatch] = useReducer(wizardReducer, { appSlug, namespace, licenseFile, base }, initialState);
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
