
import { StepFrame } from "../components/StepFrame.tsx";
import { useKeys } from "../components/keys.tsx";
import { Line } from "../components/Line.tsx";
import { fieldRow } from "../components/field.ts";
import { useTextEditing } from "../components/useTextEditing.ts";
import { useLayout } from "../layout.ts";
import { keepsPassword, MIN_PASSWORD } from "../state.ts";
import { wrap } from "../text.ts";
import { useTheme } from "../theme.ts";
import { framePosition, frameTitle, LABEL_WIDTH, type StepProps } from "./common.ts";

/** Step 3: the Admin Console password, masked, typed twice. */
export function PasswordStep({ state, dispatch }: StepProps) {
  const theme = useTheme();
  const { width } = useLayout();
  const p = state.password;
  const kept = keepsPassword(state);

  useTextEditing({
    active: !kept,
    value: p.field === 0 ? p.value : p.confirm,
    onChange: (value) => dispatch({ type: "password/input", field: p.field, value }),
    onSubmit: () => dispatch({ type: "password/submit" }),
  });
  useKeys((_i, key) => {
    if (key.escape) dispatch({ type: "back" });
    else if (kept && key.return) dispatch({ type: "password/submit" });
    else if (key.upArrow || (key.tab && key.shift)) dispatch({ type: "password/focus", field: 0 });
    else if ((key.downArrow || key.tab) && p.value.length >= MIN_PASSWORD) dispatch({ type: "password/focus", field: 1 });
  });

  if (kept)
    return (
      <StepFrame title={frameTitle(state)} position={framePosition("password")} hints={[["Enter", "continue"], ["Esc", "back"]]}>
        {wrap(
          ` An Admin Console is already installed in "${state.namespace.value}": its admin password is kept, and this install does not change it. (kots reset-password, once it exists, will change it.)`,
          width - 1,
        ).map((l, i) => (
          <Line key={i} row={l} />
        ))}
      </StepFrame>
    );

  return (
    <StepFrame
      title={frameTitle(state)}
      position={framePosition("password")}
      status={p.error ? { text: `${theme.sym.fail} ${p.error}`, tone: "error" } : undefined}
      hints={[
        ["Enter", p.field === 0 ? "next" : "continue"],
        ["Esc", "back"],
      ]}
    >
      <Line row={` The password to log in to the Admin Console (at least ${MIN_PASSWORD} characters).`} />
      <Line row="" />
      <Line row={fieldRow(theme, { label: "Password", value: p.value, masked: true, focused: p.field === 0, labelWidth: LABEL_WIDTH, width })} />
      <Line row={fieldRow(theme, { label: "Again", value: p.confirm, masked: true, focused: p.field === 1, labelWidth: LABEL_WIDTH, width })} />
    </StepFrame>
  );
}
