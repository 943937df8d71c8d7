/**
 * The JSON the bridge sends with every op: templates/go/context.go Context, field for field.
 * Every field is optional here; Go reads a missing one as its zero value.
 */
export interface GoContext {
  namespace?: string;
  appSlug?: string;
  kotsVersion?: string;
  /** the kots.io/v1beta1 License object */
  license?: unknown;
  /** the kots.io/v1beta1 Application object */
  application?: unknown;
  /** the kots.io/v1beta1 Config object (spec.groups[].items[] with kots field names) */
  config?: unknown;
  configValues?: Record<string, GoConfigValue>;
  localRegistry?: { host: string; namespace?: string; username?: string; password?: string; readOnly?: boolean };
  proxy?: { host?: string; replicatedHost?: string; privateImages?: string[] };
  version?: { sequence?: number; cursor?: string; channelName?: string; versionLabel?: string; isRequired?: boolean; releaseNotes?: string; isAirgap?: boolean };
  kurl?: unknown;
  identity?: unknown;
  cluster?: { distribution?: string; nodeCount?: number; isKurl?: boolean; kubernetesVersion?: string; objects?: unknown[] };
  env?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
  /** RFC 3339 clock for Now/NowFmt; absent = the system clock */
  now?: string;
  /** deterministic RandomString/RandomBytes/TLS* (tests only) */
  randomSeed?: number;
}

/** One ConfigValues spec.values entry (context.go ConfigValue). */
export interface GoConfigValue {
  value?: string;
  default?: string;
  valuePlaintext?: string;
  filename?: string;
  repeatableItem?: string;
}
