
import { StepFrame } from "../components/StepFrame.tsx";
import { useKeyHold, useKeys } from "../components/keys.tsx";
import { Line } from "../components/Line.tsx";
import { StatusLines } from "../components/StatusLines.tsx";
import { fieldRow } from "../components/field.ts";
import { useTextEditing } from "../components/useTextEditing.ts";
import { useLayout } from "../layout.ts";
import { useTheme } from "../theme.ts";
import { errorText, framePosition, frameTitle, LABEL_WIDTH, type StepProps } from "./common.ts";

/** Step 2: the namespace (default: the app slug), checked as a DNS-1123 label while typing. */
export function NamespaceStep({ state, dispatch, services }: StepProps) {
  const theme = useTheme();
  const { width } = useLayout();
  const ns = state.namespace;
  const info = ns.info && ns.info.name === ns.value ? ns.info : undefined;

  const submit = () => {
    if (ns.checking) return;
    if (ns.error) return;
    if (info?.hasInstall) {
      dispatch({ type: "next" });
      return;
    }
    const name = ns.value;
    dispatch({ type: "namespace/checking" });
    services.inspectNamespace(name).then(
      (result) => dispatch({ type: "namespace/inspected", name, info: result }),
      (err) => dispatch({ type: "namespace/failed", message: `could not inspect the namespace: ${errorText(err)}` }),
    );
  };

  useTextEditing({
    active: !ns.checking,
    value: ns.value,
    onChange: (value) => dispatch({ type: "namespace/input", value }),
    onSubmit: submit,
  });
  useKeys((_i, key) => {
    if (key.escape) dispatch({ type: "back" });
  });
  // text typed ahead during the check belongs to the screen its answer opens (the password)
  useKeyHold(!!ns.checking);

  return (
    <StepFrame
      title={frameTitle(state)}
      position={framePosition("namespace")}
      status={ns.error ? { text: `${theme.sym.fail} ${ns.error}`, tone: "error" } : undefined}
      hints={[
        ["Enter", info?.hasInstall ? "install over it" : "continue"],
        ["Esc", "back"],
      ]}
    >
      <Line row=" The namespace for the Admin Console (created when missing)." />
      <Line row="" />
      <Line row={fieldRow(theme, { label: "Namespace", value: ns.value, focused: !ns.checking, labelWidth: LABEL_WIDTH, width })} />
      <Line row="" />
      {ns.checking ? (
        <Line row={[{ text: `  ${theme.sym.running} checking the namespace${theme.sym.ellipsis}`, tone: "dim" }]} />
      ) : info?.hasInstall ? (
        <StatusLines
          symbol={theme.sym.warn}
          indent={2}
          tone="warn"
          text={`An Admin Console is already installed in "${info.name}". Press Enter to install over it: objects converge, existing secrets are kept. Or type another name.`}
        />
      ) : info?.exists ? (
        <Line row={[{ text: `  ${theme.sym.ok} "${info.name}" exists and has no Admin Console yet`, tone: "ok" }]} />
      ) : !ns.error ? (
        <Line row={[{ text: `  ${theme.sym.ok} valid name`, tone: "ok" }]} />
      ) : null}
    </StepFrame>
  );
}
