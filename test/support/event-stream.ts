import type { InstallEvent } from "../../src/install/events.ts";
import { parseEvents } from "./kots.ts";

/**
 * Reads NDJSON events from a running install's stdout until `ok` matches one, pushing every event
 * seen into `seen`. Returns the reader so the rest can be drained. Throws when the stream ends first.
 */
export async function readUntil(
  stdout: ReadableStream<Uint8Array>,
  ok: (e: InstallEvent) => boolean,
  seen: InstallEvent[] = [],
): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const reader = stdout.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`install ended before the awaited event; saw ${seen.map((e) => e.type).join(",")}`);
    buf += decoder.decode(value);
    const lines = buf.split("\n");
    buf = lines.pop()!;
    for (const e of parseEvents(lines.join("\n"))) {
      seen.push(e);
      if (ok(e)) return reader;
    }
  }
}

/** Everything left on a reader, as text. */
export async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let out = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    out += decoder.decode(value);
  }
}
