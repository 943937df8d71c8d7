import { commandString, operandString, pipelineString, type Command, type Node, type Operand, type Pipeline } from "./ast.ts";
import type { TemplateContext } from "./context.ts";
import { FunctionCallError, TemplateError } from "./errors.ts";
import { convertArgs, type FunctionMap, type ParamType, type TemplateFunction } from "./functions.ts";
import {
  compareGoStrings,
  goTypeName,
  GoMap,
  GoNamed,
  GoPointer,
  GoStruct,
  goTypeString,
  isTrue,
  printActionValue,
  printValue,
  sliceElemType,
  type GoType,
  type GoValue,
} from "./values.ts";

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
  /** the data the template runs with: dot and `$` (Go's Execute data); nil when absent */
  data?: GoValue;
  /**
   * Go's own order and texts for function arguments (text/template exec.go evalCall): the argument
   * count is checked before any argument is evaluated, each argument is converted as it is
   * evaluated, and conversion errors are not wrapped in "error calling X". Off for KOTS templates,
   * which keep their established messages.
   */
  go?: boolean;
}

/**
 * Executes a parsed template (Go text/template exec.go semantics for the supported subset) with
 * `opts.data` as dot (nil by default). Returns the output and the pieces it is made of, so a later
 * pass can map output offsets back to source lines and tell action output (data, never re-parsed)
 * from template text. Throws TemplateError naming the function, file and line, and (in `at`) the
 * node Go would name in its "executing … at <node>" context.
 */
export function execute(nodes: Node[], opts: ExecOptions): { output: string; pieces: Piece[] } {
  const st = new State(opts);
  st.walkList(nodes, opts.data ?? null);
  return { output: st.out, pieces: st.pieces };
}

/**
 * A value read from a slot declared `interface {}` (an element of map[string]interface {} or
 * []interface {}): Go keeps it as an interface value until a pipeline ends, which shows in error
 * texts ("can't evaluate field x in type interface {}", "nil pointer evaluating interface {}.x").
 */
class Iface {
  constructor(readonly v: GoValue) {}
}

/** What expressions evaluate to inside the executor (Go's reflect.Value): null is Go's invalid value. */
type RV = GoValue | Iface;

const unbox = (v: RV): GoValue => (v instanceof Iface ? v.v : v);

/** A value read from a slot of static type t. */
const slot = (v: GoValue, t: GoType): RV => (t.kind === "interface" ? new Iface(v) : v);

type Var = { name: string; value: RV };

/** The node execution is at, for error contexts (Go's state.at). */
type At = { pos: number; text: () => string };

class State {
  out = "";
  pieces: Piece[] = [];
  private vars: Var[];
  private node: At | null = null;

  constructor(private readonly opts: ExecOptions) {
    this.vars = [{ name: "$", value: opts.data ?? null }];
  }

  private fail(pos: number, detail: string, token?: string): never {
    const at = this.node ? { pos: this.node.pos, context: this.node.text() } : undefined;
    throw new TemplateError(this.opts.file, this.opts.lineAt(pos), detail, token, at);
  }

  /** Fails at the current node (Go's errorf), for errors that have no token of their own. */
  private failHere(detail: string, token?: string): never {
    return this.fail(this.node?.pos ?? 0, detail, token);
  }

  private at(pos: number, text: () => string) {
    this.node = { pos, text };
  }

  private atOperand(o: Operand) {
    this.at(o.pos, () => operandString(o));
  }

  private emit(text: string, srcPos: number, fromText: boolean) {
    if (!text) return;
    this.pieces.push({ outStart: this.out.length, srcPos, fromText });
    this.out += text;
  }

  walkList(nodes: Node[], dot: RV) {
    for (const n of nodes) this.walk(n, dot);
  }

  private walk(n: Node, dot: RV) {
    switch (n.kind) {
      case "text":
        this.emit(n.text, n.pos, true);
        return;
      case "action": {
        const v = this.evalPipeline(n.pipe, dot);
        if (!n.pipe.decl) this.emit(printActionValue(v), n.pos, false);
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
      case "range":
        this.walkRange(n, dot);
        return;
    }
  }

  private walkRange(n: Extract<Node, { kind: "if" | "with" | "range" }>, dot: RV) {
    const mark = this.vars.length;
    let v = this.evalPipeline(n.pipe, dot, true);
    while (v instanceof GoPointer && v.target !== null) v = v.target;
    const base = v instanceof GoNamed ? v.value : v;
    const decl = n.pipe.decl?.names ?? [];
    // [index or key, element] pairs
    let elems: Array<[GoValue, RV]>;
    if (v === null) elems = [];
    else if (Array.isArray(v)) {
      const t = sliceElemType(v);
      elems = v.map((e, i) => [BigInt(i), slot(e, t)]);
    } else if (v instanceof GoMap) {
      const keys = [...v.entries.keys()].sort(compareGoStrings);
      elems = keys.map((k) => [k, slot(v.entries.get(k)!, v.type.elem)]);
    } else if (typeof base === "bigint") {
      if (decl.length > 1 && this.opts.go) this.failHere(`can't use ${printValue(v)} to iterate over more than one variable`, "range");
      elems = Array.from({ length: Number(base < 0n ? 0n : base) }, (_, i) => [BigInt(i), BigInt(i)]);
    } else this.fail(n.pos, `range can't iterate over ${printValue(v)}`, "range");
    elems.forEach(([i, e]) => {
      const inner = this.vars.length;
      if (decl.length === 1) this.setVar(decl[0], e, true);
      if (decl.length === 2) {
        this.setVar(decl[0], i, true);
        this.setVar(decl[1], e, true);
      }
      this.walkList(n.list, e);
      this.vars.length = inner;
    });
    if (elems.length === 0 && n.elseList) this.walkList(n.elseList, dot);
    this.vars.length = mark;
  }

  private setVar(name: string, value: RV, declare: boolean) {
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

  /** Evaluates a pipeline; like Go, an interface value is unwrapped after every command. */
  private evalPipeline(p: Pipeline, dot: RV, isRange = false): GoValue {
    this.at(p.pos, () => pipelineString(p));
    let v: GoValue | undefined = undefined;
    for (const c of p.commands) v = unbox(this.evalCommand(c, dot, v));
    const value = v ?? null;
    if (p.decl && !isRange) this.setVar(p.decl.names[0], value, p.decl.op === ":=");
    return value;
  }

  private evalCommand(c: Command, dot: RV, final: GoValue | undefined): RV {
    const [first, ...rest] = c.operands;
    switch (first.kind) {
      case "func":
        return this.call(first, c, rest, dot, final);
      case "field":
        this.atOperand(first);
        return this.evalFieldChain(dot, dot, first.fields, rest, final);
      case "chain":
        return this.evalChain(first, dot, rest, final);
      case "var":
        if (first.fields) {
          this.atOperand(first);
          return this.evalFieldChain(dot, this.lookupVar(first), first.fields, rest, final);
        }
        break;
      case "pipeline":
        this.notAFunction(first, rest, final);
        // Go keeps a declaration made inside the parentheses; KOTS rendering always dropped it
        return this.opts.go ? this.evalPipeline(first.pipe, dot) : this.evalOperand(first, dot);
    }
    this.atOperand(first);
    this.notAFunction(first, rest, final);
    if (first.kind === "nil") this.fail(first.pos, "nil is not a command", "nil");
    return this.evalOperand(first, dot);
  }

  private notAFunction(first: Operand, rest: Operand[], final: GoValue | undefined) {
    if (rest.length > 0 || final !== undefined) {
      const name = this.opts.go ? operandString(first) : describe(first);
      this.fail(first.pos, `can't give argument to non-function ${name}`, name);
    }
  }

  private lookupVar(o: Extract<Operand, { kind: "var" }>): RV {
    for (let k = this.vars.length - 1; k >= 0; k--) if (this.vars[k].name === o.name) return this.vars[k].value;
    return this.fail(o.pos, `undefined variable "${o.name}"`, o.name);
  }

  private evalChain(o: Extract<Operand, { kind: "chain" }>, dot: RV, args: Operand[], final: GoValue | undefined): RV {
    this.atOperand(o);
    const receiver = o.node.kind === "pipeline" ? this.evalPipeline(o.node.pipe, dot) : this.evalArgValue(o.node, dot);
    // like Go, errors in the fields name the last node the receiver's evaluation was at
    return this.evalFieldChain(dot, receiver, o.fields, args, final);
  }

  /** `.X.Y.Z` on receiver; only the last field may be given arguments (which only methods take). */
  private evalFieldChain(dot: RV, receiver: RV, names: string[], args: Operand[], final: GoValue | undefined): RV {
    let r = receiver;
    names.forEach((name, i) => {
      const last = i === names.length - 1;
      r = this.evalField(name, r, last ? { args, final, dot } : { args: [], final: undefined, dot });
    });
    return r;
  }

  /**
   * One field step (Go exec.go evalField): a method of the struct type, a struct field (promoted
   * through embedded structs), a map key (missing → no value), through pointers and interfaces;
   * Go's error texts otherwise.
   */
  private evalField(name: string, receiver: RV, call: { args: Operand[]; final: GoValue | undefined; dot: RV }): RV {
    const hasArgs = call.args.length > 0 || call.final !== undefined;
    if (receiver === null) return null;
    const typ = receiver instanceof Iface ? "interface {}" : goTypeName(receiver);
    let r: GoValue = unbox(receiver);
    if (receiver instanceof Iface && r === null) this.failHere(`nil pointer evaluating ${typ}.${name}`, name);
    while (r instanceof GoPointer && r.target !== null) r = r.target;
    const method = r instanceof GoStruct ? r.type.methods?.[name] : undefined;
    if (method && r instanceof GoStruct) {
      const recv = r;
      const args = call.args.map((o) => this.argument(o, call.dot, "any"));
      if (call.final !== undefined) args.push(call.final);
      try {
        return method(recv, args);
      } catch (e) {
        if (e instanceof FunctionCallError) this.failHere(`error calling ${name}: ${e.message}`, name);
        throw e;
      }
    }
    if (r instanceof GoStruct) {
      const f = r.field(name);
      if (f && "nilEmbedded" in f) this.failHere(`reflect: indirection through nil pointer to embedded struct field ${f.nilEmbedded}`, name);
      if (f) {
        if (hasArgs) this.failHere(`${name} has arguments but cannot be invoked as function`, name);
        return slot(f.value, f.type);
      }
    } else if (r instanceof GoMap && r.type.key.kind === "basic" && r.type.key.name === "string") {
      if (hasArgs) this.failHere(`${name} is not a method but has arguments`, name);
      return r.entries.has(name) ? slot(r.entries.get(name)!, r.type.elem) : null;
    } else if (r instanceof GoPointer) {
      const elem = r.type.elem;
      const noSuchField = elem.kind === "struct" && !new GoStruct(elem, () => null).field(name);
      if (!noSuchField) this.failHere(`nil pointer evaluating ${typ}.${name}`, name);
    }
    return this.failHere(`can't evaluate field ${name} in type ${typ}`, name);
  }

  /** An operand in argument position (Go's evalArg without a parameter type). */
  private evalArgValue(o: Operand, dot: RV): RV {
    this.atOperand(o);
    switch (o.kind) {
      case "field":
        return this.evalFieldChain(dot, dot, o.fields, [], undefined);
      case "chain":
        return this.evalChain(o, dot, [], undefined);
      case "var":
        return o.fields ? this.evalFieldChain(dot, this.lookupVar(o), o.fields, [], undefined) : this.lookupVar(o);
      case "func":
        return this.call(o, null, [], dot, undefined);
      default:
        return this.evalOperand(o, dot);
    }
  }

  private evalOperand(o: Operand, dot: RV): RV {
    switch (o.kind) {
      case "literal":
        return o.value;
      case "nil":
        return null;
      case "dot":
        return dot;
      case "var":
        return this.lookupVar(o);
      case "pipeline": {
        const mark = this.vars.length;
        const v = this.evalPipeline(o.pipe, dot);
        this.vars.length = mark;
        return v;
      }
      case "field":
      case "chain":
        return this.evalArgValue(o, dot);
      case "func":
        return this.call(o, null, [], dot, undefined);
    }
  }

  /**
   * Calls a function: `cmd` is the command it heads (null when it is itself an argument), the node
   * Go names when the call fails.
   */
  private call(fnOp: Extract<Operand, { kind: "func" }>, cmd: Command | null, argOps: Operand[], dot: RV, final: GoValue | undefined): GoValue {
    const name = fnOp.name;
    const pos = fnOp.pos;
    this.atOperand(fnOp);
    const f = this.opts.functions[name];
    if (!f) this.fail(pos, `function "${name}" not defined`, name);
    const callFailed = (e: FunctionCallError): never => {
      if (cmd) this.at(cmd.pos, () => commandString(cmd));
      else this.atOperand(fnOp);
      return this.fail(pos, `error calling ${name}: ${e.message}`, name);
    };
    if (this.opts.go) return this.callGo(f, name, pos, argOps, dot, final, callFailed);
    const thunks: Array<() => GoValue> = argOps.map((o) => () => this.argument(o, dot, "any"));
    if (final !== undefined) thunks.push(() => final);
    try {
      if (f.lazy) {
        if (thunks.length < 1) throw new FunctionCallError(`wrong number of args for ${name}: want at least 1 got 0`);
        return f.lazy(thunks, this.opts.ctx);
      }
      const args = thunks.map((t) => t());
      return f.call(convertArgs(name, f, args), this.opts.ctx);
    } catch (e) {
      if (e instanceof FunctionCallError) callFailed(e);
      throw e;
    }
  }

  /** Go's evalCall: count, then each argument evaluated and converted in turn, then the call. */
  private callGo(
    f: TemplateFunction,
    name: string,
    pos: number,
    argOps: Operand[],
    dot: RV,
    final: GoValue | undefined,
    callFailed: (e: FunctionCallError) => never,
  ): GoValue {
    const numIn = argOps.length + (final !== undefined ? 1 : 0);
    // and/or take (arg0, args...) in Go
    const fixed = f.lazy ? Math.max(1, f.params.length) : f.params.length;
    if (f.variadic || f.lazy) {
      if (numIn < fixed) this.fail(pos, `wrong number of args for ${name}: want at least ${fixed} got ${argOps.length}`, name);
    } else if (numIn !== fixed) this.fail(pos, `wrong number of args for ${name}: want ${fixed} got ${numIn}`, name);
    const paramAt = (i: number): ParamType => (i < fixed ? f.params[i] : (f.variadic ?? "any"));
    try {
      if (f.lazy) {
        const thunks: Array<() => GoValue> = argOps.map((o) => () => this.argument(o, dot, "any"));
        if (final !== undefined) thunks.push(() => final);
        return f.lazy(thunks, this.opts.ctx);
      }
      const args = argOps.map((o, i) => this.argument(o, dot, paramAt(i)));
      if (final !== undefined) args.push(this.convertValue(final, paramAt(args.length)));
      return f.call(args, this.opts.ctx);
    } catch (e) {
      if (e instanceof FunctionCallError) callFailed(e);
      throw e;
    }
  }

  /**
   * Evaluates an argument and, in Go mode, converts it to the parameter's type as Go's evalArg /
   * validateType would (literals of the wrong kind: "expected string; found 3").
   */
  private argument(o: Operand, dot: RV, want: ParamType): GoValue {
    this.atOperand(o);
    if (!this.opts.go) return unbox(this.evalArgValue(o, dot));
    if (o.kind === "nil") {
      if (want === "any") return null;
      return this.fail(o.pos, `cannot assign nil to ${GO_PARAM_NAMES[want]}`, "nil");
    }
    if (o.kind === "literal" && want !== "any") {
      const v = o.value;
      const ok =
        (want === "string" && typeof v === "string") ||
        (want === "bool" && typeof v === "boolean") ||
        (want === "int" && typeof v === "bigint") ||
        (want === "float" && (typeof v === "number" || typeof v === "bigint"));
      if (!ok) return this.fail(o.pos, `expected ${LITERAL_WANT[want]}; found ${o.text}`, o.text);
      return want === "float" ? Number(v) : v;
    }
    return this.convertValue(this.evalArgValue(o, dot), want);
  }

  /** Go's validateType for a computed value. */
  private convertValue(v: RV, want: ParamType): GoValue {
    if (want === "any") return unbox(v);
    const goName = GO_PARAM_NAMES[want];
    if (v === null) this.failHere(`invalid value; expected ${goName}`);
    if (v instanceof Iface && v.v === null) this.failHere(`wrong type for value; expected ${goName}; got interface {}`);
    const x = unbox(v);
    const ok =
      (want === "string" && typeof x === "string") ||
      (want === "bool" && typeof x === "boolean") ||
      (want === "int" && typeof x === "bigint") ||
      (want === "float" && typeof x === "number");
    if (!ok) {
      if (x instanceof GoPointer && x.target === null && matches(x.type.elem, want)) this.failHere(`dereference of nil pointer of type ${goName}`);
      if (x instanceof GoPointer && matches(x.type.elem, want)) return x.target;
      this.failHere(`wrong type for value; expected ${goName}; got ${goTypeName(x)}`);
    }
    return x;
  }
}

const GO_PARAM_NAMES: Record<ParamType, string> = { string: "string", bool: "bool", int: "int", float: "float64", any: "interface {}" };
const LITERAL_WANT: Record<ParamType, string> = { string: "string", bool: "bool", int: "integer", float: "float", any: "" };

/** Whether a pointer's element type is exactly the parameter's type (Go lets *string pass as string). */
function matches(t: GoType, want: ParamType): boolean {
  return t.kind === "basic" && goTypeString(t) === GO_PARAM_NAMES[want];
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
    case "field":
    case "chain":
      return operandString(o);
  }
}
