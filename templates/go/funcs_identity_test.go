package kotstemplate

import (
	"encoding/json"
	"testing"
)

func TestIdentityFuncs(t *testing.T) {
	c := &Context{AppSlug: "app", Identity: json.RawMessage(`{"apiVersion":"kots.io/v1beta1","kind":"IdentityConfig","spec":{
	  "enabled":true,"clientID":"cid","clientSecret":{"value":"sec"},
	  "groups":[{"id":"admins","roleIds":["r1","r2"]},{"id":"devs","roleIds":[]}]}}`)}
	fnCases(t, c, nil, []fnCase{
		{"enabled", `{{ IdentityServiceEnabled }}`, "true", ""},
		{"client ID", `{{ IdentityServiceClientID }}`, "cid", ""},
		{"client secret", `{{ IdentityServiceClientSecret }}`, "sec", ""},
		{"roles by group", `{{ index IdentityServiceRoles "admins" }}`, "[r1 r2]", ""},
		{"roles has every group", `{{ len IdentityServiceRoles }}`, "2", ""},
		{"service name", `{{ IdentityServiceName }}`, "app-dex", ""},
		{"service port", `{{ IdentityServicePort }}`, "5556", ""},
	})
	enc := &Context{AppSlug: "app", Identity: json.RawMessage(`{"spec":{"enabled":true,"clientSecret":{"valueEncrypted":"AAAA"}}}`)}
	fnCases(t, enc, nil, []fnCase{
		{"encrypted client secret fails", `{{ IdentityServiceClientSecret }}`, "", "failed to decrypt"},
		{"no client ID set", `{{ IdentityServiceClientID }}`, "", ""},
	})
	fnCases(t, &Context{}, nil, []fnCase{
		{"no config: disabled", `{{ IdentityServiceEnabled }}`, "false", ""},
		{"no config: client ID", `{{ IdentityServiceClientID }}`, "", ""},
		{"no config: secret", `{{ IdentityServiceClientSecret }}`, "", ""},
		{"no config: roles empty", `{{ len IdentityServiceRoles }}`, "0", ""},
		{"no app: name", `{{ IdentityServiceName }}`, "", ""},
		{"no app: port", `{{ IdentityServicePort }}`, "", ""},
	})
}
