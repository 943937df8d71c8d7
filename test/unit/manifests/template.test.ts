import { describe, expect, test } from "bun:test";
import { renderTemplate, TemplateError } from "../../../src/manifests/template.ts";
import { TEMPLATES } from "../../../src/manifests/templates.ts";

describe("renderTemplate", () => {
  const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: "\${name}"
  namespace: "\${namespace}"
data:
  whole: "\${obj}"
  inner: "http://svc.\${namespace}:\${port}/x"
  literal: "no placeholders, $ and {} are fine"
---
---
apiVersion: v1
kind: Service
metadata:
  name: s
`;

  test("whole-scalar placeholders take any value; inner ones take text; empty documents are skipped", () => {
    const objs = renderTemplate(text, { name: "cm", namespace: "ns1", obj: { a: [1, 2] }, port: 3000 }, "t.yaml");
    expect(objs).toHaveLength(2);
    expect(objs[0]).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cm", namespace: "ns1" },
      data: { whole: { a: [1, 2] }, inner: "http://svc.ns1:3000/x", literal: "no placeholders, $ and {} are fine" },
    });
  });

  test("values are copied, not shared", () => {
    const shared = { a: 1 };
    const [o] = renderTemplate(text, { name: "cm", namespace: "n", obj: shared, port: 1 }, "t.yaml");
    (o!.data as any).whole.a = 2;
    expect(shared.a).toBe(1);
  });

  test("missing value, object inside a string, bad YAML, missing kind: TemplateError naming the file", () => {
    expect(() => renderTemplate(text, { name: "cm", namespace: "n", obj: 1 }, "t.yaml")).toThrow(/t\.yaml: no value for \$\{port\}/);
    expect(() => renderTemplate(text, { name: "cm", namespace: {}, obj: 1, port: 1 }, "t.yaml")).toThrow(TemplateError);
    expect(() => renderTemplate("a: [", {}, "bad.yaml")).toThrow(/bad\.yaml/);
    expect(() => renderTemplate("metadata: {name: x}", {}, "nokind.yaml")).toThrow(/nokind\.yaml/);
  });

  test("every bundled template is text and parses with its placeholders filled", () => {
    const vars = { namespace: "n", name: "x", type: "Opaque", data: {}, image: "i:1", migrationsImage: "m:1", size: "1Gi", port: 8800, postgres10Image: "p:10", copyPostgres10Script: "#!/bin/sh", upgradePostgresScript: "#!/bin/sh" };
    for (const [file, body] of Object.entries(TEMPLATES)) {
      expect(typeof body).toBe("string");
      expect(renderTemplate(body, vars, file).length).toBeGreaterThan(0);
    }
  });
});
