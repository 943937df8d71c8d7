// event analyzer: troubleshoot v0.133.0 pkg/analyze/event.go (message rendered with the
// corev1.Event as dot when an event matched).
import { describe, expect, test } from "bun:test";
import { CollectedFiles } from "../../../src/preflight/app/collected.ts";
import { event } from "../../../src/preflight/app/analyzers/event.ts";

const ev = (reason: string, kind: string, name: string, message: string, extra: object = {}) => ({
  kind: "Event",
  apiVersion: "v1",
  metadata: { name: `${name}.1`, namespace: "app" },
  involvedObject: { kind, name, namespace: "app" },
  reason,
  message,
  type: "Warning",
  firstTimestamp: null,
  lastTimestamp: null,
  ...extra,
});
const files = new CollectedFiles({
  "cluster-resources/events/app.json": JSON.stringify({
    kind: "EventList",
    apiVersion: "v1",
    items: [
      ev("BackOff", "Pod", "web-0", "Back-off restarting failed container web", { count: 4 }),
      ev("Unhealthy", "Pod", "web-1", "Readiness probe failed: HTTP probe failed with statuscode: 503"),
      ev("Unhealthy", "Pod", "web-2", "Liveness probe failed: timeout"),
    ],
  }),
  "cluster-resources/events/default.json": JSON.stringify({ kind: "EventList", apiVersion: "v1", items: [ev("Started", "Pod", "p", "Started container")] }),
});
const tf = (failWhen: string, passWhen: string, extra: object = {}) => ({
  namespace: "app",
  outcomes: [
    { fail: { when: failWhen, message: "{{ .InvolvedObject.Name }}: {{ .Message }} x{{ .Count }} at {{ .LastTimestamp }}" } },
    { pass: { when: passWhen, message: "no {{ .Reason }} event" } },
  ],
  ...extra,
});

describe("event", () => {
  test("title: checkName, else collectorName, else Event", () => {
    expect(event.title({ checkName: "c", collectorName: "k" })).toBe("c");
    expect(event.title({ collectorName: "k" })).toBe("k");
    expect(event.title({})).toBe("Event");
  });

  test("a matching event (reason and kind case-insensitive): the true outcome, rendered with the event; never strict", () => {
    expect(event.analyze({ ...tf("true", "false"), reason: "backoff", kind: "pod", strict: true }, files)).toEqual([
      {
        title: "Event",
        outcome: "fail",
        message: "web-0: Back-off restarting failed container web x4 at 0001-01-01 00:00:00 +0000 UTC",
        uri: "",
        strict: false,
      },
    ]);
  });

  test("no matching event: the false outcome, message used as written", () => {
    expect(event.analyze({ ...tf("true", "false"), reason: "OOMKilling", checkName: "oom" }, files)).toEqual([
      { title: "oom", outcome: "pass", message: "no {{ .Reason }} event", uri: "", strict: false },
    ]);
    expect(event.analyze({ ...tf("true", "false"), reason: "BackOff", kind: "Node" }, files)[0].outcome).toBe("pass");
  });

  test("regex: the first event whose message matches (Go RE2, unanchored); an invalid one matches nothing", () => {
    const r = event.analyze({ ...tf("1", "0"), reason: "Unhealthy", regex: "statuscode: 50[0-9]" }, files);
    expect(r[0].message).toStartWith("web-1: Readiness probe failed");
    expect(event.analyze({ ...tf("t", "f"), reason: "Unhealthy", regex: "(?i)LIVENESS" }, files)[0].message).toStartWith("web-2:");
    expect(event.analyze({ ...tf("TRUE", "FALSE"), reason: "Unhealthy", regex: "(unclosed" }, files)[0].outcome).toBe("pass");
    expect(event.analyze({ ...tf("True", "False"), reason: "Unhealthy", regex: "(?=Live)" }, files)[0].outcome).toBe("pass");
  });

  test("fail, warn and pass of one entry are all tried; no outcome matching gives no result", () => {
    const spec = { namespace: "app", reason: "BackOff", outcomes: [{ fail: { when: "false", message: "f" }, warn: { when: "true", message: "w" } }] };
    expect(event.analyze(spec, files)[0]).toMatchObject({ outcome: "warn", message: "w" });
    expect(event.analyze({ namespace: "app", reason: "BackOff", outcomes: [{ pass: { when: "false" } }] }, files)).toEqual([]);
  });

  test("namespace defaults to default", () => {
    expect(event.analyze({ reason: "Started", outcomes: [{ pass: { when: "true", message: "{{ .Message }}" } }] }, files)[0].message).toBe("Started container");
  });

  test("a template error falls back to troubleshoot's summary line", () => {
    expect(event.analyze({ namespace: "app", reason: "BackOff", outcomes: [{ fail: { when: "true", message: "{{ .Nope }}" } }] }, files)[0].message).toBe(
      "Event matched. Reason: BackOff Name: web-0 Message: Back-off restarting failed container web",
    );
  });

  test("errors are troubleshoot's", () => {
    expect(() => event.analyze({ namespace: "app", outcomes: [] }, files)).toThrow("reason is required");
    expect(() => event.analyze({ namespace: "gone", reason: "X", outcomes: [] }, files)).toThrow(
      "failed to read collected events for namespace: gone: file cluster-resources/events/gone.json was not collected",
    );
    expect(() => event.analyze({ namespace: "app", reason: "BackOff", outcomes: [{ fail: { when: "yes" } }] }, files)).toThrow(
      'failed to parse when condition: yes: strconv.ParseBool: parsing "yes": invalid syntax',
    );
    expect(() => event.analyze({ namespace: "app", reason: "BackOff", outcomes: [{ fail: { message: "no when" } }] }, files)).toThrow(
      'failed to parse when condition: : strconv.ParseBool: parsing "": invalid syntax',
    );
  });
});
