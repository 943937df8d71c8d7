package kotstemplate

import "testing"

func TestConfigOptionFuncs(t *testing.T) {
	items := MapItems{
		"a":      {Value: "v"},
		"b":      {Default: "d"},
		"c":      {Value: "x", Default: "y"},
		"f":      {Value: "ZmlsZSBib2R5", Filename: "f.txt"}, // base64 "file body"
		"bad":    {Value: "%%%"},
		"empty":  {},
		"port-1": {Value: "80", RepeatableItem: "port"},
	}
	fnCases(t, &Context{}, items, []fnCase{
		{"value", `{{ ConfigOption "a" }}`, "v", ""},
		{"default when no value", `{{ ConfigOption "b" }}`, "d", ""},
		{"value wins over default", `{{ ConfigOption "c" }}`, "x", ""},
		{"missing item is empty", `{{ ConfigOption "nope" }}`, "", ""},
		{"item with neither is empty", `{{ ConfigOption "empty" }}`, "", ""},
		{"repeatable item by its generated name", `{{ ConfigOption "port-1" }}`, "80", ""},
		{"repeatable template name is not an item", `{{ ConfigOption "port" }}`, "", ""},
		{"ConfigOptionData decodes", `{{ ConfigOptionData "f" }}`, "file body", ""},
		{"ConfigOptionData bad base64 is empty", `{{ ConfigOptionData "bad" }}`, "", ""},
		{"ConfigOptionData of a plain value is empty", `{{ ConfigOptionData "a" }}`, "", ""},
		{"ConfigOptionData missing is empty", `{{ ConfigOptionData "nope" }}`, "", ""},
		{"ConfigOptionFilename", `{{ ConfigOptionFilename "f" }}`, "f.txt", ""},
		{"ConfigOptionFilename without one", `{{ ConfigOptionFilename "a" }}`, "", ""},
		{"ConfigOptionFilename missing", `{{ ConfigOptionFilename "nope" }}`, "", ""},
		{"ConfigOptionEquals true", `{{ ConfigOptionEquals "a" "v" }}`, "true", ""},
		{"ConfigOptionEquals on the default", `{{ ConfigOptionEquals "b" "d" }}`, "true", ""},
		{"ConfigOptionEquals false", `{{ ConfigOptionEquals "a" "w" }}`, "false", ""},
		{"ConfigOptionEquals missing is false even for empty", `{{ ConfigOptionEquals "nope" "" }}`, "false", ""},
		{"ConfigOptionEquals empty item equals empty", `{{ ConfigOptionEquals "empty" "" }}`, "true", ""},
		{"ConfigOptionNotEquals true", `{{ ConfigOptionNotEquals "a" "w" }}`, "true", ""},
		{"ConfigOptionNotEquals false", `{{ ConfigOptionNotEquals "a" "v" }}`, "false", ""},
		{"ConfigOptionNotEquals missing is false too", `{{ ConfigOptionNotEquals "nope" "x" }}`, "false", ""},
		{"ConfigOptionName echoes", `{{ ConfigOptionName "anything" }}`, "anything", ""},
		{"ConfigOptionIndex is always empty", `{{ ConfigOptionIndex "port-1" }}`, "", ""},
		{"in a condition", `{{ if ConfigOptionEquals "a" "v" }}on{{ else }}off{{ end }}`, "on", ""},
	})
	fnCases(t, &Context{}, nil, []fnCase{
		{"no Config context: ConfigOption", `{{ ConfigOption "a" }}`, "", ""},
		{"no Config context: Equals", `{{ ConfigOptionEquals "a" "" }}`, "false", ""},
		{"no Config context: Filename", `{{ ConfigOptionFilename "a" }}`, "", ""},
	})
}
