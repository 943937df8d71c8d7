import type { GoValue } from "./values.ts";

/** Parse tree of the supported text/template subset. `pos` is an offset in the parsed input. */

export type Operand =
  | { kind: "func"; pos: number; name: string }
  | { kind: "dot"; pos: number }
  | { kind: "var"; pos: number; name: string; fields?: string[] }
  /** `.A.B.C`: field access on dot (Go's FieldNode) */
  | { kind: "field"; pos: number; fields: string[] }
  /** `(pipeline).A.B` or `func.A`: fields of an operand's value (Go's ChainNode) */
  | { kind: "chain"; pos: number; node: Operand; fields: string[] }
  | { kind: "literal"; pos: number; value: GoValue; text: string }
  | { kind: "nil"; pos: number }
  | { kind: "pipeline"; pos: number; pipe: Pipeline };

export interface Command {
  pos: number;
  operands: Operand[];
}

export interface Pipeline {
  pos: number;
  /** `$x :=` / `$x =` (or `$i, $v :=` in range) */
  decl: { names: string[]; op: ":=" | "=" } | null;
  commands: Command[];
}

export type Node =
  | { kind: "text"; pos: number; text: string }
  | { kind: "action"; pos: number; pipe: Pipeline }
  | { kind: "if" | "with" | "range"; pos: number; pipe: Pipeline; list: Node[]; elseList: Node[] | null };

/** Go's String() of an operand (parse/node.go), used as the "at <…>" context of execution errors. */
export function operandString(o: Operand): string {
  switch (o.kind) {
    case "func":
      return o.name;
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "literal":
      return o.text;
    case "var":
      return [o.name, ...(o.fields ?? [])].join(".");
    case "field":
      return o.fields.map((f) => `.${f}`).join("");
    case "chain": {
      const head = o.node.kind === "pipeline" ? `(${pipelineString(o.node.pipe)})` : operandString(o.node);
      return head + o.fields.map((f) => `.${f}`).join("");
    }
    case "pipeline":
      return pipelineString(o.pipe);
  }
}

/** Go's String() of a command: its operands joined by spaces, parenthesised pipelines in parentheses. */
export function commandString(c: Command): string {
  return c.operands.map((o) => (o.kind === "pipeline" ? `(${pipelineString(o.pipe)})` : operandString(o))).join(" ");
}

/** Go's String() of a pipeline: "$x := cmd | cmd". */
export function pipelineString(p: Pipeline): string {
  const decl = p.decl ? `${p.decl.names.join(", ")} ${p.decl.op} ` : "";
  return decl + p.commands.map(commandString).join(" | ");
}
