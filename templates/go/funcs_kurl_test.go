package kotstemplate

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

const installer = `{"apiVersion":"cluster.kurl.sh/v1beta1","kind":"Installer","metadata":{"name":"base"},"spec":{
 "kubernetes":{"version":"1.19.3","serviceCIDR":"10.96.0.0/12","HACluster":true},
 "contour":{"version":"1.7.0","httpPort":8080},
 "kotsadm":{"applicationSlug":"myapp","uiBindPort":8800},
 "kurl":{"additionalNoProxyAddresses":["10.0.0.0/8"]},
 "unknownAddon":{"version":"9"}}}`

func TestKurlFuncs(t *testing.T) {
	c := &Context{Kurl: json.RawMessage(installer)}
	fnCases(t, c, nil, []fnCase{
		{"KurlString", `{{ KurlString "Kubernetes.Version" }}`, "1.19.3", ""},
		{"KurlString CIDR", `{{ KurlString "Kubernetes.ServiceCIDR" }}`, "10.96.0.0/12", ""},
		{"KurlString uses Go names, not JSON names", `{{ KurlString "kubernetes.version" }}`, "", ""},
		{"KurlString of an int field is empty", `{{ KurlString "Contour.HTTPPort" }}`, "", ""},
		{"KurlString of an absent string field is empty", `{{ KurlString "Weave.PodCIDR" }}`, "", ""},
		{"KurlInt", `{{ KurlInt "Contour.HTTPPort" }}`, "8080", ""},
		{"KurlInt is an int", `{{ Add (KurlInt "Kotsadm.UiBindPort") 1 }}`, "8801", ""},
		{"KurlInt of a string field is 0", `{{ KurlInt "Kubernetes.Version" }}`, "0", ""},
		{"KurlInt of an absent int field is 0", `{{ KurlInt "Contour.HTTPSPort" }}`, "0", ""},
		{"KurlBool", `{{ KurlBool "Kubernetes.HACluster" }}`, "true", ""},
		{"KurlBool absent is false", `{{ KurlBool "Kubernetes.ControlPlane" }}`, "false", ""},
		{"KurlBool of a string field is false", `{{ KurlBool "Kubernetes.Version" }}`, "false", ""},
		{"KurlOption string", `{{ KurlOption "Kotsadm.ApplicationSlug" }}`, "myapp", ""},
		{"KurlOption int", `{{ KurlOption "Contour.HTTPPort" }}`, "8080", ""},
		{"KurlOption bool", `{{ KurlOption "Kubernetes.HACluster" }}`, "true", ""},
		{"KurlOption absent int is 0", `{{ KurlOption "Contour.HTTPSPort" }}`, "0", ""},
		{"KurlOption of a list field is empty", `{{ KurlOption "Kurl.AdditionalNoProxyAddresses" }}`, "", ""},
		{"KurlOption unknown path", `{{ KurlOption "Nope.Version" }}`, "", ""},
		{"unknown add-on is not flattened", `{{ KurlOption "UnknownAddon.Version" }}`, "", ""},
	})
	all := fnMustRender(t, c, nil, `{{ KurlAll }}`)
	for _, want := range []string{"Kubernetes.Version:1.19.3", "Contour.HTTPPort:8080", "Kubernetes.HACluster:true", "Contour.HTTPSPort:0", "Weave.PodCIDR:"} {
		if !strings.Contains(" "+all+" ", " "+want+" ") {
			t.Fatalf("KurlAll lacks %q", want)
		}
	}
	// The six list-valued fields of that kurl version (Kurl.AdditionalNoProxyAddresses, the
	// SelinuxConfig/IptablesConfig/FirewalldConfig command lists, Kurl.AdditionalImages…) become
	// empty entries that sort first: six leading spaces.
	if lead := len(all) - len(strings.TrimLeft(all, " ")); lead != 6 {
		t.Fatalf("KurlAll starts with %d spaces, want 6: %q", lead, all[:20])
	}
	entries := strings.Split(strings.TrimLeft(all, " "), " ")
	if !sort.StringsAreSorted(entries) {
		t.Fatalf("KurlAll entries are not sorted")
	}
	if strings.Contains(all, "UnknownAddon") {
		t.Fatalf("KurlAll lists an add-on KOTS's Installer type does not have")
	}

	fnCases(t, &Context{}, nil, []fnCase{
		{"no installer: KurlString", `{{ KurlString "Kubernetes.Version" }}`, "", ""},
		{"no installer: KurlInt", `{{ KurlInt "Contour.HTTPPort" }}`, "0", ""},
		{"no installer: KurlBool", `{{ KurlBool "Kubernetes.HACluster" }}`, "false", ""},
		{"no installer: KurlOption", `{{ KurlOption "Contour.HTTPPort" }}`, "", ""},
		{"no installer: KurlAll", `{{ KurlAll }}`, "", ""},
	})
}
