package kotstemplate

import (
	"reflect"
	"testing"
)

func graphOf(t *testing.T, items map[string][2]string, order []string) *depGraph {
	t.Helper()
	g := newDepGraph()
	fm := BuildFuncMap(&Context{}, nil)
	for _, n := range order {
		g.scan(fm, n, "default", items[n][0])
		g.scan(fm, n, "value", items[n][1])
	}
	g.linkTLS()
	return g
}

func TestDepGraphOrder(t *testing.T) {
	items := map[string][2]string{
		"url":    {`repl{{ ConfigOption "scheme" }}://repl{{ ConfigOption "host" }}`, ""},
		"host":   {`{{repl ConfigOption "base" }}.example`, ""},
		"scheme": {"https", ""},
		"base":   {"", `repl{{ if ConfigOptionEquals "scheme" "https" }}a{{ end }}`},
		"other":  {`repl{{ ConfigOption "missing" }}`, ""},
	}
	order := []string{"url", "host", "scheme", "base", "other"}
	got, stuck, cycle := graphOf(t, items, order).order(order)
	want := []string{"scheme", "other", "base", "host", "url"}
	if !reflect.DeepEqual(got, want) || stuck != nil || cycle != nil {
		t.Errorf("order = %v stuck %v cycle %v, want %v", got, stuck, cycle, want)
	}
}

func TestDepGraphRegexpFallback(t *testing.T) {
	// a template that cannot run with the recording functions (index of a non-map) still yields
	// its literal ConfigOption references, as KOTS's parseReplFuncs does
	g := graphOf(t, map[string][2]string{"a": {`repl{{ index 3 1 }}repl{{ ConfigOption "b" }}`, ""}, "b": {"x", ""}}, []string{"a", "b"})
	if !g.deps["a"]["b"] {
		t.Errorf("deps of a = %v, want b", g.deps["a"])
	}
}

func TestDepGraphCycle(t *testing.T) {
	items := map[string][2]string{
		"a":    {`repl{{ ConfigOption "b" }}`, ""},
		"b":    {"", `repl{{ ConfigOption "a" }}`},
		"c":    {`repl{{ ConfigOption "a" }}`, ""},
		"free": {"x", ""},
		"self": {`repl{{ ConfigOption "self" }}`, ""},
	}
	order := []string{"a", "b", "c", "free", "self"}
	g := graphOf(t, items, order)
	got, stuck, cycle := g.order(order)
	if !reflect.DeepEqual(got, []string{"free"}) || !reflect.DeepEqual(stuck, []string{"a", "b", "c", "self"}) {
		t.Errorf("ordered %v stuck %v", got, stuck)
	}
	if !reflect.DeepEqual(cycle, []string{"a", "b", "a"}) {
		t.Errorf("cycle = %v", cycle)
	}
	if g.refs["b"]["a"] != "value" {
		t.Errorf("b refers to a from %q, want value", g.refs["b"]["a"])
	}
}

func TestDepGraphTLSLinks(t *testing.T) {
	items := map[string][2]string{
		"key":  {`repl{{ TLSKey "site" }}`, ""},
		"cert": {`repl{{ TLSCert "site" "example.com" }}`, ""},
	}
	g := graphOf(t, items, []string{"key", "cert"})
	if !g.deps["key"]["cert"] {
		t.Errorf("TLSKey item does not depend on the TLSCert item: %v", g.deps)
	}
}
