import { fieldValue, parseTime, stringField } from "./fields.ts";
import type { KubeObject } from "./types.ts";

/** What an Event is about (core/v1 `involvedObject`, events.k8s.io/v1 `regarding`). */
export interface InvolvedObject {
  kind: string;
  name: string;
  namespace: string;
  uid: string;
}

/** The object an Event refers to, from either Event API version. */
export function involvedObjectOf(event: KubeObject): InvolvedObject {
  const base = fieldValue(event, ["involvedObject"]) ? ["involvedObject"] : ["regarding"];
  const text = (key: string) => stringField(event, [...base, key], "");
  return { kind: text("kind"), name: text("name"), namespace: text("namespace"), uid: text("uid") };
}

/** The Event's message (core/v1 `message`, events.k8s.io/v1 `note`). */
export function eventMessage(event: KubeObject): string {
  return stringField(event, ["message"], "") || stringField(event, ["note"], "");
}

/** The Event's reason ("" when absent). */
export function eventReason(event: KubeObject): string {
  return stringField(event, ["reason"], "");
}

/**
 * When the Event last happened, epoch ms: series.lastObservedTime, lastTimestamp, eventTime,
 * firstTimestamp, then metadata.creationTimestamp; 0 when none parses.
 */
export function eventTime(event: KubeObject): number {
  const candidates = [
    ["series", "lastObservedTime"],
    ["lastTimestamp"],
    ["deprecatedLastTimestamp"],
    ["eventTime"],
    ["firstTimestamp"],
    ["metadata", "creationTimestamp"],
  ];
  for (const path of candidates) {
    const t = parseTime(fieldValue(event, path));
    if (t !== undefined) return t;
  }
  return 0;
}

/**
 * Events about one object, newest first. Matches kind and name; namespace and uid are compared
 * only when both sides carry them (so a re-created object's old events are skipped when uids
 * are known). Optionally only those with `reason`.
 */
export function eventsAbout(
  events: readonly KubeObject[],
  target: { kind: string; name: string; namespace?: string; uid?: string },
  reason?: string,
): KubeObject[] {
  return events
    .filter((ev) => {
      const io = involvedObjectOf(ev);
      if (io.kind !== target.kind || io.name !== target.name) return false;
      if (target.namespace && io.namespace && io.namespace !== target.namespace) return false;
      if (target.uid && io.uid && io.uid !== target.uid) return false;
      return reason === undefined || eventReason(ev) === reason;
    })
    .sort((a, b) => eventTime(b) - eventTime(a));
}
