// Package kotstemplate renders KOTS `repl` templates with Go's own text/template and sprig v3,
// plus our implementation of every KOTS v1.88.0 template function (kots pkg/template).
// It is compiled to WebAssembly (cmd/wasm) and driven from TypeScript (src/templates/).
//
// This file is the contract between the TS bridge and the Go side: Context is the JSON the bridge
// sends with every render. Fields may be added; none may be renamed without changing the bridge.
package kotstemplate

import "encoding/json"

// Context is everything a template may read. No function does I/O: cluster facts and image
// privacy are snapshots taken by the TS side (the same collectors as the preflights).
type Context struct {
	// Namespace is the app's namespace (Namespace).
	Namespace string `json:"namespace"`
	// AppSlug is the app's slug (ImagePullSecretName is "<appSlug>-registry").
	AppSlug string `json:"appSlug"`
	// KotsVersion is what KotsVersion returns ("v" prefix trimmed by the function, as KOTS does).
	KotsVersion string `json:"kotsVersion"`

	// License is the kots.io/v1beta1 License object as JSON (apiVersion, kind, metadata, spec), or null.
	License json.RawMessage `json:"license,omitempty"`
	// Application is the kots.io/v1beta1 Application object as JSON, or null.
	Application json.RawMessage `json:"application,omitempty"`

	// Config is the kots.io/v1beta1 Config object as JSON, or null (no ConfigOption context).
	Config json.RawMessage `json:"config,omitempty"`
	// ConfigValues are the operator's values by item name (ConfigValues spec.values).
	ConfigValues map[string]ConfigValue `json:"configValues,omitempty"`

	// LocalRegistry is the private registry images are rewritten to; Host "" means none.
	LocalRegistry LocalRegistry `json:"localRegistry"`
	// Proxy is the Replicated proxy registry used when there is no local registry.
	Proxy ProxyRegistry `json:"proxy"`

	// Version is the release being rendered (Sequence, Cursor, ChannelName, …).
	Version VersionInfo `json:"version"`
	// Kurl is the kurl Installer object as JSON when the cluster is kURL, else null.
	Kurl json.RawMessage `json:"kurl,omitempty"`
	// Identity is the identity service config, or null (IdentityService* then return zero values).
	Identity json.RawMessage `json:"identity,omitempty"`

	// Cluster is a snapshot of cluster facts.
	Cluster ClusterFacts `json:"cluster"`
	// Env holds the proxy settings kotsadm would read from its environment.
	Env ProxyEnv `json:"env"`

	// Now is the clock for Now/NowFmt (RFC 3339, nanoseconds allowed); "" means the system clock.
	Now string `json:"now,omitempty"`
	// RandomSeed makes RandomString/RandomBytes/TLS* deterministic (tests only); nil means crypto/rand.
	RandomSeed *int64 `json:"randomSeed,omitempty"`
}

// ConfigValue is one ConfigValues spec.values entry.
type ConfigValue struct {
	Value          string `json:"value,omitempty"`
	Default        string `json:"default,omitempty"`
	ValuePlaintext string `json:"valuePlaintext,omitempty"`
	Filename       string `json:"filename,omitempty"`
	RepeatableItem string `json:"repeatableItem,omitempty"`
}

// LocalRegistry is KOTS's LocalRegistry (config_context.go).
type LocalRegistry struct {
	Host      string `json:"host"`
	Namespace string `json:"namespace"`
	Username  string `json:"username"`
	Password  string `json:"password"`
	ReadOnly  bool   `json:"readOnly"`
}

// ProxyRegistry describes the Replicated proxy registry: Host defaults to "proxy.replicated.com"
// (or the custom domain), and PrivateImages lists the image references an anonymous manifest HEAD
// refused (401/403): only those are rewritten to the proxy by LocalImageName.
type ProxyRegistry struct {
	Host           string   `json:"host"`
	ReplicatedHost string   `json:"replicatedHost"`
	PrivateImages  []string `json:"privateImages"`
}

// VersionInfo is KOTS's VersionInfo (version_context.go).
type VersionInfo struct {
	Sequence     int64  `json:"sequence"`
	Cursor       string `json:"cursor"`
	ChannelName  string `json:"channelName"`
	VersionLabel string `json:"versionLabel"`
	IsRequired   bool   `json:"isRequired"`
	ReleaseNotes string `json:"releaseNotes"`
	IsAirgap     bool   `json:"isAirgap"`
}

// ClusterFacts is a snapshot of the cluster for Distribution, NodeCount, IsKurl, Kubernetes*Version
// and Lookup.
type ClusterFacts struct {
	// Distribution as troubleshoot's distribution analyzer names it ("kind", "eks", …; "" unknown).
	Distribution string `json:"distribution"`
	NodeCount    int    `json:"nodeCount"`
	IsKurl       bool   `json:"isKurl"`
	// KubernetesVersion is the server's version.Info gitVersion, e.g. "v1.36.3".
	KubernetesVersion string `json:"kubernetesVersion"`
	// Objects are the objects Lookup may return, each a full JSON object.
	Objects []json.RawMessage `json:"objects,omitempty"`
}

// ProxyEnv is HTTP_PROXY / HTTPS_PROXY / NO_PROXY as kotsadm would see them.
type ProxyEnv struct {
	HTTPProxy  string `json:"httpProxy"`
	HTTPSProxy string `json:"httpsProxy"`
	NoProxy    string `json:"noProxy"`
}
