import { builtinFunctions } from "./builtins.ts";
import type { FunctionMap } from "./functions.ts";
import { kotsConfigFunctions } from "./kots-config.ts";
import { kotsStaticFunctions } from "./kots-static.ts";
import { sprigFunctions } from "./sprig.ts";

/**
 * Every function a `repl` template may call, later maps overriding earlier ones as in KOTS
 * builder.go BuildFuncMap (sprig first, then Go builtins, then the KOTS contexts).
 */
export const ALL_FUNCTIONS: FunctionMap = {
  ...sprigFunctions,
  ...builtinFunctions,
  ...kotsStaticFunctions,
  ...kotsConfigFunctions,
};

/** The names in ALL_FUNCTIONS; anything else is `function "X" not defined` at parse time. */
export const FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.keys(ALL_FUNCTIONS));

/** Functions whose result differs between calls; a Config default/value using one is generated once. */
export const NONDETERMINISTIC_FUNCTIONS: ReadonlySet<string> = new Set(["RandomString", "RandomBytes"]);
