import { useEffect, type ReactNode } from "react";
import { useKeyHold, useKeys } from "../components/keys.tsx";
import { Box } from "ink";
import { StepFrame } from "../components/StepFrame.tsx";
import { Line } from "../components/Line.tsx";
import { Rows } from "../components/Rows.tsx";
import { StatusLines } from "../components/StatusLines.tsx";
import { windowFor } from "../components/scroll.ts";
import { useTextEditing } from "../components/useTextEditing.ts";
import { useLayout } from "../layout.ts";
import type { ConfigItemView } from "../services.ts";
import { useTheme } from "../theme.ts";
import { wrap } from "../text.ts";
import { configRows, effectiveValue, isFocusable, isOn, isTextual } from "./config-rows.ts";
import { errorText, framePosition, frameTitle, type StepProps } from "./common.ts";

/** Step 5: the app's Config, one group per screen; `when` is re-evaluated on every change. */
export function ConfigStep({ state, dispatch, services }: StepProps) {
  const theme = useTheme();
  const { width, bodyRows } = useLayout();
  const c = state.config;
  const session = c.session;

  const load = () => {
    dispatch({ type: "config/loading" });
    services.loadConfig().then(
      (s) => dispatch({ type: "config/loaded", session: s }),
      (err) => dispatch({ type: "config/failed", message: errorText(err) }),
    );
  };
  useEffect(() => {
    if (c.status === "idle") load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const groups = session && c.status === "ready" ? session.visibleGroups() : [];
  const gi = Math.max(0, Math.min(c.group, groups.length - 1));
  const group = groups[gi];
  const items = group ? group.items.filter((it) => !it.hidden) : [];
  const focusable = items.filter(isFocusable);
  const fi = Math.max(0, Math.min(c.focus, focusable.length - 1));
  const focused: ConfigItemView | undefined = focusable[fi];

  const set = (name: string, value: string) => {
    if (!session) return;
    session.set(name, value);
    dispatch({ type: "config/changed" });
    if (c.issues.some((x) => x.item === name)) dispatch({ type: "config/issues", issues: c.issues.filter((x) => x.item !== name) });
  };

  const submitGroup = async () => {
    if (!session) return;
    const issues = await session.validate();
    const fresh = session.visibleGroups();
    const visible = (g: (typeof fresh)[number]) => new Set(g.items.filter((it) => !it.hidden).map((it) => it.name));
    const cur = fresh.findIndex((g) => g.name === group?.name);
    const here = cur >= 0 ? issues.filter((x) => visible(fresh[cur]!).has(x.item)) : [];
    const focusOn = (gIdx: number, list: typeof issues) => {
      const fItems = fresh[gIdx]!.items.filter(isFocusable);
      const idx = fItems.findIndex((it) => it.name === list[0]!.item);
      dispatch({ type: "config/issues", issues: list });
      dispatch({ type: "config/focus", focus: Math.max(0, idx) });
    };
    if (here.length > 0) return focusOn(cur, here);
    if (cur >= 0 && cur < fresh.length - 1) return dispatch({ type: "config/group", group: cur + 1 });
    // last group: anything left elsewhere?
    for (let g = 0; g < fresh.length; g++) {
      const left = issues.filter((x) => visible(fresh[g]!).has(x.item));
      if (left.length > 0) {
        dispatch({ type: "config/group", group: g });
        return focusOn(g, left);
      }
    }
    dispatch({ type: "next" });
  };

  const textual = !!focused && isTextual(focused);
  useTextEditing({
    active: c.status === "ready" && textual,
    value: focused?.value ?? "",
    multiline: focused?.type === "textarea",
    onChange: (v) => focused && set(focused.name, v),
    onSubmit: () => (fi < focusable.length - 1 ? dispatch({ type: "config/focus", focus: fi + 1 }) : void submitGroup()),
  });

  // keys typed ahead while the Config loads go to its first field once it is shown
  useKeyHold(c.status === "idle" || c.status === "loading");
  useKeys((input, key) => {
    if (key.escape) {
      if (c.status === "ready" && gi > 0) dispatch({ type: "config/group", group: gi - 1 });
      else dispatch({ type: "back" });
      return;
    }
    if (c.status === "none") {
      if (key.return) dispatch({ type: "next" });
      return;
    }
    if (c.status === "error") {
      if (input === "r") load();
      return;
    }
    if (c.status !== "ready") return;
    if (key.pageDown) return void submitGroup();
    if (key.upArrow || (key.tab && key.shift)) return dispatch({ type: "config/focus", focus: Math.max(0, fi - 1) });
    if (key.downArrow || key.tab) {
      if (key.tab && fi === focusable.length - 1) return void submitGroup();
      return dispatch({ type: "config/focus", focus: Math.min(focusable.length - 1, fi + 1) });
    }
    if (!focused) {
      if (key.return) void submitGroup();
      return;
    }
    if (focused.type === "bool") {
      if (input === " " || key.leftArrow || key.rightArrow) set(focused.name, isOn(focused) ? "0" : "1");
      else if (key.return) fi < focusable.length - 1 ? dispatch({ type: "config/focus", focus: fi + 1 }) : void submitGroup();
      return;
    }
    if (focused.type === "select_one" || focused.type === "radio") {
      const opts = focused.options ?? [];
      if (opts.length && (input === " " || key.leftArrow || key.rightArrow)) {
        const cur = opts.findIndex((o) => o.name === effectiveValue(focused));
        const step = key.leftArrow ? -1 : 1;
        const next = opts[(cur + step + opts.length) % opts.length]!;
        set(focused.name, next.name);
      } else if (key.return) fi < focusable.length - 1 ? dispatch({ type: "config/focus", focus: fi + 1 }) : void submitGroup();
    }
  });

  const hints: [string, string][] =
    c.status === "ready"
      ? [
          [theme.unicode ? "↑↓" : "Up/Down", "move"],
          ...(focused && !textual ? ([["Space", focused.type === "bool" ? "toggle" : "change"]] as [string, string][]) : []),
          ["Enter", "next"],
          ["PgDn", gi < groups.length - 1 ? "next group" : "done"],
          ["Esc", "back"],
        ]
      : c.status === "none"
        ? [["Enter", "continue"], ["Esc", "back"]]
        : [["r", "retry"], ["Esc", "back"]];

  let body: ReactNode;
  if (c.status === "idle" || c.status === "loading") {
    body = <Line row={[{ text: `  ${theme.sym.running} loading the configuration${theme.sym.ellipsis}`, tone: "dim" }]} />;
  } else if (c.status === "error") {
    body = <StatusLines symbol={theme.sym.fail} indent={2} tone="error" text={`could not load the configuration: ${c.error ?? ""}`} />;
  } else if (c.status === "none" || !group) {
    body = <Line row=" This application has no configuration to fill in." />;
  } else {
    const desc = group.description ? wrap(group.description, width - 2).slice(0, 2) : [];
    const header = 1 + desc.length + 1;
    const { rows, focusStart, focusEnd } = configRows(group, focused?.name, c.issues, theme, width);
    const win = windowFor(rows.length, Math.max(3, bodyRows - header), focusStart, focusEnd);
    body = (
      <Box flexDirection="column">
        <Line
          row={[
            { text: ` ${group.title || group.name}`, tone: "title" },
            { text: groups.length > 1 ? `  (${gi + 1}/${groups.length})` : "", tone: "dim" },
          ]}
        />
        {desc.map((d, i) => (
          <Line key={i} row={[{ text: " " + d, tone: "dim" }]} />
        ))}
        <Line row="" />
        <Rows rows={rows} window={win} />
      </Box>
    );
  }

  const status =
    c.issues.length > 0
      ? { text: `${theme.sym.fail} ${c.issues.length} item${c.issues.length === 1 ? " needs" : "s need"} attention`, tone: "error" as const }
      : undefined;
  return (
    <StepFrame title={frameTitle(state)} position={framePosition("config")} status={status} hints={hints}>
      {body}
    </StepFrame>
  );
}
