import type { GoValue } from "./values.ts";

/** Parse tree of the supported text/template subset. `pos` is an offset in the parsed input. */

export type Operand =
  | { kind: "func"; pos: number; name: string }
  | { kind: "dot"; pos: number }
  | { kind: "var"; pos: number; name: string }
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
