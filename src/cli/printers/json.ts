import type { InstallEvent } from "../../install/events.ts";

/** One NDJSON line (schema: docs/events.md). Events never hold secrets, so they print as they are. */
export function formatEventJson(e: InstallEvent): string {
  return JSON.stringify(e);
}
