import { Box } from "ink";
import { useKeyHold, useKeys } from "../components/keys.tsx";
import { StepFrame } from "../components/StepFrame.tsx";
import { Line } from "../components/Line.tsx";
import { StatusLines } from "../components/StatusLines.tsx";
import { fieldRow } from "../components/field.ts";
import { useTextEditing } from "../components/useTextEditing.ts";
import { useLayout } from "../layout.ts";
import { useTheme } from "../theme.ts";
import { padEnd } from "../text.ts";
import { errorText, framePosition, frameTitle, LABEL_WIDTH, type StepProps } from "./common.ts";

/** Step 4: the license file, verified by the service; refused with the reason when it does not fit. */
export function LicenseStep({ state, dispatch, services, now }: StepProps) {
  const theme = useTheme();
  const { width } = useLayout();
  const l = state.license;

  const submit = () => {
    if (l.checking) return;
    if (l.result || l.path.trim() === "") {
      dispatch({ type: "next" });
      return;
    }
    const path = l.path.trim();
    dispatch({ type: "license/checking" });
    services.checkLicense(path).then(
      (result) => dispatch({ type: "license/checked", result, now: now() }),
      (err) => dispatch({ type: "license/failed", message: errorText(err) }),
    );
  };
  useTextEditing({
    active: !l.checking,
    value: l.path,
    onChange: (value) => dispatch({ type: "license/input", value }),
    onSubmit: submit,
  });
  useKeys((_i, key) => {
    if (key.escape) dispatch({ type: "back" });
  });
  // keys typed ahead during the check wait for the screen its answer leaves focused
  useKeyHold(l.checking);

  const kv = (label: string, value: string, tone: "plain" | "ok" = "plain") => (
    <Line row={[{ text: "    " + padEnd(label, LABEL_WIDTH - 2), tone: "dim" }, { text: value, tone }]} />
  );
  return (
    <StepFrame
      title={frameTitle(state)}
      position={framePosition("license")}
      status={l.error ? { text: `${theme.sym.fail} license refused`, tone: "error" } : undefined}
      hints={[
        ["Enter", l.result ? "continue" : l.path.trim() ? "check" : "skip"],
        ["Esc", "back"],
      ]}
    >
      <Line row=" The license file for this app (YAML from the vendor)." />
      <Line row={[{ text: " Leave it empty to upload the license later in the Admin Console.", tone: "dim" }]} />
      <Line row="" />
      <Line
        row={fieldRow(theme, { label: "License file", value: l.path, focused: !l.checking, labelWidth: LABEL_WIDTH, width, placeholder: "~/license.yaml" })}
      />
      <Line row="" />
      {l.checking ? (
        <Line row={[{ text: `  ${theme.sym.running} verifying the license${theme.sym.ellipsis}`, tone: "dim" }]} />
      ) : l.error ? (
        <StatusLines symbol={theme.sym.fail} indent={2} tone="error" text={l.error} />
      ) : l.result ? (
        <Box flexDirection="column">
          <Line row={[{ text: `  ${theme.sym.ok} license accepted`, tone: "ok" }]} />
          {kv("Licensee", l.result.licensee)}
          {kv("App", l.result.appSlug + (l.result.channel ? `  (channel ${l.result.channel})` : ""))}
          {kv("Expires", l.result.expiresAt ?? "never")}
          {kv("Signature", l.result.signature, "ok")}
        </Box>
      ) : null}
    </StepFrame>
  );
}
