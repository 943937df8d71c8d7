package kotstemplate

import (
	"encoding/json"
	"errors"
	"text/template"
)

// identitySpec is the part of kots.io/v1beta1 IdentityConfig spec the IdentityService* functions
// read (kots kotskinds/apis/kots/v1beta1/identityconfig_types.go).
type identitySpec struct {
	Enabled      bool   `json:"enabled"`
	ClientID     string `json:"clientID"`
	ClientSecret *struct {
		Value          string `json:"value"`
		ValueEncrypted string `json:"valueEncrypted"`
	} `json:"clientSecret"`
	Groups []struct {
		ID      string   `json:"id"`
		RoleIDs []string `json:"roleIds"`
	} `json:"groups"`
}

// parseIdentity reads Context.Identity (an IdentityConfig object); nil when absent or unreadable.
func parseIdentity(raw json.RawMessage) *identitySpec {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var doc struct {
		Spec identitySpec `json:"spec"`
	}
	if json.Unmarshal(raw, &doc) != nil {
		return nil
	}
	return &doc.Spec
}

// identityFuncs are KOTS's identity context (kots pkg/template/identity_context.go,
// pkg/identity/types): without an IdentityConfig every function returns its zero value; without
// an app slug (KOTS: no ApplicationInfo) IdentityServiceName and IdentityServicePort return "".
func identityFuncs(c *Context) template.FuncMap {
	id := parseIdentity(c.Identity)
	slug := c.AppSlug
	return template.FuncMap{
		// IdentityServiceEnabled: spec.enabled.
		"IdentityServiceEnabled": func() bool { return id != nil && id.Enabled },
		// IdentityServiceClientID: spec.clientID.
		"IdentityServiceClientID": func() string {
			if id == nil {
				return ""
			}
			return id.ClientID
		},
		// IdentityServiceClientSecret: spec.clientSecret.value. An encrypted secret (valueEncrypted)
		// needs kotsadm's key, which we never hold: that is a template error, as a failed decrypt
		// is in KOTS.
		"IdentityServiceClientSecret": func() (string, error) {
			if id == nil || id.ClientSecret == nil {
				return "", nil
			}
			if id.ClientSecret.ValueEncrypted != "" {
				return "", errors.New("failed to decrypt: the identity client secret is encrypted with kotsadm's key")
			}
			return id.ClientSecret.Value, nil
		},
		// IdentityServiceRoles: a map of group id to its role ids ([]string); empty without config.
		"IdentityServiceRoles": func() map[string]interface{} {
			m := map[string]interface{}{}
			if id != nil {
				for _, g := range id.Groups {
					m[g.ID] = g.RoleIDs
				}
			}
			return m
		},
		// IdentityServiceName: "<appSlug>-dex".
		"IdentityServiceName": func() string {
			if slug == "" {
				return ""
			}
			return slug + "-dex"
		},
		// IdentityServicePort: "5556", dex's port.
		"IdentityServicePort": func() string {
			if slug == "" {
				return ""
			}
			return "5556"
		},
	}
}
