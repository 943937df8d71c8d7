import type { Command, Node, Operand, Pipeline } from "./ast.ts";
import type { TemplateContext } from "./context.ts";
import { FunctionCallError, TemplateError } from "./errors.ts";
import { convertArgs, type FunctionMap } from "./functions.ts";
import { isTrue, printValue, type GoValue } from "./values.ts";

/** A run of output: text copied from the input at srcPos, or the (opaque) result of an action at srcPos. */
export interface Piece {
  outStart: number;
  srcPos: number;
  fromText: boolean;
}

export interface ExecOptions {
  file: string;
  lineAt: (pos: number) => number;
  functions: FunctionMap;
  ctx: TemplateContext;
}

/**
 * Executes a parsed template (Go text/template exec.go semantics for the supported subset) with
 * nil data. Returns the output and the pieces it is made of, so a later pass can map output
 * offsets back to source lines and tell action output (data, never re-parsed) from template text.
 * Throws TemplateError naming the function, file and line.
 */
export function execute(nodes: Node[], opts: ExecOptions): { output: string; pieces: Piece[] } {
  const st = new State(opts);
  st.walkList(nodes, null);
  return { output: st.out, pieces: st.pieces };
}

type Var = { name: string; value: GoValue };

class State {
  out = "";
  pieces: Piece[] = [];
  private vars: Var[] = [{ name: "$", value: null }];

  constructor(private readonly opts: ExecOptions) {}

  private fail(pos: number, detail: string, token?: string): never {
    throw new TemplateError(this.opts.file, this.opts.lineAt(pos), detail, token);
  }

  private emit(text: string, srcPos: number, fromText: boolean) {
    if (!text) return;
    this.pieces.push({ outStart: this.out.length, srcPos, fromText });
    this.out += text;
  }

  walkList(nodes: Node[], dot: GoValue) {
    for (const n of nodes) this.walk(n, dot);
  }

  private walk(n: Node, dot: GoValue) {
    switch (n.kind) {
      case "text":
        this.emit(n.text, n.pos, true);
        return;
      case "action": {
        const v = this.evalPipeline(n.pipe, dot);
        if (!n.pipe.decl) this.emit(printValue(v), n.pos, false);
        return;
      }
      case "if":
      case "with": {
        const mark = this.vars.length;
        const v = this.evalPipeline(n.pipe, dot);
        if (isTrue(v)) this.walkList(n.list, n.kind === "with" ? v : dot);
        else if (n.elseList) {
          this.vars.length = mark;
          this.walkList(n.elseList, dot);
        }
        this.vars.length = mark;
        return;
      }
      case "range": {
        const mark = this.vars.length;
        const v = this.evalPipeline(n.pipe, dot, true);
        let elems: GoValue[];
        if (v === null) elems = [];
        else if (Array.isArray(v)) elems = v;
        else if (typeof v === "bigint") elems = Array.from({ length: Number(v < 0n ? 0n : v) }, (_, i) => BigInt(i));
        else this.fail(n.pos, `range can't iterate over ${printValue(v)}`, "range");
        const decl = n.pipe.decl?.names ?? [];
        elems.forEach((e, i) => {
          const inner = this.vars.length;
          if (decl.length === 1) this.setVar(decl[0], e, true);
          if (decl.length === 2) {
            this.setVar(decl[0], BigInt(i), true);
            this.setVar(decl[1], e, true);
          }
          this.walkList(n.list, e);
          this.vars.length = inner;
        });
        if (elems.length === 0 && n.elseList) this.walkList(n.elseList, dot);
        this.vars.length = mark;
        return;
      }
    }
  }

  private setVar(name: string, value: GoValue, declare: boolean) {
    if (declare) {
      this.vars.push({ name, value });
      return;
    }
    for (let k = this.vars.length - 1; k >= 0; k--) {
      if (this.vars[k].name === name) {
        this.vars[k].value = value;
        return;
      }
    }
  }

  private evalPipeline(p: Pipeline, dot: GoValue, isRange = false): GoValue {
    let v: GoValue | undefined = undefined;
    for (const c of p.commands) v = this.evalCommand(c, dot, v);
    const value = v ?? null;
    if (p.decl && !isRange) this.setVar(p.decl.names[0], value, p.decl.op === ":=");
    return value;
  }

  private evalCommand(c: Command, dot: GoValue, final: GoValue | undefined): GoValue {
    const [first, ...rest] = c.operands;
    if (first.kind === "func") return this.call(first.name, first.pos, rest, dot, final);
    if (rest.length > 0 || final !== undefined) {
      this.fail(first.pos, `can't give argument to non-function ${describe(first)}`, describe(first));
    }
    if (first.kind === "nil") this.fail(first.pos, "nil is not a command", "nil");
    return this.evalOperand(first, dot);
  }

  private evalOperand(o: Operand, dot: GoValue): GoValue {
    switch (o.kind) {
      case "literal":
        return o.value;
      case "nil":
        return null;
      case "dot":
        return dot;
      case "var":
        for (let k = this.vars.length - 1; k >= 0; k--) if (this.vars[k].name === o.name) return this.vars[k].value;
        return this.fail(o.pos, `undefined variable "${o.name}"`, o.name);
      case "pipeline": {
        const mark = this.vars.length;
        const v = this.evalPipeline(o.pipe, dot);
        this.vars.length = mark;
        return v;
      }
      case "func":
        return this.call(o.name, o.pos, [], dot, undefined);
    }
  }

  private call(name: string, pos: number, argOps: Operand[], dot: GoValue, final: GoValue | undefined): GoValue {
    const f = this.opts.functions[name];
    if (!f) this.fail(pos, `function "${name}" not defined`, name);
    const thunks: Array<() => GoValue> = argOps.map((o) => () => this.evalOperand(o, dot));
    if (final !== undefined) thunks.push(() => final);
    try {
      if (f.lazy) {
        if (thunks.length < 1) throw new FunctionCallError(`wrong number of args for ${name}: want at least 1 got 0`);
        return f.lazy(thunks, this.opts.ctx);
      }
      const args = thunks.map((t) => t());
      return f.call(convertArgs(name, f, args), this.opts.ctx);
    } catch (e) {
      if (e instanceof FunctionCallError) this.fail(pos, `error calling ${name}: ${e.message}`, name);
      throw e;
    }
  }
}

function describe(o: Operand): string {
  switch (o.kind) {
    case "literal":
      return o.text;
    case "var":
      return o.name;
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "pipeline":
      return "(pipeline)";
    case "func":
      return o.name;
  }
}
