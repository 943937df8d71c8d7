package kotstemplate

import (
	"strings"
	"testing"
)

// kotsV188Funcs are the names every KOTS v1.88.0 FuncMap registers (kots pkg/template
// static_context.go, license_context.go, kurl_context.go, version_context.go,
// identity_context.go, config_context.go), copied by hand from those files' FuncMap methods.
var kotsV188Funcs = []string{
	"Now", "NowFmt", "ToLower", "ToUpper", "TrimSpace", "Trim", "UrlEncode", "Base64Encode", "Base64Decode",
	"Split", "RandomBytes", "RandomString", "Add", "Sub", "Mult", "Div", "ParseBool", "ParseFloat", "ParseInt",
	"ParseUint", "HumanSize", "KubeSeal", "Namespace", "TLSCert", "TLSKey", "TLSCACert", "TLSCertFromCA",
	"TLSKeyFromCA", "KotsVersion", "IsKurl", "Distribution", "NodeCount", "HTTPSProxy", "HTTPProxy", "NoProxy",
	"YamlEscape",
	"LicenseFieldValue", "LicenseDockerCfg",
	"KurlString", "KurlInt", "KurlBool", "KurlOption", "KurlAll",
	"Sequence", "Cursor", "ChannelName", "VersionLabel", "IsRequired", "ReleaseNotes", "IsAirgap",
	"IdentityServiceEnabled", "IdentityServiceClientID", "IdentityServiceClientSecret", "IdentityServiceRoles",
	"IdentityServiceName", "IdentityServicePort",
	"ConfigOption", "ConfigOptionName", "ConfigOptionIndex", "ConfigOptionData", "ConfigOptionFilename",
	"ConfigOptionEquals", "ConfigOptionNotEquals", "LocalRegistryAddress", "LocalRegistryHost",
	"LocalRegistryNamespace", "LocalImageName", "LocalRegistryImagePullSecret", "ImagePullSecretName",
	"HasLocalRegistry",
	// later KOTS releases (see docs/design-notes.md)
	"KubernetesVersion", "KubernetesMajorVersion", "KubernetesMinorVersion", "Lookup",
}

func TestFuncMapHasEveryKOTSFunction(t *testing.T) {
	fm := BuildFuncMap(&Context{}, nil)
	for _, name := range kotsV188Funcs {
		if _, ok := fm[name]; !ok {
			t.Errorf("BuildFuncMap lacks KOTS function %s", name)
		}
	}
	// sprig v3.2.2's TxtFuncMap has well over 150 functions; all of them are there too.
	if len(fm) < 150+len(kotsV188Funcs) {
		t.Errorf("BuildFuncMap has only %d functions", len(fm))
	}
}

func TestSprigThroughTheFuncMap(t *testing.T) {
	fnCases(t, &Context{}, nil, []fnCase{
		// crypto: the function whose absence breaks an app's Config today
		{"sha256sum", `{{ sha256sum "abc" }}`, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ""},
		{"sha1sum", `{{ sha1sum "abc" }}`, "a9993e364706816aba3e25717850c26c9cd0d89d", ""},
		{"adler32sum", `{{ adler32sum "abc" }}`, "38600999", ""},
		{"htpasswd is bcrypt", `{{ hasPrefix "user:$2a$" (htpasswd "user" "pw") }}`, "true", ""},
		// string
		{"upper", `{{ upper "abc" }}`, "ABC", ""},
		{"trim", `{{ trim "  x  " }}`, "x", ""},
		{"replace", `{{ replace "a" "b" "banana" }}`, "bbnbnb", ""},
		{"quote", `{{ quote "x" }}`, `"x"`, ""},
		{"indent", `{{ indent 2 "a\nb" }}`, "  a\n  b", ""},
		{"nindent", `{{ nindent 2 "a" }}`, "\n  a", ""},
		{"default", `{{ default "d" "" }}`, "d", ""},
		{"repeat", `{{ repeat 3 "ab" }}`, "ababab", ""},
		{"regexReplaceAll", `{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}`, "-W-xxW-", ""},
		{"printf", `{{ printf "%03d" 7 }}`, "007", ""},
		// list
		{"list last", `{{ list 1 2 3 | last }}`, "3", ""},
		{"join", `{{ join "," (list "a" "b") }}`, "a,b", ""},
		{"has", `{{ has 2 (list 1 2) }}`, "true", ""},
		{"uniq sortAlpha", `{{ list "b" "a" "b" | uniq | sortAlpha | join "" }}`, "ab", ""},
		{"until", `{{ until 3 }}`, "[0 1 2]", ""},
		// dict
		{"dict get", `{{ $d := dict "k" "v" }}{{ get $d "k" }}`, "v", ""},
		{"dict toJson", `{{ dict "b" 2 "a" 1 | toJson }}`, `{"a":1,"b":2}`, ""},
		{"hasKey", `{{ hasKey (dict "k" 1) "k" }}`, "true", ""},
		{"keys", `{{ keys (dict "k" 1) | join "," }}`, "k", ""},
		{"fromJson", `{{ (fromJson "{\"a\":{\"b\":5}}").a.b }}`, "5", ""},
		// date
		{"date of toDate", `{{ toDate "2006-01-02" "2021-03-04" | date "Jan 2, 2006" }}`, "Mar 4, 2021", ""},
		{"dateInZone", `{{ dateInZone "2006-01-02 15:04" (toDate "2006-01-02T15:04:05Z07:00" "2021-03-04T10:30:00Z") "UTC" }}`, "2021-03-04 10:30", ""},
		{"duration of a string", `{{ duration "90" }}`, "1m30s", ""},
		{"duration of an int64", `{{ duration (int64 90) }}`, "1m30s", ""},
		{"duration of a plain int is 0s in sprig v3.2.2", `{{ duration 90 }}`, "0s", ""},
		// semver
		{"semverCompare", `{{ semverCompare ">=1.2.0" "1.3.0" }}`, "true", ""},
		{"semverCompare false", `{{ semverCompare "<1.0.0" "1.3.0" }}`, "false", ""},
		{"semver minor", `{{ (semver "1.2.3").Minor }}`, "2", ""},
		// encoding
		{"b64enc", `{{ b64enc "hi" }}`, "aGk=", ""},
		{"b64dec", `{{ b64dec "aGk=" }}`, "hi", ""},
		{"b32enc", `{{ b32enc "hi" }}`, "NBUQ====", ""},
		// math and conversion
		{"add", `{{ add 1 2 3 }}`, "6", ""},
		{"atoi", `{{ atoi "42" | add1 }}`, "43", ""},
		{"int64 of string", `{{ int64 "7" }}`, "7", ""},
		// KOTS's own functions beside sprig's look-alikes
		{"KOTS Split is strings.Split, a slice", `{{ index (Split "a,b" ",") 1 }}`, "b", ""},
		{"sprig split is a map of _N keys", `{{ (split "," "a,b")._1 }}`, "b", ""},
		{"KOTS Trim with cutset", `{{ Trim "--x--" "-" }}`, "x", ""},
		{"sprig trimAll takes the cutset first", `{{ trimAll "-" "--x--" }}`, "x", ""},
		{"KOTS Base64Decode is empty on bad input", `{{ Base64Decode "%%" }}`, "", ""},
		{"KOTS Add coerces, sprig add sums ints", `{{ Add 1 2.5 }} {{ add 1 2.5 }}`, "3.5 3", ""},
		{"sprig and KOTS in one pipeline", `{{ ConfigOption "x" | default "fallback" | upper }}`, "FALLBACK", ""},
	})
	// Helm's additions are not sprig: KOTS has no toYaml, and neither do we.
	if _, err := fnRender(&Context{}, nil, `{{ toYaml "x" }}`); err == nil || !strings.Contains(err.Error(), `function "toYaml" not defined`) {
		t.Fatalf("toYaml must be undefined, got %v", err)
	}
}

// BenchmarkBuildFuncMap measures building the whole function map with a license and a kURL
// installer to parse (done once per render by the wasm entry point). A measurement, not a test.
func BenchmarkBuildFuncMap(b *testing.B) {
	c := &Context{License: []byte(fullLicense), Kurl: []byte(installer)}
	for i := 0; i < b.N; i++ {
		_ = BuildFuncMap(c, MapItems{})
	}
}

// BenchmarkRenderConfigOption measures parse + execute of a small template through the map.
func BenchmarkRenderConfigOption(b *testing.B) {
	c := &Context{License: []byte(fullLicense)}
	items := MapItems{"a": {Value: "v"}}
	for i := 0; i < b.N; i++ {
		if _, err := fnRender(c, items, `{{ ConfigOption "a" | upper }} {{ LicenseFieldValue "appSlug" }}`); err != nil {
			b.Fatal(err)
		}
	}
}
