/**
 * Everything template functions may read: a snapshot the caller supplies; no function does I/O.
 * Mirrors KOTS pkg/template/builder.go BuilderOptions; sent to the Go engine as
 * templates/go/context.go Context (see toGoContext).
 */
export interface TemplateContext {
  /** config item values (ConfigOption & co, KOTS pkg/template/config_context.go) */
  config?: ConfigLookup;
  /**
   * the kots.io License document itself (the verified license YAML parsed, as JSON: spec with
   * entitlements as {name: {value, valueType, …}}), what KOTS's LicenseFieldValue and
   * LicenseDockerCfg read (pkg/template/license_context.go); wins over `license`
   */
  licenseDocument?: unknown;
  /** license fields and entitlements by name, for a caller without the document (sent rebuilt into a License); undefined = no license */
  license?: Record<string, string | number | boolean | null | undefined>;
  /** the namespace the app is deployed to (Namespace) */
  namespace?: string;
  /** the app slug (ImagePullSecretName → "<slug>-registry") */
  appSlug?: string;
  /** a private/local registry; when host is set LocalImageName rewrites images to it */
  localRegistry?: { host: string; namespace?: string; username?: string; password?: string; readOnly?: boolean };
  /**
   * Without a local registry KOTS rewrites only private images to the Replicated proxy registry
   * (config_context.go localImageName): `privateImages` are the references found private
   * (src/registry/proxy.ts); others stay unchanged.
   */
  proxy?: { host: string; replicatedHost?: string; privateImages: string[] };
  /** KOTS version reported by KotsVersion ("v" prefix is trimmed) */
  kotsVersion?: string;
  /** makes RandomString/RandomBytes/TLS* reproducible (tests only); absent = crypto/rand */
  randomSeed?: number;
  /** clock for Now/NowFmt; defaults to the system clock */
  now?: () => Date;
  /** the release being rendered (VersionInfo: Sequence, Cursor, ChannelName, …) */
  version?: { sequence?: number; cursor?: string; channelName?: string; versionLabel?: string; isRequired?: boolean; releaseNotes?: string; isAirgap?: boolean };
  /** cluster facts (Distribution, NodeCount, IsKurl, KubernetesVersion, Lookup objects) */
  cluster?: { distribution?: string; nodeCount?: number; isKurl?: boolean; kubernetesVersion?: string; objects?: unknown[] };
}

/** Read access to the current config values. */
export interface ConfigLookup {
  /** the item's effective value (value if non-empty, else default); undefined for an unknown item */
  value(name: string): string | undefined;
  /** the file name of a file item; undefined for an unknown item */
  filename(name: string): string | undefined;
}
