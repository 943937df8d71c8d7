import { describe, expect, test } from "bun:test";
import { APPLY_PHASES, applyPhaseOf, renderAdminConsole } from "../../../src/manifests/render.ts";
import type { K8sObject } from "../../../src/manifests/types.ts";
import { containers, decode, env, envNames, find, ids, options, podSpec, SECRETS, workloads } from "./fixtures.ts";

const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding"]);
const REGISTRY = { kotsadmRegistry: "registry.corp.example:5443/kots", registryUsername: "robot", registryPassword: "robot-pw-123" };

/** Every option combination of design §1/§3 under test. */
const COMBOS: Record<string, Record<string, unknown>> = {
  default: {},
  "with-minio=false": { withMinio: false },
  "storage-class": { storageClass: "fast-ssd" },
  "minimal-rbac": { useMinimalRbac: true },
  "private registry": REGISTRY,
  "private registry, no credentials": { kotsadmRegistry: "registry.corp.example" },
  "kotsadm-tag": { kotsadmTag: "v1.88.0-custom" },
  everything: { ...REGISTRY, withMinio: false, storageClass: "fast-ssd", useMinimalRbac: true, kotsadmTag: "v1.88.9" },
};

describe("invariants of every option combination (design §3, §4)", () => {
  for (const [name, over] of Object.entries(COMBOS)) {
    describe(name, () => {
      const opts = options(over);
      const objs = renderAdminConsole(opts, SECRETS, { license: "kind: License\n", configValues: "kind: ConfigValues\n" });

      test("Namespace first; phases in design §4 order", () => {
        expect(objs[0]).toEqual({ apiVersion: "v1", kind: "Namespace", metadata: { name: "kots-test" } });
        const phases = objs.map((o) => APPLY_PHASES.indexOf(applyPhaseOf(o)));
        expect(phases).toEqual([...phases].sort((a, b) => a - b));
        expect(applyPhaseOf(objs.at(-1)!)).toBe("service");
        expect(objs.at(-1)!.metadata.name).toBe("kotsadm");
      });

      test("labels kots.io/kotsadm=true, kots.io/backup=velero on every object, pod template and PVC template", () => {
        for (const o of objs.slice(1)) {
          expect(o.metadata.labels).toMatchObject({ "kots.io/kotsadm": "true", "kots.io/backup": "velero" });
        }
        for (const w of workloads(objs)) {
          expect((w.spec as any).template.metadata.labels).toMatchObject({ "kots.io/kotsadm": "true", "kots.io/backup": "velero" });
          for (const vct of (w.spec as any).volumeClaimTemplates ?? [])
            expect(vct.metadata.labels).toMatchObject({ "kots.io/kotsadm": "true", "kots.io/backup": "velero" });
        }
      });

      test("namespaced in the chosen namespace (cluster-scoped kinds excepted)", () => {
        for (const o of objs) {
          if (CLUSTER_SCOPED.has(o.kind)) expect(o.metadata.namespace).toBeUndefined();
          else expect(o.metadata.namespace).toBe("kots-test");
        }
      });

      test("object names are unique per kind", () => {
        expect(new Set(ids(objs)).size).toBe(objs.length);
      });

      test("every pod: required affinity kubernetes.io/os In [linux], kubernetes.io/arch In [amd64]", () => {
        expect(workloads(objs).length).toBeGreaterThanOrEqual(2);
        for (const w of workloads(objs)) {
          const terms = podSpec(w).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
          expect(terms).toHaveLength(1);
          expect(terms[0].matchExpressions).toContainEqual({ key: "kubernetes.io/os", operator: "In", values: ["linux"] });
          expect(terms[0].matchExpressions).toContainEqual({ key: "kubernetes.io/arch", operator: "In", values: ["amd64"] });
        }
      });

      test("securityContext: runAsUser/fsGroup 1001, Postgres 999 as KOTS runs it", () => {
        for (const w of workloads(objs)) {
          const uid = w.metadata.name === "kotsadm-postgres" ? 999 : 1001;
          expect(podSpec(w).securityContext).toMatchObject({ runAsUser: uid, fsGroup: uid });
        }
      });

      test("Services are ClusterIP only, never NodePort/LoadBalancer", () => {
        const services = objs.filter((o) => o.kind === "Service");
        expect(services.length).toBeGreaterThanOrEqual(2);
        for (const s of services) {
          expect((s.spec as any).type).toBe("ClusterIP");
          for (const p of (s.spec as any).ports) expect(p.nodePort).toBeUndefined();
        }
      });

      test("Secrets use base64 `data`, never stringData", () => {
        for (const s of objs.filter((o) => o.kind === "Secret")) {
          expect(s.stringData).toBeUndefined();
          for (const v of Object.values(s.data as Record<string, string>)) expect(v).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
        }
      });

      test("pure: the same input renders deeply equal objects", () => {
        expect(renderAdminConsole(opts, SECRETS, { license: "kind: License\n", configValues: "kind: ConfigValues\n" })).toEqual(objs);
      });

      test("kotsadm: readiness GET /healthz:3000, service account kotsadm, Service kotsadm ClusterIP 3000", () => {
        const k = workloads(objs).find((w) => w.metadata.name === "kotsadm")!;
        const c = podSpec(k).containers[0];
        expect(c.readinessProbe.httpGet).toMatchObject({ path: "/healthz", port: 3000 });
        expect(podSpec(k).serviceAccountName).toBe("kotsadm");
        const svc = find(objs, "Service", "kotsadm")!;
        expect((svc.spec as any).ports[0].port).toBe(3000);
        expect((svc.spec as any).selector).toEqual({ app: "kotsadm" });
        expect((k.spec as any).template.metadata.labels.app).toBe("kotsadm");
      });
    });
  }
});

describe("default install (MinIO)", () => {
  const objs = renderAdminConsole(options(), SECRETS);

  test("object set", () => {
    expect(ids(objs)).toEqual([
      "Namespace/kots-test",
      "ServiceAccount/kotsadm",
      "ClusterRole/kotsadm-role",
      "ClusterRoleBinding/kotsadm-rolebinding-kots-test",
      "Secret/kotsadm-password",
      "Secret/kotsadm-postgres",
      "Secret/kotsadm-minio",
      "Secret/kotsadm-session",
      "Secret/kotsadm-encryption",
      "Secret/kotsadm-cluster-token",
      "ConfigMap/kotsadm-confg",
      "ConfigMap/kotsadm-application-metadata",
      "ConfigMap/kotsadm-postgres",
      "StatefulSet/kotsadm-postgres",
      "Service/kotsadm-postgres",
      "StatefulSet/kotsadm-minio",
      "Service/kotsadm-minio",
      "Deployment/kotsadm",
      "Service/kotsadm",
    ]);
  });

  test("ClusterRoleBinding binds the kotsadm ServiceAccount of the namespace to ClusterRole kotsadm-role", () => {
    const b = find(objs, "ClusterRoleBinding", "kotsadm-rolebinding-kots-test")!;
    expect(b.subjects).toEqual([{ kind: "ServiceAccount", name: "kotsadm", namespace: "kots-test" }]);
    expect(b.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kotsadm-role" });
  });

  test("secret data shapes (KOTS v1.88 secrets_objects.go)", () => {
    expect(decode(find(objs, "Secret", "kotsadm-password"), "passwordBcrypt")).toBe(SECRETS.passwordBcrypt);
    expect(decode(find(objs, "Secret", "kotsadm-password"), "passwordBcrypt").startsWith("$2")).toBe(true);
    const pg = find(objs, "Secret", "kotsadm-postgres");
    expect(decode(pg, "password")).toBe(SECRETS.postgresPassword);
    expect(decode(pg, "uri")).toBe(`postgresql://kotsadm:${SECRETS.postgresPassword}@kotsadm-postgres/kotsadm?connect_timeout=10&sslmode=disable`);
    const minio = find(objs, "Secret", "kotsadm-minio");
    expect(decode(minio, "accesskey")).toBe(SECRETS.minioAccessKey);
    expect(decode(minio, "secretkey")).toBe(SECRETS.minioSecretKey);
    expect(decode(find(objs, "Secret", "kotsadm-session"), "key")).toBe(SECRETS.sessionKey);
    const enc = decode(find(objs, "Secret", "kotsadm-encryption"), "encryptionKey");
    expect(enc).toBe(SECRETS.encryptionKey);
    expect(Buffer.from(enc, "base64").length).toBe(24 + 12);
    expect(decode(find(objs, "Secret", "kotsadm-cluster-token"), "kotsadm-cluster-token")).toBe(SECRETS.clusterToken);
    for (const s of objs.filter((o) => o.kind === "Secret")) expect(s.type).toBe("Opaque");
  });

  test("a kept postgres uri is written verbatim", () => {
    const uri = "postgresql://kotsadm:other@kotsadm-postgres/kotsadm?sslmode=disable";
    expect(decode(find(renderAdminConsole(options(), { ...SECRETS, postgresUri: uri }), "Secret", "kotsadm-postgres"), "uri")).toBe(uri);
  });

  test("Postgres: postgres:14.5-alpine, PGDATA pg14data, user/db kotsadm, password from secret, pg_isready probes, PVC 1Gi, ClusterIP 5432", () => {
    const sts = find(objs, "StatefulSet", "kotsadm-postgres")!;
    const c = podSpec(sts).containers[0];
    expect(c.image).toBe("postgres:14.5-alpine");
    expect(c.env).toContainEqual({ name: "PGDATA", value: "/var/lib/postgresql/data/pg14data" });
    expect(c.env).toContainEqual({ name: "POSTGRES_USER", value: "kotsadm" });
    expect(c.env).toContainEqual({ name: "POSTGRES_DB", value: "kotsadm" });
    expect(c.env).toContainEqual({ name: "POSTGRES_PASSWORD", valueFrom: { secretKeyRef: { name: "kotsadm-postgres", key: "password" } } });
    expect(c.readinessProbe.exec.command.join(" ")).toContain("pg_isready");
    expect(c.livenessProbe.exec.command.join(" ")).toContain("pg_isready");
    const vct = (sts.spec as any).volumeClaimTemplates[0];
    expect(vct.spec.resources.requests.storage).toBe("1Gi");
    expect(vct.spec.storageClassName).toBeUndefined();
    expect(c.volumeMounts).toContainEqual({ name: vct.metadata.name, mountPath: "/var/lib/postgresql/data" });
    const svc = find(objs, "Service", "kotsadm-postgres")!;
    expect((svc.spec as any).ports[0].port).toBe(5432);
    expect((svc.spec as any).selector).toEqual((sts.spec as any).selector.matchLabels);
    // the passwd entry that maps uid 999 (KOTS v1.88 configmaps_objects.go)
    expect((find(objs, "ConfigMap", "kotsadm-postgres")!.data as any).passwd).toContain("postgres:x:999:999:");
  });

  test("MinIO: minio/minio RELEASE.2022-10-15T19-57-03Z, server /export, keys from secret, health probes, PVC 4Gi, ClusterIP 9000", () => {
    const sts = find(objs, "StatefulSet", "kotsadm-minio")!;
    const c = podSpec(sts).containers[0];
    expect(c.image).toBe("minio/minio:RELEASE.2022-10-15T19-57-03Z");
    expect(c.command.join(" ")).toContain("server /export");
    expect(c.env).toContainEqual({ name: "MINIO_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "kotsadm-minio", key: "accesskey" } } });
    expect(c.env).toContainEqual({ name: "MINIO_SECRET_KEY", valueFrom: { secretKeyRef: { name: "kotsadm-minio", key: "secretkey" } } });
    expect(c.livenessProbe.httpGet.path).toBe("/minio/health/live");
    expect(c.readinessProbe.httpGet.path).toBe("/minio/health/ready");
    expect((sts.spec as any).volumeClaimTemplates[0].spec.resources.requests.storage).toBe("4Gi");
    expect((find(objs, "Service", "kotsadm-minio")!.spec as any).ports[0].port).toBe(9000);
  });

  test("kotsadm Deployment: kotsadm/kotsadm:v1.88.0, env wired from the secrets, S3 env for MinIO", () => {
    const k = find(objs, "Deployment", "kotsadm")!;
    expect(podSpec(k).containers[0].image).toBe("kotsadm/kotsadm:v1.88.0");
    expect(podSpec(k).initContainers.map((c: any) => `${c.name} ${c.image}`)).toEqual([
      "schemahero-plan kotsadm/kotsadm-migrations:v1.88.0",
      "schemahero-apply kotsadm/kotsadm-migrations:v1.88.0",
      "restore-db kotsadm/kotsadm:v1.88.0",
      "restore-s3 kotsadm/kotsadm:v1.88.0",
    ]);
    const ref = (name: string, key: string) => ({ valueFrom: { secretKeyRef: { name, key } } });
    const e = env(k);
    expect(e).toContainEqual({ name: "POSTGRES_URI", ...ref("kotsadm-postgres", "uri") });
    expect(e).toContainEqual({ name: "POSTGRES_PASSWORD", ...ref("kotsadm-postgres", "password") });
    expect(e).toContainEqual({ name: "SHARED_PASSWORD_BCRYPT", ...ref("kotsadm-password", "passwordBcrypt") });
    expect(e).toContainEqual({ name: "SESSION_KEY", ...ref("kotsadm-session", "key") });
    expect(e).toContainEqual({ name: "API_ENCRYPTION_KEY", ...ref("kotsadm-encryption", "encryptionKey") });
    expect(e).toContainEqual({ name: "AUTO_CREATE_CLUSTER_TOKEN", ...ref("kotsadm-cluster-token", "kotsadm-cluster-token") });
    expect(e).toContainEqual({ name: "S3_ENDPOINT", value: "http://kotsadm-minio:9000" });
    expect(e).toContainEqual({ name: "S3_BUCKET_NAME", value: "kotsadm" });
    expect(e).toContainEqual({ name: "S3_ACCESS_KEY_ID", ...ref("kotsadm-minio", "accesskey") });
    expect(e).toContainEqual({ name: "S3_SECRET_ACCESS_KEY", ...ref("kotsadm-minio", "secretkey") });
    expect(e).toContainEqual({ name: "API_ENDPOINT", value: "http://kotsadm.kots-test.svc.cluster.local:3000" });
    expect(e).toContainEqual({ name: "API_ADVERTISE_ENDPOINT", value: "http://localhost:8800" });
    expect(e).toContainEqual({ name: "POD_OWNER_KIND", value: "deployment" });
    expect(envNames(k)).not.toContain("STORAGE_BASEURI");
    expect(envNames(k)).not.toContain("DISABLE_OUTBOUND_CONNECTIONS");
    // no secret value is inlined into any env
    for (const v of e) expect(Object.values(SECRETS)).not.toContain(v.value);
  });

  test("no pull secret without a private registry", () => {
    for (const w of workloads(objs)) expect(podSpec(w).imagePullSecrets).toBeUndefined();
    expect(find(objs, "Secret", "kotsadm-private-registry")).toBeUndefined();
  });
});

describe("--with-minio=false: kotsadm StatefulSet with its own 4Gi PVC, no MinIO", () => {
  const objs = renderAdminConsole(options({ withMinio: false, storageClass: "fast-ssd" }), SECRETS);

  test("object set", () => {
    expect(ids(objs)).not.toContain("StatefulSet/kotsadm-minio");
    expect(ids(objs)).not.toContain("Service/kotsadm-minio");
    expect(ids(objs)).not.toContain("Secret/kotsadm-minio");
    expect(ids(objs)).not.toContain("Deployment/kotsadm");
    expect(ids(objs)).toContain("StatefulSet/kotsadm");
    expect(ids(objs)).toContain("StatefulSet/kotsadm-postgres");
  });

  test("kotsadm StatefulSet: PVC kotsadmdata 4Gi mounted at /kotsadmdata, no S3 or storage env", () => {
    const k = find(objs, "StatefulSet", "kotsadm")!;
    expect((k.spec as any).serviceName).toBe("kotsadm");
    const vct = (k.spec as any).volumeClaimTemplates;
    expect(vct).toHaveLength(1);
    expect(vct[0].metadata.name).toBe("kotsadmdata");
    expect(vct[0].spec.resources.requests.storage).toBe("4Gi");
    expect(vct[0].spec.storageClassName).toBe("fast-ssd");
    expect(podSpec(k).containers[0].volumeMounts).toContainEqual({ name: "kotsadmdata", mountPath: "/kotsadmdata" });
    for (const n of envNames(k)) expect(n.startsWith("S3_") || n.startsWith("STORAGE_BASEURI") || n === "POD_OWNER_KIND").toBe(false);
  });
});

describe("--storage-class sets storageClassName on every volumeClaimTemplate", () => {
  for (const over of [{}, { withMinio: false }]) {
    test(JSON.stringify(over), () => {
      const objs = renderAdminConsole(options({ ...over, storageClass: "fast-ssd" }), SECRETS);
      const vcts = objs.filter((o) => o.kind === "StatefulSet").flatMap((s) => (s.spec as any).volumeClaimTemplates);
      expect(vcts.length).toBe(2);
      for (const v of vcts) expect(v.spec.storageClassName).toBe("fast-ssd");
    });
  }
});

describe("--use-minimal-rbac: Role + RoleBinding instead of ClusterRole + ClusterRoleBinding", () => {
  const objs = renderAdminConsole(options({ useMinimalRbac: true }), SECRETS);
  test("kinds", () => {
    expect(objs.filter((o) => o.kind.startsWith("Cluster"))).toEqual([]);
    expect(ids(objs).slice(1, 4)).toEqual(["ServiceAccount/kotsadm", "Role/kotsadm-role", "RoleBinding/kotsadm-rolebinding"]);
    const b = find(objs, "RoleBinding", "kotsadm-rolebinding")!;
    expect(b.metadata.namespace).toBe("kots-test");
    expect(b.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "kotsadm-role" });
    expect(b.subjects).toEqual([{ kind: "ServiceAccount", name: "kotsadm", namespace: "kots-test" }]);
  });
});

describe("--kotsadm-registry host/ns with credentials", () => {
  const objs = renderAdminConsole(options({ ...REGISTRY, withMinio: false }), SECRETS);
  const allImages = (o: K8sObject[]) => workloads(o).flatMap((w) => containers(w).map((c) => c.image as string));

  test("every image becomes <host>/<namespace>/<last path segment>:<tag> (seed 003)", () => {
    expect(new Set(allImages(objs))).toEqual(
      new Set([
        "registry.corp.example:5443/kots/kotsadm:v1.88.0",
        "registry.corp.example:5443/kots/kotsadm-migrations:v1.88.0",
        "registry.corp.example:5443/kots/postgres:14.5-alpine",
        "registry.corp.example:5443/kots/postgres:10.22-alpine",
      ]),
    );
    const minio = renderAdminConsole(options(REGISTRY), SECRETS);
    expect(allImages(minio)).toContain("registry.corp.example:5443/kots/minio:RELEASE.2022-10-15T19-57-03Z");
  });

  test("Secret kotsadm-private-registry (dockerconfigjson) referenced by every pod", () => {
    const s = find(objs, "Secret", "kotsadm-private-registry")!;
    expect(s.type).toBe("kubernetes.io/dockerconfigjson");
    const cfg = JSON.parse(decode(s, ".dockerconfigjson"));
    expect(cfg).toEqual({
      auths: { "registry.corp.example:5443": { username: "robot", password: "robot-pw-123", auth: Buffer.from("robot:robot-pw-123").toString("base64") } },
    });
    for (const w of workloads(objs)) expect(podSpec(w).imagePullSecrets).toEqual([{ name: "kotsadm-private-registry" }]);
    expect(env(find(objs, "StatefulSet", "kotsadm")!)).toContainEqual({ name: "DISABLE_OUTBOUND_CONNECTIONS", value: "true" });
  });

  test("without credentials: images still rewritten, no pull secret", () => {
    const o = renderAdminConsole(options({ kotsadmRegistry: "registry.corp.example" }), SECRETS);
    for (const img of allImages(o)) expect(img.startsWith("registry.corp.example/")).toBe(true);
    expect(find(o, "Secret", "kotsadm-private-registry")).toBeUndefined();
    for (const w of workloads(o)) expect(podSpec(w).imagePullSecrets).toBeUndefined();
  });
});

describe("--kotsadm-tag", () => {
  test("overrides the kotsadm and kotsadm-migrations tags only", () => {
    const objs = renderAdminConsole(options({ kotsadmTag: "v1.88.0-custom" }), SECRETS);
    const k = find(objs, "Deployment", "kotsadm")!;
    expect(podSpec(k).containers[0].image).toBe("kotsadm/kotsadm:v1.88.0-custom");
    expect(podSpec(k).initContainers[0].image).toBe("kotsadm/kotsadm-migrations:v1.88.0-custom");
    expect(podSpec(find(objs, "StatefulSet", "kotsadm-postgres")!).containers[0].image).toBe("postgres:14.5-alpine");
  });
});

describe("license and ConfigValues secrets", () => {
  const license = "apiVersion: kots.io/v1beta1\nkind: License\nspec:\n  appSlug: sentry-pro\n";
  const configValues = "apiVersion: kots.io/v1beta1\nkind: ConfigValues\nspec:\n  values: {}\n";

  test("kotsadm-default-license / -configvalues with kots.io/automation and kots.io/app labels", () => {
    const objs = renderAdminConsole(options(), SECRETS, { license, configValues });
    const l = find(objs, "Secret", "kotsadm-default-license")!;
    expect(l.metadata.labels).toMatchObject({ "kots.io/automation": "license", "kots.io/app": "sentry-pro" });
    expect(decode(l, "license")).toBe(license);
    const c = find(objs, "Secret", "kotsadm-default-configvalues")!;
    expect(c.metadata.labels).toMatchObject({ "kots.io/automation": "configvalues", "kots.io/app": "sentry-pro" });
    expect(decode(c, "configvalues")).toBe(configValues);
    expect(applyPhaseOf(l)).toBe("config");
  });

  test("absent when not given", () => {
    const objs = renderAdminConsole(options(), SECRETS);
    expect(ids(objs).filter((i) => i.includes("default-"))).toEqual([]);
  });

  test("an app slug that is not a label value is refused", () => {
    expect(() => options({ appSlug: "not a/slug" })).toThrow(/is not an app slug/); // refused as input, before any render
  });
});

describe("re-render with the same secrets is byte-identical (server-side re-apply is a no-op)", () => {
  test("JSON of two renders is identical", () => {
    const a = JSON.stringify(renderAdminConsole(options(REGISTRY), SECRETS, { license: "x" }));
    const b = JSON.stringify(renderAdminConsole(options(REGISTRY), { ...SECRETS }, { license: "x" }));
    expect(a).toBe(b);
  });
});
