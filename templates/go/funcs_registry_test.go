package kotstemplate

import (
	"encoding/base64"
	"encoding/json"
	"testing"
)

const dig = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func licenseJSON(endpoint string) json.RawMessage {
	return json.RawMessage(`{"apiVersion":"kots.io/v1beta1","kind":"License","spec":{"appSlug":"myapp","licenseID":"LIC","endpoint":"` + endpoint + `"}}`)
}

func TestRegistryWithLocalRegistry(t *testing.T) {
	c := &Context{AppSlug: "app", LocalRegistry: LocalRegistry{Host: "reg.local:5000", Namespace: "apps", Username: "u", Password: "p"}}
	fnCases(t, c, nil, []fnCase{
		{"LocalRegistryAddress", `{{ LocalRegistryAddress }}`, "reg.local:5000/apps", ""},
		{"LocalRegistryHost", `{{ LocalRegistryHost }}`, "reg.local:5000", ""},
		{"LocalRegistryNamespace", `{{ LocalRegistryNamespace }}`, "apps", ""},
		{"HasLocalRegistry", `{{ HasLocalRegistry }}`, "true", ""},
		{"docker.io library image gets latest", `{{ LocalImageName "nginx" }}`, "reg.local:5000/apps/nginx:latest", ""},
		{"tag kept", `{{ LocalImageName "nginx:1.25" }}`, "reg.local:5000/apps/nginx:1.25", ""},
		{"explicit docker.io library", `{{ LocalImageName "docker.io/library/nginx:1.25" }}`, "reg.local:5000/apps/nginx:1.25", ""},
		{"only the last path segment", `{{ LocalImageName "quay.io/org/sub/img:2" }}`, "reg.local:5000/apps/img:2", ""},
		{"digest kept", `{{ LocalImageName "quay.io/org/img@` + dig + `" }}`, "reg.local:5000/apps/img@" + dig, ""},
		{"tag and digest keeps the digest only", `{{ LocalImageName "quay.io/org/img:1.0@` + dig + `" }}`, "reg.local:5000/apps/img@" + dig, ""},
		{"source registry with a port", `{{ LocalImageName "myreg:5000/team/app:2" }}`, "reg.local:5000/apps/app:2", ""},
		{"even private images are rewritten", `{{ LocalImageName "registry.replicated.com/myapp/api:3" }}`, "reg.local:5000/apps/api:3", ""},
		{"invalid reference is empty", `{{ LocalImageName "UPPER/Case" }}`, "", ""},
		{"empty reference is empty", `{{ LocalImageName "" }}`, "", ""},
		{"ImagePullSecretName", `{{ ImagePullSecretName }}`, "app-registry", ""},
		{"pull secret for the local registry", `{{ LocalRegistryImagePullSecret }}`,
			base64.StdEncoding.EncodeToString([]byte(`{"auths":{"reg.local:5000":{"auth":"dTpw"}}}`)), ""},
	})
	noNS := &Context{AppSlug: "app", LocalRegistry: LocalRegistry{Host: "reg.local"}}
	fnCases(t, noNS, nil, []fnCase{
		{"address without namespace", `{{ LocalRegistryAddress }}`, "reg.local", ""},
		{"image without namespace", `{{ LocalImageName "quay.io/org/img:1" }}`, "reg.local/img:1", ""},
		{"empty credentials still make an auth", `{{ LocalRegistryImagePullSecret }}`,
			base64.StdEncoding.EncodeToString([]byte(`{"auths":{"reg.local":{"auth":"Og=="}}}`)), ""},
	})
}

func TestRegistryProxy(t *testing.T) {
	private := []string{
		"quay.io/org/img:1.0", "nginx", "docker.io/library/redis@" + dig, "myreg:5000/team/app:2",
		"registry.replicated.com/myapp/api:3", "proxy.replicated.com/proxy/myapp/quay.io/org/img:1.0",
		"quay.io/org/img:1.0@" + dig, "proxy.replicated.com/proxy/myapp/quay.io/org/untagged", "myreg:5000/team/app",
	}
	c := &Context{AppSlug: "app", License: licenseJSON("https://replicated.app"), Proxy: ProxyRegistry{PrivateImages: private}}
	fnCases(t, c, nil, []fnCase{
		{"HasLocalRegistry false", `{{ HasLocalRegistry }}`, "false", ""},
		{"LocalRegistryAddress empty", `{{ LocalRegistryAddress }}`, "", ""},
		{"public image unchanged", `{{ LocalImageName "nginx:1" }}`, "nginx:1", ""},
		{"public image unchanged as written", `{{ LocalImageName "docker.io/nginx" }}`, "docker.io/nginx", ""},
		{"private image proxied with the license app slug", `{{ LocalImageName "quay.io/org/img:1.0" }}`, "proxy.replicated.com/proxy/myapp/quay.io/org/img:1.0", ""},
		{"private untagged gets latest, name as written", `{{ LocalImageName "nginx" }}`, "proxy.replicated.com/proxy/myapp/nginx:latest", ""},
		{"private digest", `{{ LocalImageName "docker.io/library/redis@` + dig + `" }}`, "proxy.replicated.com/proxy/myapp/docker.io/library/redis@" + dig, ""},
		{"private on a registry with a port stays (no ':' in a repository path)", `{{ LocalImageName "myreg:5000/team/app:2" }}`, "myreg:5000/team/app:2", ""},
		{"private on a registry with a port, untagged, stays", `{{ LocalImageName "myreg:5000/team/app" }}`, "myreg:5000/team/app", ""},
		{"private tag and digest keeps the digest", `{{ LocalImageName "quay.io/org/img:1.0@` + dig + `" }}`, "proxy.replicated.com/proxy/myapp/quay.io/org/img@" + dig, ""},
		{"replicated registry image stays", `{{ LocalImageName "registry.replicated.com/myapp/api:3" }}`, "registry.replicated.com/myapp/api:3", ""},
		{"already proxied stays", `{{ LocalImageName "proxy.replicated.com/proxy/myapp/quay.io/org/img:1.0" }}`, "proxy.replicated.com/proxy/myapp/quay.io/org/img:1.0", ""},
		{"already proxied untagged stays as written", `{{ LocalImageName "proxy.replicated.com/proxy/myapp/quay.io/org/untagged" }}`, "proxy.replicated.com/proxy/myapp/quay.io/org/untagged", ""},
		{"invalid reference is empty", `{{ LocalImageName "Bad:Ref:x" }}`, "", ""},
		{"pull secret for proxy and registry with the license ID", `{{ LocalRegistryImagePullSecret }}`,
			base64.StdEncoding.EncodeToString([]byte(`{"auths":{"proxy.replicated.com":{"auth":"TElDOkxJQw=="},"registry.replicated.com":{"auth":"TElDOkxJQw=="}}}`)), ""},
	})

	public := &Context{AppSlug: "app", License: licenseJSON("https://replicated.app"),
		Application: json.RawMessage(`{"spec":{"proxyPublicImages":true}}`)}
	fnCases(t, public, nil, []fnCase{
		{"proxyPublicImages proxies public images", `{{ LocalImageName "nginx:1" }}`, "proxy.replicated.com/proxy/myapp/nginx:1", ""},
	})

	custom := &Context{AppSlug: "app", License: licenseJSON("https://replicated.app"),
		Proxy: ProxyRegistry{Host: "images.example.com", ReplicatedHost: "registry.example.com",
			PrivateImages: []string{"quay.io/org/img:1.0", "registry.replicated.com/myapp/api:3", "registry.example.com/myapp/api:3", "images.example.com/proxy/myapp/x:1"}}}
	fnCases(t, custom, nil, []fnCase{
		{"custom proxy domain", `{{ LocalImageName "quay.io/org/img:1.0" }}`, "images.example.com/proxy/myapp/quay.io/org/img:1.0", ""},
		{"upstream registry is proxied like any other private image", `{{ LocalImageName "registry.replicated.com/myapp/api:3" }}`, "images.example.com/proxy/myapp/registry.replicated.com/myapp/api:3", ""},
		{"custom registry domain stays", `{{ LocalImageName "registry.example.com/myapp/api:3" }}`, "registry.example.com/myapp/api:3", ""},
		{"already on the custom proxy stays", `{{ LocalImageName "images.example.com/proxy/myapp/x:1" }}`, "images.example.com/proxy/myapp/x:1", ""},
		{"pull secret names the custom hosts", `{{ LocalRegistryImagePullSecret }}`,
			base64.StdEncoding.EncodeToString([]byte(`{"auths":{"images.example.com":{"auth":"TElDOkxJQw=="},"registry.example.com":{"auth":"TElDOkxJQw=="}}}`)), ""},
	})

	staging := &Context{AppSlug: "app", License: licenseJSON("https://staging.replicated.app"), Proxy: ProxyRegistry{PrivateImages: []string{"quay.io/org/img:1.0", "registry.staging.replicated.com/myapp/api:3"}}}
	fnCases(t, staging, nil, []fnCase{
		{"staging proxy", `{{ LocalImageName "quay.io/org/img:1.0" }}`, "proxy.staging.replicated.com/proxy/myapp/quay.io/org/img:1.0", ""},
		{"staging registry stays", `{{ LocalImageName "registry.staging.replicated.com/myapp/api:3" }}`, "registry.staging.replicated.com/myapp/api:3", ""},
	})

	noLicense := &Context{Proxy: ProxyRegistry{PrivateImages: []string{"quay.io/org/img:1.0"}}}
	fnCases(t, noLicense, nil, []fnCase{
		{"no license: empty app slug segment", `{{ LocalImageName "quay.io/org/img:1.0" }}`, "proxy.replicated.com/proxy//quay.io/org/img:1.0", ""},
		{"no app slug: no pull secret name", `{{ ImagePullSecretName }}`, "", ""},
		{"no app slug: KOTS fails on the nil app secret", `{{ LocalRegistryImagePullSecret }}`, "", "no app slug"},
	})
}
