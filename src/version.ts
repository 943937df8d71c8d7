/** Build-time facts, replaced by `bun build --define` in build.ts; "dev" when run from source. */
declare const KOTS_TUI_VERSION: string | undefined;
declare const KOTS_TUI_COMMIT: string | undefined;

export const version: string = typeof KOTS_TUI_VERSION === "string" ? KOTS_TUI_VERSION : "0.0.0-dev";
export const commit: string = typeof KOTS_TUI_COMMIT === "string" ? KOTS_TUI_COMMIT : "dev";
