import { describe, expect, test } from "bun:test";
import { buildDockerConfigJson, DOCKER_HUB_AUTH_KEY, dockerConfigJsonString } from "../../../src/registry/dockerconfig.ts";

describe("dockerconfigjson", () => {
  test("auth is base64 of username:password; key is the host without namespace (KOTS PullSecretForRegistries)", () => {
    const cfg = buildDockerConfigJson([{ host: "reg.local:5000/kots", username: "alice", password: "s3cr:et" }]);
    expect(Object.keys(cfg.auths)).toEqual(["reg.local:5000"]);
    const e = cfg.auths["reg.local:5000"]!;
    expect(e.username).toBe("alice");
    expect(e.password).toBe("s3cr:et");
    expect(e.auth).toBe("YWxpY2U6czNjcjpldA=="); // base64("alice:s3cr:et")
    expect(Buffer.from(e.auth, "base64").toString("utf8")).toBe("alice:s3cr:et");
  });

  test("UTF-8 credentials", () => {
    const e = buildDockerConfigJson([{ host: "r", username: "üser", password: "pä" }]).auths["r"]!;
    expect(Buffer.from(e.auth, "base64").toString("utf8")).toBe("üser:pä");
  });

  test("Docker Hub credentials use the Docker CLI key", () => {
    expect(Object.keys(buildDockerConfigJson([{ host: "docker.io", username: "u", password: "p" }]).auths)).toEqual([DOCKER_HUB_AUTH_KEY]);
    expect(DOCKER_HUB_AUTH_KEY).toBe("https://index.docker.io/v1/");
  });

  test("serialised form is compact JSON with an auths map, deterministic", () => {
    const creds = [{ host: "a.example", username: "u", password: "p" }];
    const text = dockerConfigJsonString(creds);
    expect(JSON.parse(text)).toEqual({ auths: { "a.example": { username: "u", password: "p", auth: "dTpw" } } });
    expect(dockerConfigJsonString(creds)).toBe(text);
  });

  test("rejects missing host or username", () => {
    expect(() => buildDockerConfigJson([{ host: "", username: "u", password: "p" }])).toThrow();
    expect(() => buildDockerConfigJson([{ host: "r", username: "", password: "p" }])).toThrow();
  });
});
