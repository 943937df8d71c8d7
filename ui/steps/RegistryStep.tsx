
import { StepFrame } from "../components/StepFrame.tsx";
import { useKeys } from "../components/keys.tsx";
import { Rows } from "../components/Rows.tsx";
import { fieldRow, pointer } from "../components/field.ts";
import { windowFor } from "../components/scroll.ts";
import type { Row } from "../components/segments.ts";
import { useTextEditing } from "../components/useTextEditing.ts";
import { useLayout } from "../layout.ts";
import type { StorageMode } from "../../src/install/options.ts";
import { STORAGE_TITLES } from "../review-model.ts";
import { registryCheckKey, registryError, registryFields, STORAGE_MODES, type RegistryField, type RegistryMode } from "../state.ts";
import { useTheme } from "../theme.ts";
import { wrap } from "../text.ts";
import { errorText, framePosition, frameTitle, LABEL_WIDTH, type StepProps } from "./common.ts";

const MODES: { name: RegistryMode; title: string }[] = [
  { name: "public", title: "Public registries (images pulled as published)" },
  { name: "private", title: "Private registry (host/namespace, with credentials)" },
  { name: "airgap", title: "Airgap bundle (pushed to a private registry)" },
];
const STORAGES = STORAGE_MODES;
type TextField = "bundle" | "host" | "username" | "password";
const TEXT_FIELDS = new Set<RegistryField>(["bundle", "host", "username", "password"]);

/** Step 7: where the Admin Console images come from (with a live login check) and where it stores data. */
export function RegistryStep({ state, dispatch, services }: StepProps) {
  const theme = useTheme();
  const { width, bodyRows } = useLayout();
  const r = state.registry;
  const fields = registryFields(r);
  const focus: RegistryField = fields.includes(r.focus) ? r.focus : "mode";
  const fi = fields.indexOf(focus);
  const key = registryCheckKey(r);
  const check = r.check?.key === key ? r.check : undefined;

  /** Starts the access check; false when the fields are not even well-formed (the error is shown). */
  const runCheck = (advance: boolean): boolean => {
    const err = registryError({ ...r, storage: "minio" });
    if (err) {
      dispatch({ type: "registry/error", ...err });
      return false;
    }
    dispatch({ type: "registry/checking", key });
    // airgap: the install's own preparation opens and checks the bundle, then logs in (nothing is pushed)
    const checking =
      r.mode === "airgap" && services.checkAirgap
        ? services.checkAirgap(r.bundle.trim(), r.host, r.username, r.password, (message) => dispatch({ type: "registry/progress", key, message }))
        : services.checkRegistry(r.host, r.username, r.password);
    checking.then(
      (res) => dispatch({ type: "registry/checked", key, ok: res.ok, message: res.message, advance }),
      (e) => dispatch({ type: "registry/checked", key, ok: false, message: errorText(e) }),
    );
    return true;
  };

  const submit = () => {
    const err = registryError(r);
    if (err) return dispatch({ type: "registry/error", ...err });
    if (r.mode !== "public") {
      if (check?.status === "checking") return;
      if (check?.status !== "ok") {
        runCheck(true);
        return;
      }
    }
    dispatch({ type: "next" });
  };

  const advanceField = () => {
    if (focus === "password" && r.mode !== "public" && check?.status !== "ok" && check?.status !== "checking") {
      if (!runCheck(false)) return;
    }
    if (fi < fields.length - 1) dispatch({ type: "registry/focus", focus: fields[fi + 1]! });
    else submit();
  };

  useTextEditing({
    active: TEXT_FIELDS.has(focus),
    value: TEXT_FIELDS.has(focus) ? r[focus as TextField] : "",
    onChange: (value) => dispatch({ type: "registry/set", field: focus as TextField, value }),
    onSubmit: advanceField,
  });

  useKeys((input, k) => {
    if (k.escape) return dispatch({ type: "back" });
    if (k.upArrow || (k.tab && k.shift)) return fi > 0 ? dispatch({ type: "registry/focus", focus: fields[fi - 1]! }) : undefined;
    if (k.downArrow || k.tab) return fi < fields.length - 1 ? dispatch({ type: "registry/focus", focus: fields[fi + 1]! }) : undefined;
    if (focus === "mode" || focus === "storage") {
      // the reducer picks the next choice from the current state: two fast keys move twice
      if (input === " " || k.leftArrow || k.rightArrow) dispatch({ type: "registry/cycle", field: focus, step: k.leftArrow ? -1 : 1 });
      else if (k.return) advanceField();
    }
  });

  const rows: Row[] = [];
  const ranges = new Map<RegistryField, [number, number]>();
  const mark = (f: RegistryField, startRow: number) => ranges.set(f, [startRow, rows.length - 1]);
  const err = (f: RegistryField) => {
    if (r.error?.field === f) for (const l of wrap(r.error.message, width - 8)) rows.push([{ text: `      ${theme.sym.fail} ${l}`, tone: "error" }]);
  };
  const choice = (f: "mode" | "storage", opts: { name: string; title: string }[], value: string) => {
    const start = rows.length;
    for (const o of opts) {
      const on = o.name === value;
      rows.push([
        pointer(theme, focus === f && on),
        { text: `${on ? theme.sym.radioOn : theme.sym.radioOff} `, tone: on ? "accent" : "dim" },
        { text: o.title, tone: on ? (focus === f ? "title" : "plain") : "dim" },
      ]);
    }
    mark(f, start);
  };
  const text = (f: TextField, label: string, masked = false, placeholder?: string) => {
    const start = rows.length;
    rows.push(fieldRow(theme, { label, value: r[f], masked, focused: focus === f, labelWidth: LABEL_WIDTH - 2, width, placeholder }));
    err(f);
    mark(f, start);
  };

  rows.push([{ text: " Admin Console images", tone: "title" }]);
  choice("mode", MODES, r.mode);
  if (r.mode === "airgap") text("bundle", "Bundle", false, "./app.airgap");
  if (r.mode !== "public") {
    text("host", "Registry", false, "registry.example.com/myorg");
    text("username", "Username");
    text("password", "Password", true);
    if (check)
      rows.push([
        {
          text: `      ${check.status === "ok" ? theme.sym.ok : check.status === "failed" ? theme.sym.fail : theme.sym.running} ${check.message}${check.status === "checking" ? theme.sym.ellipsis : ""}`,
          tone: check.status === "ok" ? "ok" : check.status === "failed" ? "error" : "dim",
        },
      ]);
  }
  rows.push([]);
  rows.push([{ text: " Storage for the Admin Console (snapshots, app archives)", tone: "title" }]);
  choice(
    "storage",
    STORAGES.map((s) => ({ name: s, title: STORAGE_TITLES[s] })),
    r.storage,
  );

  const [fs, fe] = ranges.get(focus) ?? [0, 0];
  const win = windowFor(rows.length, bodyRows, fs, fe + (focus === "password" && check ? 1 : 0));
  const choiceHint: [string, string] = [theme.unicode ? "←→" : "Left/Right", "change"];
  const status =
    check?.status === "failed"
      ? { text: `${theme.sym.fail} ${r.mode === "airgap" ? "the bundle or the registry was refused: fix it" : "registry access failed: fix the credentials"} and press Enter`, tone: "error" as const }
      : undefined;
  return (
    <StepFrame
      title={frameTitle(state)}
      position={framePosition("registry")}
      status={status}
      hints={[
        [theme.unicode ? "↑↓" : "Up/Down", "move"],
        ...(focus === "mode" || focus === "storage" ? [choiceHint] : []),
        ["Enter", fi < fields.length - 1 ? "next" : "continue"],
        ["Esc", "back"],
      ]}
    >
      <Rows rows={rows} window={win} />
    </StepFrame>
  );
}
