/**
 * The template engine (Go's text/template + sprig + the KOTS functions, compiled to WebAssembly)
 * could not be loaded, or an op failed. `message` is the Go side's error text as is (for a
 * template: "template: FILE:LINE:COL: executing … error calling F: …"); `op` names the op.
 */
export class TemplateEngineError extends Error {
  readonly op: string;
  constructor(op: string, message: string) {
    super(message);
    this.name = "TemplateEngineError";
    this.op = op;
  }
}
