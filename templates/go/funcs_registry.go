package kotstemplate

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"text/template"
)

// registryFuncs are the registry functions of KOTS's config context
// (kots pkg/template/config_context.go ConfigCtx.FuncMap).
func registryFuncs(c *Context) template.FuncMap {
	r := registryCtx{c: c, lic: parseLicense(c.License), proxyPublic: proxyPublicImages(c.Application)}
	return template.FuncMap{
		"LocalRegistryAddress":         r.address,
		"LocalRegistryHost":            func() string { return c.LocalRegistry.Host },
		"LocalRegistryNamespace":       func() string { return c.LocalRegistry.Namespace },
		"LocalImageName":               r.localImageName,
		"LocalRegistryImagePullSecret": r.pullSecret,
		"ImagePullSecretName":          r.pullSecretName,
		"HasLocalRegistry":             func() bool { return c.LocalRegistry.Host != "" },
	}
}

type registryCtx struct {
	c           *Context
	lic         *licenseSpec
	proxyPublic bool
}

// proxyPublicImages reads Application spec.proxyPublicImages (false when absent or unreadable).
func proxyPublicImages(raw json.RawMessage) bool {
	var app struct {
		Spec struct {
			ProxyPublicImages bool `json:"proxyPublicImages"`
		} `json:"spec"`
	}
	if len(raw) == 0 || json.Unmarshal(raw, &app) != nil {
		return false
	}
	return app.Spec.ProxyPublicImages
}

// address is LocalRegistryAddress: "<host>/<namespace>", or the host alone when the namespace is
// empty (kots config_context.go localRegistryAddress). LocalRegistryHost / LocalRegistryNamespace
// return the two parts, HasLocalRegistry whether the host is set.
func (r registryCtx) address() string {
	lr := r.c.LocalRegistry
	if lr.Namespace == "" {
		return lr.Host
	}
	return lr.Host + "/" + lr.Namespace
}

// endpoints are the Replicated registry and proxy hosts (kots pkg/docker/registry
// ProxyEndpointFromLicense): registry.replicated.com and proxy.replicated.com, the staging pair
// when the license endpoint's host is staging.replicated.app, "registry:3000" and
// "registry-proxy:3000" when it is replicated-app (Replicated's dev setup). Context.Proxy.Host and
// Context.Proxy.ReplicatedHost, when set (a custom domain), replace the proxy and registry host.
func (r registryCtx) endpoints() (registryHost, proxyHost string) {
	registryHost, proxyHost = "registry.replicated.com", "proxy.replicated.com"
	if r.lic != nil {
		if u, err := url.Parse(r.lic.Endpoint); err == nil {
			switch u.Hostname() {
			case "staging.replicated.app":
				registryHost, proxyHost = "registry.staging.replicated.com", "proxy.staging.replicated.com"
			case "replicated-app":
				registryHost, proxyHost = "registry:3000", "registry-proxy:3000"
			}
		}
	}
	if r.c.Proxy.ReplicatedHost != "" {
		registryHost = r.c.Proxy.ReplicatedHost
	}
	if r.c.Proxy.Host != "" {
		proxyHost = r.c.Proxy.Host
	}
	return registryHost, proxyHost
}

// localImageName is LocalImageName(image) (kots config_context.go localImageName, pkg/image
// DestImage and RewritePrivateImage, pkg/docker/registry MakeProxiedImageURL). Any reference that
// does not parse gives "" (KOTS logs and returns "").
//
//   - With a local registry: "<host>[/<namespace>]/<last path segment of the normalized
//     reference>", i.e. the name's last segment with its tag or digest ("nginx" →
//     "<host>/<ns>/nginx:latest"; "a/b:1@sha256:…" keeps only the digest).
//   - Without one, an image stays as written unless it is private (listed in
//     Context.Proxy.PrivateImages — the TS side's anonymous-pull check stands in for KOTS's
//     registry call) or Application spec.proxyPublicImages is true. Then it becomes
//     "<proxy host>/proxy/<license appSlug>/<image as written without tag and digest>" followed
//     by "@<digest>" (a tag beside a digest is dropped), else ":<tag>", else ":latest". It stays as
//     written when it is on the Replicated registry host (KOTS: "replicated images are also
//     private, but we don't rewrite those"), on the proxy host already, or on a registry host with
//     a port (a port's ":" cannot appear in a repository path; KOTS v1.88.0 cuts the name at it) —
//     the same rules as the pull rewrite (src/registry/proxy.ts proxiedImage).
func (r registryCtx) localImageName(image string) string {
	ref, ok := parseDockerRef(image)
	if !ok {
		return ""
	}
	lr := r.c.LocalRegistry
	if lr.Host != "" {
		parts := strings.Split(ref.String(), "/")
		last := parts[len(parts)-1]
		if lr.Namespace == "" {
			return lr.Host + "/" + last
		}
		return lr.Host + "/" + lr.Namespace + "/" + last
	}
	if !r.proxyPublic && !r.isPrivate(image) {
		return image
	}
	registryHost, proxyHost := r.endpoints()
	domain := ref.domain
	if domain == registryHost || domain == proxyHost {
		return image
	}
	name := strings.Split(image, "@")[0]
	if i := strings.LastIndex(name, ":"); i >= 0 && !strings.Contains(name[i:], "/") {
		name = name[:i]
	}
	if strings.Contains(name, ":") {
		return image
	}
	appSlug := ""
	if r.lic != nil {
		appSlug = r.lic.AppSlug
	}
	out := proxyHost + "/proxy/" + appSlug + "/" + name
	if ref.digest != "" {
		return out + "@" + ref.digest
	}
	if ref.tag != "" {
		return out + ":" + ref.tag
	}
	return out + ":latest"
}

// isPrivate reports whether image is in Context.Proxy.PrivateImages (exact reference as written).
func (r registryCtx) isPrivate(image string) bool {
	for _, p := range r.c.Proxy.PrivateImages {
		if p == image {
			return true
		}
	}
	return false
}

// pullSecretName is ImagePullSecretName: "<appSlug>-registry", or "" when the app slug is empty
// (kots pkg/docker/registry SecretNameFromPrefix).
func (r registryCtx) pullSecretName() string {
	if r.c.AppSlug == "" {
		return ""
	}
	return r.c.AppSlug + "-registry"
}

// pullSecret is LocalRegistryImagePullSecret (kots config_context.go localRegistryImagePullSecret,
// pkg/docker/registry PullSecretForRegistries): base64 of the .dockerconfigjson
// {"auths":{<host>:{"auth":base64("<user>:<password>")},…}} (keys sorted, as encoding/json
// writes a map) for the local registry's host (text before the first "/") with its username and
// password — or, without a local registry, for the proxy and Replicated registry hosts with the
// license ID as both username and password ("" without a license).
//
// With an empty app slug KOTS builds no app secret and dereferences nil; that template error is
// kept here as an error naming the cause.
func (r registryCtx) pullSecret() (string, error) {
	var hosts []string
	var user, pass string
	if r.c.LocalRegistry.Host != "" {
		hosts = []string{r.c.LocalRegistry.Host}
		user, pass = r.c.LocalRegistry.Username, r.c.LocalRegistry.Password
	} else {
		registryHost, proxyHost := r.endpoints()
		hosts = []string{proxyHost, registryHost}
		if r.lic != nil {
			user, pass = r.lic.LicenseID, r.lic.LicenseID
		}
	}
	if r.c.AppSlug == "" {
		return "", errors.New("runtime error: invalid memory address or nil pointer dereference (no app slug, so KOTS has no app pull secret)")
	}
	auth := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
	type dockercfgAuth struct {
		Auth string `json:"auth,omitempty"`
	}
	auths := map[string]dockercfgAuth{}
	for _, h := range hosts {
		auths[strings.Split(h, "/")[0]] = dockercfgAuth{Auth: auth}
	}
	b, err := json.Marshal(struct {
		Auths map[string]dockercfgAuth `json:"auths"`
	}{auths})
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b), nil
}
