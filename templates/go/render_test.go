package kotstemplate

import (
	"strings"
	"testing"
)

func TestRenderDelimiters(t *testing.T) {
	c := &Context{ConfigValues: map[string]ConfigValue{"x": {Value: `repl{{ "inner" | upper }}`}}}
	cases := []struct{ name, text, want string }{
		{"empty stays empty", "", ""},
		{"plain text", "a: b", "a: b"},
		{"helm braces pass through", "v: {{ .Values.x }}", "v: {{ .Values.x }}"},
		{"first delimiter", `{{repl "a" }}`, "a"},
		{"second delimiter", `repl{{ "b" }}`, "b"},
		{"both", `{{repl "a" }}-repl{{ "b" }}`, "a-b"},
		{"second pass parses the first pass's output (KOTS)", `{{repl ConfigOption "x" }}`, "INNER"},
		{"a block of the first pass wraps second-pass actions", "{{repl if true }}repl{{ add 1 2 }}{{repl end }}", "3"},
		{"trim markers", `a  {{repl- "b" -}}  c`, "abc"},
	}
	for _, tc := range cases {
		got, err := Render(c, tc.text, "t.yaml")
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got != tc.want {
			t.Errorf("%s: Render(%q) = %q, want %q", tc.name, tc.text, got, tc.want)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	fm := BuildFuncMap(&Context{}, nil)
	cases := []struct {
		text string
		line int
		want string
	}{
		{"{{repl Nope }}", 1, `template: t.yaml:1: function "Nope" not defined`},
		{"a\n{{repl Nope }}", 40, `template: t.yaml:41: function "Nope" not defined`},
		{"a\nb\n{{repl fail \"boom\" }}", 1, `template: t.yaml:3:7: executing "t.yaml" at <fail "boom">: error calling fail: boom`},
		// a second-pass parse error after a removed block names the line of the source
		{"{{repl if false }}\nx\ny\n{{repl end }}\nz: repl{{ Nope }}", 1, `template: t.yaml:5: function "Nope" not defined`},
	}
	for _, tc := range cases {
		_, err := RenderWith(fm, tc.text, "t.yaml", tc.line)
		if err == nil || err.Error() != tc.want {
			t.Errorf("RenderWith(%q, line %d) error = %v, want %q", tc.text, tc.line, err, tc.want)
		}
	}
}

func TestParseCheck(t *testing.T) {
	fm := BuildFuncMap(&Context{}, nil)
	funcs, err := ParseCheck(fm, `{{repl if ConfigOptionEquals "a" "b" }}repl{{ RandomString 3 | upper }}{{repl end }}`, "t.yaml", 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"ConfigOptionEquals", "RandomString", "upper"} {
		if !funcs[f] {
			t.Errorf("ParseCheck missed %s (got %v)", f, funcs)
		}
	}
	if _, err := ParseCheck(fm, "x: repl{{ Nope }}", "f.yaml", 1); err == nil || !strings.Contains(err.Error(), `f.yaml:1: function "Nope" not defined`) {
		t.Errorf("ParseCheck of an unknown function: %v", err)
	}
	// a repl{{ inside a first-pass action is not parsed by the second pass
	if _, err := ParseCheck(fm, `{{repl "repl{{ Nope }}" }}`, "f.yaml", 1); err != nil {
		t.Errorf("ParseCheck parsed a first-pass action's text: %v", err)
	}
}

func TestMaskActionsKeepsLines(t *testing.T) {
	got := maskActions("a{{repl x\ny}}b", "{{repl", "}}")
	if got != "a        \n   b" {
		t.Errorf("maskActions = %q", got)
	}
}
