import { useEffect, useMemo, useState } from "react";
import { useKeys } from "../components/keys.tsx";

import type { ReviewFacts } from "../services.ts";
import { StepFrame } from "../components/StepFrame.tsx";
import { Rows } from "../components/Rows.tsx";
import { maxStart, windowAt } from "../components/scroll.ts";
import { useLayout } from "../layout.ts";
import { reviewRows } from "../review-model.ts";
import { buildResult, type WizardResult } from "../state.ts";
import { useTheme } from "../theme.ts";
import { framePosition, frameTitle, errorText, type StepProps } from "./common.ts";

function tryBuild(state: StepProps["state"]): { result?: WizardResult; error?: string } {
  try {
    return { result: buildResult(state) };
  } catch (err) {
    const issues = (err as { issues?: { path: (string | number)[]; message: string }[] }).issues;
    if (issues) return { error: issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
    return { error: errorText(err) };
  }
}

/** Step 8: everything that will be created (secrets masked) and the equivalent headless command. */
export function ReviewStep({ state, dispatch, services }: StepProps) {
  const theme = useTheme();
  const { width, bodyRows } = useLayout();
  const built = useMemo(() => tryBuild(state), [state]);
  const [facts, setFacts] = useState<Partial<ReviewFacts> | undefined>(undefined);

  useEffect(() => {
    if (!built.result) return;
    let live = true;
    const r = built.result;
    const got = services.review
      ? services.review(r.options, r.configValues)
      : services.plannedObjects
        ? services.plannedObjects(r.options).then((planned) => ({ planned }))
        : undefined;
    got?.then(
      (f) => live && setFacts(f),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const rows = reviewRows({ state, result: built.result, resultError: built.error, planned: facts?.planned, facts, theme, width });
  const height = bodyRows;
  const offset = Math.min(state.review.offset, maxStart(rows.length, height));
  const win = windowAt(rows.length, height, offset);

  useKeys((input, key) => {
    if (key.escape) return dispatch({ type: "back" });
    if (key.return && built.result) return dispatch({ type: "next" });
    const page = Math.max(1, height - 2);
    const to = (o: number) => dispatch({ type: "review/scroll", offset: Math.max(0, Math.min(o, maxStart(rows.length, height))) });
    if (key.downArrow) to(offset + 1);
    else if (key.upArrow) to(offset - 1);
    else if (key.pageDown || input === " ") to(offset + page);
    else if (key.pageUp) to(offset - page);
  });

  return (
    <StepFrame
      title={frameTitle(state)}
      position={framePosition("review")}
      status={built.result ? { text: "Press Enter to install, Esc to change an answer", tone: "accent" } : { text: "Go back and fix the answers", tone: "error" }}
      hints={[
        ...(built.result ? ([["Enter", "install"]] as [string, string][]) : []),
        [theme.unicode ? "↑↓ PgUp PgDn" : "Up/Down PgUp/PgDn", "scroll"],
        ["Esc", "back"],
      ]}
    >
      <Rows rows={rows} window={win} />
    </StepFrame>
  );
}
