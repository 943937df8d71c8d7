import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { newConfigSession, parseConfig, parseConfigValues, type ConfigSession, type TemplateContext } from "../../../src/config/index.ts";

const DIR = path.join(import.meta.dir, "../../../examples/acme-helpdesk");
const read = (f: string) => readFileSync(path.join(DIR, f), "utf8");
const config = parseConfig(read("kots-config.yaml"), "kots-config.yaml");
const exampleValues = parseConfigValues(read("configvalues.yaml")).values;
const b64 = (s: string) => Buffer.from(s).toString("base64");
const unb64 = (s: string) => Buffer.from(s, "base64").toString("utf8");

function session(context: Omit<TemplateContext, "config"> = {}, values = exampleValues): ConfigSession {
  return newConfigSession(config, { values, context: { namespace: "helpdesk", appSlug: "acme-helpdesk", ...context } });
}

/** Renders a manifest of the example and parses it as YAML. */
function manifest(s: ConfigSession, file: string): any {
  return YAML.parse(s.render(read(file), file));
}

const env = (container: any, name: string) => container.env.find((e: { name: string }) => e.name === name);

describe("the example's Config and ConfigValues", () => {
  test("configvalues.yaml makes the Config valid", () => {
    expect(session().validate()).toEqual([]);
  });

  test("visible groups: email needs a license entitlement, generated secrets are hidden", () => {
    expect(
      session()
        .visibleGroups()
        .map((g) => g.name),
    ).toEqual(["general", "database", "cache"]);
    const licensed = session({ license: { email_enabled: true } });
    expect(licensed.visibleGroups().map((g) => g.name)).toEqual(["general", "database", "cache", "email"]);
    expect(licensed.validate().map((e) => e.message)).toEqual(['config item "smtp_host" (SMTP server) is required']);
  });

  test("the group description is rendered with repl{{ if }}", () => {
    const s = session();
    expect(s.visibleGroups()[1].description).toBe("PostgreSQL runs in the cluster on a persistent volume.");
    s.set("database_type", "external");
    expect(s.visibleGroups()[1].description).toBe("Connect to a PostgreSQL 13 or later server you operate.");
  });

  test("database items follow the select_one", () => {
    const s = session();
    expect(s.itemsOf("database").map((i) => i.name)).toEqual(["database_type", "embedded_db_size"]);
    s.set("database_type", "external");
    expect(s.itemsOf("database").map((i) => i.name)).toEqual([
      "database_type",
      "external_db_host",
      "external_db_port",
      "external_db_user",
      "external_db_password",
      "external_db_name",
    ]);
    expect(s.validate().map((e) => e.item)).toEqual(["external_db_host", "external_db_password"]);
  });

  test("regex messages of the example", () => {
    const s = session();
    s.set("hostname", "Not A Host");
    s.set("admin_password", "short");
    s.set("replicas", "0");
    expect(s.validate().map((e) => e.message)).toEqual([
      'config item "hostname" (Hostname): Enter a fully qualified host name in lower case, such as helpdesk.example.com.',
      'config item "admin_password" (Administrator password): The password must be at least 8 characters long.',
      'config item "replicas" (Web replicas): Enter a whole number from 1 to 99.',
    ]);
  });

  test("a missing hostname is named", () => {
    const { hostname: _dropped, ...rest } = exampleValues;
    expect(session({}, rest).validate().map((e) => e.message)).toEqual(['config item "hostname" (Hostname) is required']);
  });
});

describe("rendering the example's manifests with configvalues.yaml", () => {
  const s = session();

  test("every file renders to valid YAML", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) {
      const out = s.render(read(f), f);
      expect(out).not.toContain("repl{{");
      expect(out).not.toContain("{{repl");
      expect(() => YAML.parseAllDocuments(out)).not.toThrow();
    }
  });

  test("web Deployment", () => {
    const d = manifest(s, "web-deployment.yaml");
    expect(d.spec.replicas).toBe(3);
    const [c] = d.spec.template.spec.containers;
    expect(c.image).toBe("ghcr.io/acme/helpdesk-web:3.4.1");
    expect(env(c, "HELPDESK_HOSTNAME").value).toBe("helpdesk.acme.example");
    expect(env(c, "HELPDESK_ADMIN_EMAIL").value).toBe("it-admin@acme.example");
    expect(env(c, "HELPDESK_TLS").value).toBe("false");
    expect(env(c, "REDIS_URL").value).toBe("redis://acme-redis:6379/0");
    expect(c.volumeMounts).toBeUndefined();
    expect(d.spec.template.spec.imagePullSecrets).toBeUndefined();
  });

  test("Secret: base64 of the configured and generated values", () => {
    const sec = manifest(s, "secret.yaml");
    expect(sec.data["admin-password"]).toBe(b64("correct horse battery staple"));
    expect(unb64(sec.data["embedded-db-password"])).toBe("Xq7uR2mVb9LkT4wZ8pNc3sHd6yFg1jAe");
    expect(unb64(sec.data["session-secret"])).toBe("k3J9sQ2wE8rT5yU1iO7pA4sD6fG0hJ2kL9zX3cV5bN8mQ1wE");
    expect(unb64(sec.data["database-url"])).toBe(
      "postgres://helpdesk:Xq7uR2mVb9LkT4wZ8pNc3sHd6yFg1jAe@acme-postgres:5432/helpdesk?sslmode=disable",
    );
  });

  test("embedded PostgreSQL StatefulSet and Service are included", () => {
    const sts = manifest(s, "postgres-statefulset.yaml");
    expect(sts.metadata.annotations["kots.io/when"]).toBe("true");
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("20Gi");
    expect(sts.spec.template.spec.containers[0].image).toBe("postgres:14.5-alpine");
    expect(manifest(s, "postgres-service.yaml").metadata.annotations["kots.io/when"]).toBe("true");
  });

  test("Redis cache", () => {
    const d = manifest(s, "redis-deployment.yaml");
    expect(d.metadata.annotations["kots.io/when"]).toBe("true");
    const [c] = d.spec.template.spec.containers;
    expect(c.args).toEqual(["--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru"]);
    expect(c.resources.limits.memory).toBe("576Mi");
    expect(c.image).toBe("redis:7.2-alpine");
  });

  test("Service, TLS secret, Application, Preflight", () => {
    expect(manifest(s, "web-service.yaml").spec.ports[0].port).toBe(80);
    expect(manifest(s, "tls-secret.yaml").metadata.annotations["kots.io/when"]).toBe("false");
    const app = manifest(s, "kots-app.yaml");
    expect(app.spec.statusInformers).toEqual(["deployment/acme-web", "statefulset/acme-postgres", "deployment/acme-redis"]);
    const pf = manifest(s, "kots-preflight.yaml");
    expect(pf.apiVersion).toBe("troubleshoot.sh/v1beta2");
    expect(pf.spec.analyzers).toHaveLength(6);
    expect(pf.spec.analyzers[1].storageClass.exclude).toBe("false");
  });
});

describe("variants", () => {
  test("external database", () => {
    const s = session();
    s.set("database_type", "external");
    s.set("external_db_host", "db.acme.example");
    s.set("external_db_password", "p@ss word");
    expect(s.validate()).toEqual([]);
    expect(unb64(manifest(s, "secret.yaml").data["database-url"])).toBe("postgres://helpdesk:p%40ss+word@db.acme.example:5432/helpdesk");
    expect(manifest(s, "postgres-statefulset.yaml").metadata.annotations["kots.io/when"]).toBe("false");
    expect(manifest(s, "kots-app.yaml").spec.statusInformers).toEqual(["deployment/acme-web", "", "deployment/acme-redis"]);
    expect(manifest(s, "kots-preflight.yaml").spec.analyzers[1].storageClass.exclude).toBe("true");
  });

  test("TLS", () => {
    const s = session();
    s.set("enable_tls", "1");
    expect(s.validate().map((e) => e.item)).toEqual(["tls_cert", "tls_key"]);
    expect(s.itemsOf("general").map((i) => i.name)).toContain("tls_note");
    const cert = b64("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    const key = b64("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
    s.set("tls_cert", cert, "tls.crt");
    s.set("tls_key", key, "tls.key");
    expect(s.validate()).toEqual([]);
    expect(manifest(s, "web-service.yaml").spec.ports[0].port).toBe(443);
    const d = manifest(s, "web-deployment.yaml");
    expect(d.spec.template.spec.volumes).toEqual([{ name: "tls", secret: { secretName: "acme-helpdesk-tls" } }]);
    expect(env(d.spec.template.spec.containers[0], "HELPDESK_TLS").value).toBe("true");
    const tls = manifest(s, "tls-secret.yaml");
    expect(tls.metadata.annotations["kots.io/when"]).toBe("true");
    expect(tls.data).toEqual({ "tls.crt": cert, "tls.key": key });
  });

  test("local registry: images rewritten, pull secret added", () => {
    const s = session({ localRegistry: { host: "registry.internal:5000", namespace: "acme" } });
    const d = manifest(s, "web-deployment.yaml");
    expect(d.spec.template.spec.containers[0].image).toBe("registry.internal:5000/acme/helpdesk-web:3.4.1");
    expect(d.spec.template.spec.imagePullSecrets).toEqual([{ name: "acme-helpdesk-registry" }]);
    expect(manifest(s, "postgres-statefulset.yaml").spec.template.spec.containers[0].image).toBe("registry.internal:5000/acme/postgres:14.5-alpine");
    expect(manifest(s, "redis-deployment.yaml").spec.template.spec.containers[0].image).toBe("registry.internal:5000/acme/redis:7.2-alpine");
  });

  test("first install generates the secrets; a re-run with the written ConfigValues keeps them", () => {
    const { embedded_db_password: _p, session_secret: _s, ...answers } = exampleValues;
    const first = session({}, answers);
    const pw = first.get("embedded_db_password");
    const key = first.get("session_secret");
    expect(pw).toMatch(/^[_A-Za-z0-9]{32}$/);
    expect(key).toMatch(/^[A-Za-z0-9]{48}$/);
    const again = session({ randomSeed: 99 }, parseConfigValues(first.toConfigValues()).values);
    expect([again.get("embedded_db_password"), again.get("session_secret")]).toEqual([pw, key]);
    expect(unb64(manifest(again, "secret.yaml").data["embedded-db-password"])).toBe(pw);
  });
});
