package kotstemplate

import (
	"encoding/json"
	"strings"
	"testing"
)

// testConfig is a kots.io/v1beta1 Config as JSON with the given items in one group "g".
func testConfig(t *testing.T, groupWhen string, items ...map[string]any) json.RawMessage {
	t.Helper()
	raw, err := json.Marshal(map[string]any{
		"apiVersion": "kots.io/v1beta1", "kind": "Config", "metadata": map[string]any{"name": "c"},
		"spec": map[string]any{"groups": []any{map[string]any{"name": "g", "title": `repl{{ ConfigOption "name" }}`, "when": groupWhen, "items": items}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func itemOf(t *testing.T, r *ResolvedConfig, name string) ResolvedItem {
	t.Helper()
	for _, it := range r.Items {
		if it.Name == name {
			return it
		}
	}
	t.Fatalf("no item %s", name)
	return ResolvedItem{}
}

func TestResolveConfigPasses(t *testing.T) {
	c := &Context{
		Config: testConfig(t, "",
			map[string]any{"name": "greeting", "type": "text", "default": `repl{{ printf "hello %s" (ConfigOption "name") }}`, "title": `Greeting for repl{{ ConfigOption "name" }}`},
			map[string]any{"name": "name", "type": "text", "default": "world"},
			map[string]any{"name": "shown", "type": "bool", "default": true, "when": `repl{{ ConfigOptionEquals "name" "Ann" }}`},
			map[string]any{"name": "ro", "type": "text", "readonly": true, "value": `repl{{ ConfigOption "name" | upper }}`},
			map[string]any{"name": "label", "type": "label", "title": "x", "hidden": true},
			map[string]any{"name": "pick", "type": "select_one", "items": []any{map[string]any{"name": "a", "title": `A for repl{{ ConfigOption "name" }}`}}},
		),
		ConfigValues: map[string]ConfigValue{"name": {Value: "Ann"}, "ro": {Value: "ignored: readonly"}},
	}
	r, err := ResolveConfig(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	g := itemOf(t, r, "greeting")
	if g.Default != "hello Ann" || g.Title != "Greeting for Ann" || !g.Visible {
		t.Errorf("greeting = %+v", g)
	}
	if s := itemOf(t, r, "shown"); s.Default != "1" || s.When != "true" || !s.Visible {
		t.Errorf("shown = %+v", s)
	}
	if ro := itemOf(t, r, "ro"); ro.Value != "ANN" || ro.Editable {
		t.Errorf("a readonly item renders its value template and ignores the entry: %+v", ro)
	}
	if l := itemOf(t, r, "label"); l.Visible {
		t.Errorf("hidden item visible: %+v", l)
	}
	if p := itemOf(t, r, "pick"); len(p.Options) != 1 || p.Options[0].Title != "A for Ann" {
		t.Errorf("option titles: %+v", p.Options)
	}
	if r.Groups[0].Title != "Ann" || !r.Groups[0].Visible {
		t.Errorf("group = %+v", r.Groups[0])
	}
	if items := r.Lookup(); items == nil {
		t.Error("no lookup")
	} else if v, ok := items.Item("greeting"); !ok || v.Default != "hello Ann" {
		t.Errorf("lookup greeting = %+v %v", v, ok)
	}
}

func TestResolveConfigWhenExactlyFalse(t *testing.T) {
	for when, visible := range map[string]bool{"false": false, " false": true, "False": true, "0": true, "": true, `repl{{ "fal" }}se`: false} {
		r, err := ResolveConfig(&Context{Config: testConfig(t, when, map[string]any{"name": "a", "when": when})}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := itemOf(t, r, "a").Visible; got != visible {
			t.Errorf("item when %q: visible %v, want %v", when, got, visible)
		}
		if got := r.Groups[0].Visible; got != visible {
			t.Errorf("group when %q: visible %v, want %v", when, got, visible)
		}
	}
}

func TestResolveConfigRandomFixedAndErrors(t *testing.T) {
	seed := int64(5)
	c := &Context{
		RandomSeed: &seed,
		Config: testConfig(t, "",
			map[string]any{"name": "token", "default": `repl{{ RandomString 12 }}`},
			map[string]any{"name": "kept", "type": "label", "value": `repl{{ RandomBytes 4 }}`},
			map[string]any{"name": "bad", "title": "Bad", "default": `{{repl fail "no" }}`},
		),
	}
	opts := &ResolveOptions{File: "kots-config.yaml", Lines: map[string]int{"bad/default": 30}, Fixed: map[string]string{"kept/value": "KEPT"}}
	r, err := ResolveConfig(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.Random, ",") != "token/default,kept/value" {
		t.Errorf("random = %v", r.Random)
	}
	tok := itemOf(t, r, "token").Default
	if len(tok) != 12 || r.Generated["token/default"] != tok {
		t.Errorf("token %q generated %v", tok, r.Generated)
	}
	if v := itemOf(t, r, "kept").Value; v != "KEPT" {
		t.Errorf("a fixed random value was re-rendered: %q", v)
	}
	if _, ok := r.Generated["kept/value"]; ok {
		t.Error("a fixed field is reported as generated")
	}
	bad := itemOf(t, r, "bad")
	if bad.Default != "" || len(bad.Errors) != 1 || bad.Errors[0].Field != "default" ||
		bad.Errors[0].Error != `template: kots-config.yaml:30:7: executing "kots-config.yaml" at <fail "no">: error calling fail: no` {
		t.Errorf("bad = %+v", bad)
	}
}

func TestAnalyzeConfigParseError(t *testing.T) {
	c := &Context{Config: testConfig(t, "", map[string]any{"name": "a"}, map[string]any{"name": "b", "help_text": "{{repl Nope }}"})}
	_, err := AnalyzeConfig(c, &ResolveOptions{Lines: map[string]int{"b/help_text": 12}})
	if err == nil || err.Error() != `template: kots-config.yaml:12: function "Nope" not defined` {
		t.Errorf("AnalyzeConfig error = %v", err)
	}
}

func TestResolveConfigCycle(t *testing.T) {
	c := &Context{Config: testConfig(t, "",
		map[string]any{"name": "a", "default": `repl{{ ConfigOption "b" }}x`},
		map[string]any{"name": "b", "default": `repl{{ ConfigOption "a" }}y`},
	)}
	r, err := ResolveConfig(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := itemOf(t, r, "b")
	if len(b.Errors) != 1 || b.Errors[0].Error != "dependency cycle: a → b → a" || b.Default != "" {
		t.Errorf("b = %+v", b)
	}
	if a := itemOf(t, r, "a"); len(a.Errors) != 0 || a.Default != "x" {
		t.Errorf("a = %+v", a)
	}
}

func TestConfigOps(t *testing.T) {
	in, _ := json.Marshal(map[string]any{"context": map[string]any{"config": testConfig(t, "", map[string]any{"name": "a", "default": "v"})}, "text": `repl{{ ConfigOption "a" }}`, "file": "f.yaml"})
	if out := string(Call("render", in)); out != `{"result":{"text":"v"}}` {
		t.Errorf("render with a Config = %s", out)
	}
	out := string(Call("config.render", in))
	if !strings.Contains(out, `"name":"a"`) || !strings.Contains(out, `"default":"v"`) {
		t.Errorf("config.render = %s", out)
	}
	if out := string(Call("config.analyze", []byte(`{"context":{"config":{"spec":{"groups":[{"name":"g","items":[{"name":"a","default":"{{repl RandomString 3}}"}]}]}}}}`))); out != `{"result":{"random":["a/default"]}}` {
		t.Errorf("config.analyze = %s", out)
	}
}
