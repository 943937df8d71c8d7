/**
 * Everything template functions may read. Supplied by the caller; no function does I/O.
 * Mirrors the inputs of KOTS pkg/template/builder.go BuilderOptions.
 */
export interface TemplateContext {
  /** config item values (ConfigOption & co, KOTS pkg/template/config_context.go) */
  config?: ConfigLookup;
  /** license fields and entitlements by name (LicenseFieldValue); undefined = no license */
  license?: Record<string, string | number | boolean | null | undefined>;
  /** the namespace the app is deployed to (Namespace) */
  namespace?: string;
  /** the app slug (ImagePullSecretName → "<slug>-registry") */
  appSlug?: string;
  /** a private/local registry; when host is set LocalImageName rewrites images to it */
  localRegistry?: { host: string; namespace?: string; username?: string; password?: string };
  /**
   * The Replicated proxy registry when there is no local registry (kots pull with a license):
   * LocalImageName rewrites the images listed in privateImages (references exactly as written) to
   * `<host>/proxy/<appSlug>/…`; LocalRegistryImagePullSecret covers host and replicatedHost.
   * Absent: proxy.replicated.com / registry.replicated.com and no image is known to be private.
   */
  proxy?: { host: string; replicatedHost?: string; privateImages: string[] };
  /** KOTS version reported by KotsVersion ("v" prefix is trimmed) */
  kotsVersion?: string;
  /** integer in [0, n) for RandomString/RandomBytes; defaults to a CSPRNG */
  random?: (n: number) => number;
  /** clock for Now; defaults to the system clock */
  now?: () => Date;
  /**
   * Without a local registry KOTS rewrites only private images to the Replicated proxy registry
   * (config_context.go localImageName). Privacy is not knowable offline: supply this to rewrite,
   * otherwise LocalImageName returns the image unchanged.
   */
  rewritePrivateImage?: (image: string) => string;
}

/** Read access to the current config values. */
export interface ConfigLookup {
  /** the item's effective value (value if non-empty, else default); undefined for an unknown item */
  value(name: string): string | undefined;
  /** the file name of a file item; undefined for an unknown item */
  filename(name: string): string | undefined;
}
