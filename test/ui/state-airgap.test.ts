// The Registry step's airgap choice in the wizard's pure reducer: fields, checks, progress, and the
// options and repeat command it amounts to.
import { describe, expect, test } from "bun:test";
import { buildResult, initialState, registryCheckKey, registryError, registryFields, wizardReducer, type WizardAction, type WizardState } from "../../ui/state.ts";
import { headlessCommand } from "../../ui/headless.ts";

const run = (s: WizardState, ...actions: WizardAction[]) => actions.reduce(wizardReducer, s);
const base = { sharedPassword: "good-password", namespace: "acme" };

describe("the airgap choice", () => {
  test("--airgap-bundle pre-selects it with the path; its fields are bundle, registry, credentials", () => {
    const s = initialState({ appSlug: "acme", base: { ...base, airgapBundle: "./acme.airgap", kotsadmRegistry: "reg.local:5000/acme" } });
    expect(s.registry.mode).toBe("airgap");
    expect(s.registry.bundle).toBe("./acme.airgap");
    expect(registryFields(s.registry)).toEqual(["mode", "bundle", "host", "username", "password", "storage"]);
    expect(registryFields({ mode: "private", storage: "minio" })).toEqual(["mode", "host", "username", "password", "storage"]);
  });

  test("each answer is required in turn; the check key changes with the bundle", () => {
    const s = run(initialState({ appSlug: "acme", base }), { type: "registry/mode", mode: "airgap" });
    expect(registryError(s.registry)).toEqual({ field: "bundle", message: "enter the path of the .airgap bundle" });
    const withBundle = run(s, { type: "registry/set", field: "bundle", value: "a.airgap" });
    expect(registryError(withBundle.registry)?.field).toBe("host");
    const full = run(withBundle, { type: "registry/set", field: "host", value: "reg.local:5000/acme" }, { type: "registry/set", field: "username", value: "u" }, { type: "registry/set", field: "password", value: "p" });
    expect(registryError(full.registry)).toBeUndefined();
    expect(registryCheckKey(full.registry)).not.toBe(registryCheckKey(run(full, { type: "registry/set", field: "bundle", value: "b.airgap" }).registry));
  });

  test("the check shows the bundle read while it runs, then its result; a stale progress is dropped", () => {
    let s = run(initialState({ appSlug: "acme", base }), { type: "registry/mode", mode: "airgap" }, { type: "registry/set", field: "bundle", value: "a.airgap" });
    const key = registryCheckKey(s.registry);
    s = run(s, { type: "registry/checking", key });
    expect(s.registry.check).toEqual({ key, status: "checking", message: "reading the bundle" });
    s = run(s, { type: "registry/progress", key, message: "reading the bundle: 1.0 MB / 2.0 MB" }, { type: "registry/progress", key: "other", message: "stale" });
    expect(s.registry.check?.message).toBe("reading the bundle: 1.0 MB / 2.0 MB");
    s = run(s, { type: "registry/checked", key, ok: true, message: "bundle of acme 1.0: 3 images, checked" });
    expect(s.registry.check?.status).toBe("ok");
    expect(run(s, { type: "registry/progress", key, message: "late" }).registry.check?.message).toBe("bundle of acme 1.0: 3 images, checked");
  });

  test("the result carries the bundle and the registry; the repeat command has --airgap-bundle and never the password", () => {
    const s = run(
      initialState({ appSlug: "acme", base: { ...base, registryCaFile: "ca.pem" } }),
      { type: "registry/mode", mode: "airgap" },
      { type: "registry/set", field: "bundle", value: " ./acme.airgap " },
      { type: "registry/set", field: "host", value: "reg.local:5000/acme" },
      { type: "registry/set", field: "username", value: "pusher" },
      { type: "registry/set", field: "password", value: "s3cret-registry" },
    );
    const { options } = buildResult(s);
    expect(options).toMatchObject({ airgapBundle: "./acme.airgap", kotsadmRegistry: "reg.local:5000/acme", registryUsername: "pusher", registryPassword: "s3cret-registry" });
    const cmd = headlessCommand(options);
    expect(cmd).toContain("--airgap-bundle ./acme.airgap");
    expect(cmd).toContain("--registry-ca-file ca.pem");
    expect(cmd).toContain("--registry-password-stdin");
    expect(cmd).not.toContain("s3cret-registry");
    // public again: no bundle, no registry
    const pub = buildResult(run(s, { type: "registry/mode", mode: "public" })).options;
    expect(pub.airgapBundle).toBeUndefined();
    expect(pub.kotsadmRegistry).toBeUndefined();
  });
});

describe("choices moved by fast keys", () => {
  test("two Right presses dispatched before a re-render move twice (the reducer reads the current choice)", () => {
    const s = initialState({ appSlug: "acme", base });
    const twice = run(s, { type: "registry/cycle", field: "mode", step: 1 }, { type: "registry/cycle", field: "mode", step: 1 });
    expect(twice.registry.mode).toBe("airgap");
    expect(run(twice, { type: "registry/cycle", field: "mode", step: 1 }).registry.mode).toBe("public");
    expect(run(s, { type: "registry/cycle", field: "mode", step: -1 }).registry.mode).toBe("airgap");
    expect(run(s, { type: "registry/cycle", field: "storage", step: 1 }).registry.storage).toBe("none");
  });
});
