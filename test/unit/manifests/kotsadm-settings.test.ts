import { describe, expect, test } from "bun:test";
import { goDurationString } from "../../../src/manifests/kotsadm-config.ts";
import { isCreateOnly, renderAdminConsole } from "../../../src/manifests/render.ts";
import type { K8sObject } from "../../../src/manifests/types.ts";
import { goDurationStrings } from "../../support/go-peer.ts";
import { env, find, options, podSpec, SECRETS, workloads } from "./fixtures.ts";

type Json = Record<string, any>;
const render = (over: Record<string, unknown> = {}, extra = {}) => renderAdminConsole(options(over), SECRETS, extra);
const kotsadm = (objs: K8sObject[]) => objs.find((o) => o.metadata.name === "kotsadm" && (o.kind === "Deployment" || o.kind === "StatefulSet"))!;
const names = (list: Json[]) => list.map((c) => c.name);

describe("kotsadm-confg: the install parameters kotsadm v1.88.0 reads (GetInstallationParams)", () => {
  test("every key of configmaps_objects.go, with the options' values", () => {
    const cm = find(render({ skipPreflights: true, useMinimalRbac: true, waitDurationMs: 90_000 }), "ConfigMap", "kotsadm-confg")!;
    expect(cm.metadata.labels).toEqual({ "kots.io/kotsadm": "true", "kots.io/backup": "velero" });
    expect(cm.data).toEqual({
      "initial-app-images-pushed": "false",
      "skip-preflights": "true",
      "registry-is-read-only": "false",
      "minio-enabled-snapshots": "true",
      "skip-compatibility-check": "false",
      "ensure-rbac": "true",
      "skip-rbac-check": "false",
      "use-minimal-rbac": "true",
      "strict-security-context": "false",
      "wait-duration": "1m30s",
      "with-minio": "true",
      "app-version-label": "",
    });
  });

  test("--with-minio=false and --kotsadm-registry host/namespace", () => {
    const data = find(render({ withMinio: false, kotsadmRegistry: "registry.corp.example:5443/kots/team" }), "ConfigMap", "kotsadm-confg")!.data as Json;
    expect(data["with-minio"]).toBe("false");
    expect(data["minio-enabled-snapshots"]).toBe("false");
    expect(data["kotsadm-registry"]).toBe("registry.corp.example:5443/kots/team");
    expect(find(render(), "ConfigMap", "kotsadm-confg")!.data).not.toHaveProperty("kotsadm-registry");
  });

  test("wait-duration is what Go's time.Duration.String() prints (kotsadm parses it with time.ParseDuration)", () => {
    const values = [1, 500, 1000, 1500, 59_999, 60_000, 90_000, 120_000, 300_000, 3_600_000, 5_400_000, 86_400_000, 2_147_483_647];
    expect(values.map(goDurationString)).toEqual(goDurationStrings(values));
  });
});

describe("kotsadm-application-metadata (application_metadata_objects.go)", () => {
  test("the release's Application YAML and the upstream URI, label kotsadm=application, applied create-only", () => {
    const app = "apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: sentry-pro\nspec:\n  title: Sentry Pro\n";
    const cm = find(render({}, { applicationYaml: app }), "ConfigMap", "kotsadm-application-metadata")!;
    expect(cm.data).toEqual({ "application.yaml": app, upstreamUri: "replicated://sentry-pro" });
    expect(cm.metadata.labels).toMatchObject({ kotsadm: "application", "kots.io/kotsadm": "true" });
    expect(isCreateOnly(cm)).toBe(true);
    expect(isCreateOnly(find(render(), "ConfigMap", "kotsadm-confg")!)).toBe(false);
  });

  test("an app known by slug only gets an empty application.yaml, as KOTS writes it", () => {
    expect((find(render(), "ConfigMap", "kotsadm-application-metadata")!.data as Json)["application.yaml"]).toBe("");
  });
});

describe("proxy settings (proxy_objects.go)", () => {
  const proxyEnv = (objs: K8sObject[]) => env(kotsadm(objs)).filter((e) => /_PROXY$/.test(e.name));
  test("always present; NO_PROXY = the operator's list, then kotsadm's in-cluster peers", () => {
    expect(proxyEnv(render({ httpProxy: "http://proxy:3128", httpsProxy: "http://proxy:3129", noProxy: "10.0.0.0/8,.corp" }))).toEqual([
      { name: "HTTP_PROXY", value: "http://proxy:3128" },
      { name: "HTTPS_PROXY", value: "http://proxy:3129" },
      { name: "NO_PROXY", value: "10.0.0.0/8,.corp,kotsadm-postgres,kotsadm-minio,kotsadm-api-node" },
    ]);
    expect(proxyEnv(render())).toEqual([
      { name: "HTTP_PROXY", value: "" },
      { name: "HTTPS_PROXY", value: "" },
      { name: "NO_PROXY", value: "kotsadm-postgres,kotsadm-minio,kotsadm-api-node" },
    ]);
  });

  test("after the storage env and before DISABLE_OUTBOUND_CONNECTIONS, in both storage modes", () => {
    for (const withMinio of [true, false]) {
      const n = env(kotsadm(render({ withMinio, kotsadmRegistry: "r.example.com" }))).map((e) => e.name);
      expect(n.slice(-4)).toEqual(["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "DISABLE_OUTBOUND_CONNECTIONS"]);
    }
  });
});

describe("--additional-labels and --additional-annotations", () => {
  const objs = render({ additionalLabels: { "kots-tui.dev/profile": "realistic", team: "pay" }, additionalAnnotations: { "example.com/owner": "ops@example.com" } });
  test("on every object but the Namespace, and on every pod template", () => {
    for (const o of objs) {
      if (o.kind === "Namespace") {
        expect(o.metadata.labels).toBeUndefined();
        continue;
      }
      expect(o.metadata.labels).toMatchObject({ "kots-tui.dev/profile": "realistic", team: "pay" });
      expect(o.metadata.annotations).toMatchObject({ "example.com/owner": "ops@example.com" });
    }
    for (const w of workloads(objs)) {
      const tpl = (w.spec as Json).template.metadata;
      expect(tpl.labels).toMatchObject({ "kots-tui.dev/profile": "realistic", app: w.metadata.name });
      expect(tpl.annotations).toMatchObject({ "example.com/owner": "ops@example.com" });
    }
  });

  test("selectors keep working: the installer's own labels are never replaced", () => {
    for (const w of workloads(objs)) expect((w.spec as Json).selector.matchLabels).toEqual({ app: w.metadata.name });
    expect(() => options({ additionalLabels: { app: "x" } })).toThrow("set by the installer");
    expect(() => options({ additionalLabels: { "bad key!": "x" } })).toThrow("not a valid label key");
    expect(() => options({ additionalLabels: { ok: "bad value!" } })).toThrow("not a valid label value");
  });
});

describe("snapshots: Velero annotations and restore init containers (kotsadm_objects.go)", () => {
  const velero = {
    "backup.velero.io/backup-volumes": "backup",
    "pre.hook.backup.velero.io/command": '["/backup.sh"]',
    "pre.hook.backup.velero.io/timeout": "10m",
  };
  test("the Deployment (with MinIO): restore-db and restore-s3 after the migrations", () => {
    const k = kotsadm(render());
    expect(k.kind).toBe("Deployment");
    expect(((k.spec as Json).template.metadata.annotations)).toMatchObject(velero);
    const init = podSpec(k).initContainers as Json[];
    expect(names(init)).toEqual(["schemahero-plan", "schemahero-apply", "restore-db", "restore-s3"]);
    expect(init[2]).toMatchObject({ image: "kotsadm/kotsadm:v1.88.0", command: ["/restore-db.sh"] });
    expect(init[3].env.map((e: Json) => e.name)).toEqual(["S3_ENDPOINT", "S3_BUCKET_NAME", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_BUCKET_ENDPOINT"]);
  });

  test("the StatefulSet (without MinIO): restore-data and migrate-s3 with optional MinIO keys", () => {
    const k = kotsadm(render({ withMinio: false }));
    expect(k.kind).toBe("StatefulSet");
    expect(((k.spec as Json).template.metadata.annotations)).toMatchObject(velero);
    const init = podSpec(k).initContainers as Json[];
    expect(names(init)).toEqual(["schemahero-plan", "schemahero-apply", "restore-data", "migrate-s3"]);
    expect(init[2].command).toEqual(["/restore.sh"]);
    expect(init[2].volumeMounts).toContainEqual({ name: "kotsadmdata", mountPath: "/kotsadmdata" });
    const keyRefs = init[3].env.filter((e: Json) => e.valueFrom).map((e: Json) => e.valueFrom.secretKeyRef);
    expect(keyRefs).toEqual([
      { name: "kotsadm-minio", key: "accesskey", optional: true },
      { name: "kotsadm-minio", key: "secretkey", optional: true },
    ]);
    // every volume an init container mounts exists in the pod or as a claim template
    const vols = new Set([...(podSpec(k).volumes as Json[]).map((v) => v.name), ...((k.spec as Json).volumeClaimTemplates as Json[]).map((v) => v.metadata.name)]);
    const all: Json[] = [...(podSpec(k).initContainers as Json[]), ...(podSpec(k).containers as Json[])];
    for (const c of all) for (const m of c.volumeMounts as Json[]) expect(`${c.name}: ${m.name} ${vols.has(m.name)}`).toBe(`${c.name}: ${m.name} true`);
  });
});

describe("Postgres 10 → 14 upgrade init containers (postgres_objects.go)", () => {
  const objs = render();
  const pg = find(objs, "StatefulSet", "kotsadm-postgres")!;
  const init = podSpec(pg).initContainers as Json[];
  test("copy-postgres-10 (postgres 10 image) then upgrade-postgres (postgres 14), sharing the data and upgrade volumes", () => {
    expect(init.map((c) => `${c.name} ${c.image} ${c.command.join(" ")}`)).toEqual([
      "copy-postgres-10 postgres:10.22-alpine /scripts/copy-postgres-10.sh",
      "upgrade-postgres postgres:14.5-alpine /scripts/upgrade-postgres.sh",
    ]);
    const mountsOf = (c: Json) => c.volumeMounts.map((m: Json) => `${m.name}:${m.mountPath}`);
    for (const c of [...init, podSpec(pg).containers[0]]) expect(mountsOf(c)).toEqual(mountsOf(init[0]));
    const e = Object.fromEntries(init[1].env.filter((x: Json) => "value" in x).map((x: Json) => [x.name, x.value]));
    expect(e).toMatchObject({ PGPORT: "50432", PGDATAOLD: "/var/lib/postgresql/data/pgdata", PGDATANEW: "/var/lib/postgresql/data/pg14data", PGBINOLD: "/var/lib/postgresql/upgrade/pg10/bin" });
  });

  test("the scripts ship in ConfigMap kotsadm-postgres, mounted executable", () => {
    const cm = find(objs, "ConfigMap", "kotsadm-postgres")!.data as Json;
    expect(cm["copy-postgres-10.sh"]).toStartWith("#!/bin/sh");
    expect(cm["upgrade-postgres.sh"]).toContain("pg_upgrade");
    const vol = (podSpec(pg).volumes as Json[]).find((v) => v.name === "scripts")!;
    expect(vol.configMap).toMatchObject({ name: "kotsadm-postgres", defaultMode: 0o755 });
  });

  test("the scripts are valid POSIX sh", () => {
    const cm = find(objs, "ConfigMap", "kotsadm-postgres")!.data as Json;
    for (const name of ["copy-postgres-10.sh", "upgrade-postgres.sh"]) {
      const r = Bun.spawnSync(["sh", "-n"], { stdin: new TextEncoder().encode(cm[name]), stderr: "pipe" });
      expect(r.stderr.toString()).toBe("");
      expect(r.exitCode).toBe(0);
    }
  });

  test("copy-postgres-10 does nothing on a fresh install (no Postgres 10 data)", () => {
    const cm = find(objs, "ConfigMap", "kotsadm-postgres")!.data as Json;
    const dir = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "pg10-"));
    const r = Bun.spawnSync(["sh", "-c", cm["copy-postgres-10.sh"]], { env: { PATH: "/usr/bin:/bin", PGDATA: `${dir}/pgdata`, POSTGRES_UPGRADE_DIR: `${dir}/upgrade` }, stdout: "pipe" });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.toString()).toContain("nothing to copy");
    expect(require("node:fs").existsSync(`${dir}/upgrade`)).toBe(false);
  });
});
