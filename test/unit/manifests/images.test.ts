import { describe, expect, test } from "bun:test";
import { adminConsoleImages, upstreamImages } from "../../../src/manifests/images.ts";

describe("Admin Console images (KOTS v1.88.0 pkg/image/constants.go, pkg/kotsadm/objects/images.go)", () => {
  test("upstream images", () => {
    expect(upstreamImages()).toEqual({
      kotsadm: "kotsadm/kotsadm:v1.88.0",
      kotsadmMigrations: "kotsadm/kotsadm-migrations:v1.88.0",
      postgres: "postgres:14.5-alpine",
      postgres10: "postgres:10.22-alpine",
      minio: "minio/minio:RELEASE.2022-10-15T19-57-03Z",
    });
  });

  test("--kotsadm-tag changes the kotsadm images only", () => {
    const i = adminConsoleImages({ kotsadmTag: "v1.2.3" });
    expect(i.kotsadm).toBe("kotsadm/kotsadm:v1.2.3");
    expect(i.kotsadmMigrations).toBe("kotsadm/kotsadm-migrations:v1.2.3");
    expect(i.postgres).toBe("postgres:14.5-alpine");
  });

  test("--kotsadm-registry host without namespace: <host>/<last segment>:<tag>", () => {
    expect(adminConsoleImages({ kotsadmRegistry: "reg.local:5000" })).toEqual({
      kotsadm: "reg.local:5000/kotsadm:v1.88.0",
      kotsadmMigrations: "reg.local:5000/kotsadm-migrations:v1.88.0",
      postgres: "reg.local:5000/postgres:14.5-alpine",
      postgres10: "reg.local:5000/postgres:10.22-alpine",
      minio: "reg.local:5000/minio:RELEASE.2022-10-15T19-57-03Z",
    });
  });

  test("--kotsadm-registry host/org/team with a tag override", () => {
    expect(adminConsoleImages({ kotsadmRegistry: "reg.local/org/team", kotsadmTag: "v2" }).kotsadm).toBe("reg.local/org/team/kotsadm:v2");
  });
});
