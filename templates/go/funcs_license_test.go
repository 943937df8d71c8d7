package kotstemplate

import (
	"encoding/base64"
	"encoding/json"
	"testing"
)

const fullLicense = `{"apiVersion":"kots.io/v1beta1","kind":"License","metadata":{"name":"acme"},"spec":{
 "signature":"c2lnbmVk","appSlug":"myapp","endpoint":"https://replicated.app","customerName":"Acme",
 "channelID":"ch1","channelName":"Stable","licenseSequence":12,"licenseID":"LIC","licenseType":"prod",
 "isAirgapSupported":true,"isGitOpsSupported":true,"isSnapshotSupported":true,"isSemverRequired":true,
 "entitlements":{
  "seats":{"title":"Seats","value":42,"valueType":"Integer"},
  "tier":{"title":"Tier","value":"gold","valueType":"String"},
  "sso":{"title":"SSO","value":true,"valueType":"Boolean"},
  "numeric_string":{"value":"7","valueType":"String"},
  "novalue":{"title":"No value"},
  "appSlug":{"value":"shadowed"}
 }}}`

func TestLicenseFieldValue(t *testing.T) {
	c := &Context{License: json.RawMessage(fullLicense)}
	fnCases(t, c, nil, []fnCase{
		{"appSlug", `{{ LicenseFieldValue "appSlug" }}`, "myapp", ""},
		{"built-in name wins over an entitlement", `{{ LicenseFieldValue "appSlug" }}`, "myapp", ""},
		{"customerName", `{{ LicenseFieldValue "customerName" }}`, "Acme", ""},
		{"channelID", `{{ LicenseFieldValue "channelID" }}`, "ch1", ""},
		{"channelName", `{{ LicenseFieldValue "channelName" }}`, "Stable", ""},
		{"endpoint", `{{ LicenseFieldValue "endpoint" }}`, "https://replicated.app", ""},
		{"licenseID", `{{ LicenseFieldValue "licenseID" }}`, "LIC", ""},
		{"licenseId alias", `{{ LicenseFieldValue "licenseId" }}`, "LIC", ""},
		{"licenseType", `{{ LicenseFieldValue "licenseType" }}`, "prod", ""},
		{"licenseSequence is decimal", `{{ LicenseFieldValue "licenseSequence" }}`, "12", ""},
		{"signature is the decoded bytes", `{{ LicenseFieldValue "signature" }}`, "signed", ""},
		{"isAirgapSupported", `{{ LicenseFieldValue "isAirgapSupported" }}`, "true", ""},
		{"isGitOpsSupported", `{{ LicenseFieldValue "isGitOpsSupported" }}`, "true", ""},
		{"isSnapshotSupported", `{{ LicenseFieldValue "isSnapshotSupported" }}`, "true", ""},
		{"isSemverRequired", `{{ LicenseFieldValue "isSemverRequired" }}`, "true", ""},
		{"absent bool is false", `{{ LicenseFieldValue "isIdentityServiceSupported" }}`, "false", ""},
		{"isGeoaxisSupported absent", `{{ LicenseFieldValue "isGeoaxisSupported" }}`, "false", ""},
		{"isSupportBundleUploadSupported absent", `{{ LicenseFieldValue "isSupportBundleUploadSupported" }}`, "false", ""},
		{"integer entitlement", `{{ LicenseFieldValue "seats" }}`, "42", ""},
		{"integer entitlement is a string to templates", `{{ Add (ParseInt (LicenseFieldValue "seats")) 1 }}`, "43", ""},
		{"string entitlement", `{{ LicenseFieldValue "tier" }}`, "gold", ""},
		{"bool entitlement", `{{ LicenseFieldValue "sso" }}`, "true", ""},
		{"numeric string stays a string", `{{ LicenseFieldValue "numeric_string" }}`, "7", ""},
		{"entitlement without value is int 0", `{{ LicenseFieldValue "novalue" }}`, "0", ""},
		{"unknown field is empty", `{{ LicenseFieldValue "nope" }}`, "", ""},
		{"field names are case-sensitive", `{{ LicenseFieldValue "AppSlug" }}`, "", ""},
		{"LicenseDockerCfg", `{{ LicenseDockerCfg }}`,
			base64.StdEncoding.EncodeToString([]byte(`{"auths":{"proxy.replicated.com":{"auth":"TElDOkxJQw=="},"registry.replicated.com":{"auth":"TElDOkxJQw=="}}}`)), ""},
	})
	none := &Context{}
	fnCases(t, none, nil, []fnCase{
		{"no license: field", `{{ LicenseFieldValue "appSlug" }}`, "", ""},
		{"no license: bool field is empty, not false", `{{ LicenseFieldValue "isAirgapSupported" }}`, "", ""},
		{"no license: dockercfg", `{{ LicenseDockerCfg }}`, "", ""},
	})
	fnCases(t, &Context{License: json.RawMessage(`null`)}, nil, []fnCase{
		{"null license", `{{ LicenseFieldValue "appSlug" }}`, "", ""},
	})
	// KOTS v1.88.0 cannot load a license with these values at all; we keep the license readable.
	odd := &Context{License: json.RawMessage(`{"spec":{"appSlug":"x","entitlements":{"ratio":{"value":0.5},"big":{"value":1e21},"nul":{"value":null},"obj":{"value":{"a":1}}}}}`)}
	fnCases(t, odd, nil, []fnCase{
		{"other fields stay readable", `{{ LicenseFieldValue "appSlug" }}`, "x", ""},
		{"float entitlement prints as Go's %v", `{{ LicenseFieldValue "ratio" }}`, "0.5", ""},
		{"large float entitlement uses an exponent", `{{ LicenseFieldValue "big" }}`, "1e+21", ""},
		{"null entitlement is never decoded: int 0, as encoding/json leaves the field in KOTS", `{{ LicenseFieldValue "nul" }}`, "0", ""},
		{"object entitlement is empty", `{{ LicenseFieldValue "obj" }}`, "", ""},
	})
	fnCases(t, &Context{License: json.RawMessage(`["not","a","license"]`)}, nil, []fnCase{
		{"a license of the wrong shape is no license", `{{ LicenseFieldValue "appSlug" }}`, "", ""},
	})
	// A license without a spec is a license with every field zero.
	empty := &Context{License: json.RawMessage(`{"kind":"License"}`)}
	fnCases(t, empty, nil, []fnCase{
		{"empty spec bool", `{{ LicenseFieldValue "isAirgapSupported" }}`, "false", ""},
		{"empty spec sequence", `{{ LicenseFieldValue "licenseSequence" }}`, "0", ""},
		{"empty spec dockercfg uses an empty ID", `{{ LicenseDockerCfg }}`,
			base64.StdEncoding.EncodeToString([]byte(`{"auths":{"proxy.replicated.com":{"auth":"Og=="},"registry.replicated.com":{"auth":"Og=="}}}`)), ""},
	})
}
