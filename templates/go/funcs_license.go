package kotstemplate

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"text/template"
)

// licenseSpec is the part of kots.io/v1beta1 License spec the license functions read
// (kots kotskinds/apis/kots/v1beta1/license_types.go LicenseSpec), by its JSON names.
type licenseSpec struct {
	Signature                      []byte                      `json:"signature"`
	AppSlug                        string                      `json:"appSlug"`
	Endpoint                       string                      `json:"endpoint"`
	CustomerName                   string                      `json:"customerName"`
	ChannelID                      string                      `json:"channelID"`
	ChannelName                    string                      `json:"channelName"`
	LicenseSequence                int64                       `json:"licenseSequence"`
	LicenseID                      string                      `json:"licenseID"`
	LicenseType                    string                      `json:"licenseType"`
	IsAirgapSupported              bool                        `json:"isAirgapSupported"`
	IsGitOpsSupported              bool                        `json:"isGitOpsSupported"`
	IsIdentityServiceSupported     bool                        `json:"isIdentityServiceSupported"`
	IsGeoaxisSupported             bool                        `json:"isGeoaxisSupported"`
	IsSnapshotSupported            bool                        `json:"isSnapshotSupported"`
	IsSupportBundleUploadSupported bool                        `json:"isSupportBundleUploadSupported"`
	IsSemverRequired               bool                        `json:"isSemverRequired"`
	Entitlements                   map[string]entitlementField `json:"entitlements"`
}

type entitlementField struct {
	Value entitlementValue `json:"value"`
}

// entitlementValue decodes like KOTS's EntitlementValue.UnmarshalJSON: a JSON string is a string;
// otherwise the raw text as a base-10 int64, else as a strconv bool. A missing or null value is
// int 0 (encoding/json does not call UnmarshalJSON for null into a struct field). KOTS rejects
// the whole License for anything else; here a number that is no int64 (0.5, 1e30) is a float64
// printed as Go's %v prints it, and an object or array prints "", so one odd entitlement does not
// blank every license field.
type entitlementValue struct {
	v   interface{}
	set bool
}

func (e *entitlementValue) UnmarshalJSON(raw []byte) error {
	e.set = true
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		e.v = s
		return nil
	}
	if i, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
		e.v = i
		return nil
	}
	if b, err := strconv.ParseBool(string(raw)); err == nil {
		e.v = b
		return nil
	}
	var f float64
	if json.Unmarshal(raw, &f) == nil {
		e.v = f
	}
	return nil
}

// String prints the value as KOTS's fmt "%v" of EntitlementValue.Value() does.
func (e entitlementValue) String() string {
	if !e.set {
		return "0"
	}
	switch v := e.v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return fmt.Sprint(v)
	}
	return ""
}

// parseLicense reads c.License; nil when absent, JSON null, or not a JSON object of the License's
// shape (every license function then behaves as for no license).
func parseLicense(raw json.RawMessage) *licenseSpec {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var doc struct {
		Spec *licenseSpec `json:"spec"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil
	}
	if doc.Spec == nil {
		return &licenseSpec{}
	}
	return doc.Spec
}

// licenseFuncs are KOTS's license context (kots pkg/template/license_context.go).
func licenseFuncs(c *Context) template.FuncMap {
	lic := parseLicense(c.License)
	return template.FuncMap{
		"LicenseFieldValue": func(name string) string { return licenseFieldValue(lic, name) },
		"LicenseDockerCfg":  func() string { return licenseDockerCfg(lic) },
	}
}

// licenseFieldValue is LicenseFieldValue(name) (kots license_context.go licenseFieldValue): the
// spec field by KOTS's name — isSnapshotSupported, isGitOpsSupported,
// isSupportBundleUploadSupported, isIdentityServiceSupported, isGeoaxisSupported,
// isAirgapSupported, isSemverRequired ("true"/"false"), licenseType, licenseSequence (decimal),
// signature (the decoded signature bytes as a string), appSlug, channelID, channelName,
// customerName, endpoint, licenseID or licenseId — else the entitlement of that name printed
// with %v (int as decimal, bool as true/false, string as is), else "". No license: "".
func licenseFieldValue(lic *licenseSpec, name string) string {
	if lic == nil {
		return ""
	}
	switch name {
	case "isSnapshotSupported":
		return strconv.FormatBool(lic.IsSnapshotSupported)
	case "isGitOpsSupported":
		return strconv.FormatBool(lic.IsGitOpsSupported)
	case "isSupportBundleUploadSupported":
		return strconv.FormatBool(lic.IsSupportBundleUploadSupported)
	case "isIdentityServiceSupported":
		return strconv.FormatBool(lic.IsIdentityServiceSupported)
	case "isGeoaxisSupported":
		return strconv.FormatBool(lic.IsGeoaxisSupported)
	case "isAirgapSupported":
		return strconv.FormatBool(lic.IsAirgapSupported)
	case "licenseType":
		return lic.LicenseType
	case "licenseSequence":
		return strconv.FormatInt(lic.LicenseSequence, 10)
	case "signature":
		return string(lic.Signature)
	case "appSlug":
		return lic.AppSlug
	case "channelID":
		return lic.ChannelID
	case "channelName":
		return lic.ChannelName
	case "isSemverRequired":
		return strconv.FormatBool(lic.IsSemverRequired)
	case "customerName":
		return lic.CustomerName
	case "endpoint":
		return lic.Endpoint
	case "licenseID", "licenseId":
		return lic.LicenseID
	}
	if e, ok := lic.Entitlements[name]; ok {
		return e.Value.String()
	}
	return ""
}

// licenseDockerCfg is LicenseDockerCfg (kots license_context.go licenseDockercfg): base64 of the
// JSON {"auths":{"proxy.replicated.com":{"auth":A},"registry.replicated.com":{"auth":A}}} where A
// is base64("<licenseID>:<licenseID>"). The hosts are fixed (no custom domains in v1.88.0).
// No license: "".
func licenseDockerCfg(lic *licenseSpec) string {
	if lic == nil {
		return ""
	}
	auth := base64.StdEncoding.EncodeToString([]byte(lic.LicenseID + ":" + lic.LicenseID))
	cfg := map[string]interface{}{
		"auths": map[string]interface{}{
			"proxy.replicated.com":    map[string]string{"auth": auth},
			"registry.replicated.com": map[string]string{"auth": auth},
		},
	}
	b, err := json.Marshal(cfg)
	if err != nil {
		return ""
	}
	return base64.StdEncoding.EncodeToString(b)
}
