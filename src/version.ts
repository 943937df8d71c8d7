/** Build-time facts, replaced by `bun build --define` in build.ts; "dev" when run from source. */
declare const KOTS_TUI_VERSION: string | undefined;
declare const KOTS_TUI_COMMIT: string | undefined;
declare const KOTS_TUI_BUILD_DATE: string | undefined;

export const version: string = typeof KOTS_TUI_VERSION === "string" ? KOTS_TUI_VERSION : "0.0.0-dev";
export const commit: string = typeof KOTS_TUI_COMMIT === "string" ? KOTS_TUI_COMMIT : "dev";
/** When the binary was built: RFC 3339 UTC (SOURCE_DATE_EPOCH when set, for reproducible builds); "unknown" from source. */
export const buildDate: string = typeof KOTS_TUI_BUILD_DATE === "string" ? KOTS_TUI_BUILD_DATE : "unknown";
