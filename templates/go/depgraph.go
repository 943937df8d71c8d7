package kotstemplate

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"text/template"
)

// depGraph is the dependency graph of Config items: item → the items its default/value templates
// read (ConfigOption*, and the TLS* cert/key/CA links), after kots pkg/template/depgraph.go.
type depGraph struct {
	deps map[string]map[string]bool
	// refs[item][dep] is the field ("default" or "value") of item that first referenced dep
	refs map[string]map[string]string

	certs, keys, cas, caFromCert, certFromCACert, caFromKey, caCertFromKey map[string]map[string]bool

	// the item and field being scanned, read by the recording functions
	item, field string
	rec         *Renderer
}

// depFuncRe finds the ConfigOption* calls with a literal name when a template cannot be executed
// with the recording function map (kots depgraph.go replFuncReExpr, plus ConfigOptionData, which
// KOTS's expression misspells as ConfigData).
var depFuncRe = regexp.MustCompile(`(?:ConfigOption|ConfigOptionIndex|ConfigOptionData|ConfigData|ConfigOptionFilename|ConfigOptionEquals|ConfigOptionNotEquals) +"[^"]+"`)

func newDepGraph() *depGraph {
	return &depGraph{deps: map[string]map[string]bool{}, refs: map[string]map[string]string{}}
}

func addTo(m *map[string]map[string]bool, key, value string) {
	if *m == nil {
		*m = map[string]map[string]bool{}
	}
	if (*m)[key] == nil {
		(*m)[key] = map[string]bool{}
	}
	(*m)[key][value] = true
}

func (d *depGraph) addNode(item string) {
	if d.deps[item] == nil {
		d.deps[item] = map[string]bool{}
		d.refs[item] = map[string]string{}
	}
}

func (d *depGraph) addDep(item, dep, field string) {
	d.addNode(item)
	d.deps[item][dep] = true
	if _, ok := d.refs[item][dep]; !ok {
		d.refs[item][dep] = field
	}
}

// recordingFuncs is every function of full as a no-op returning "", except the ConfigOption* and
// TLS* functions, which record what the item being scanned reads (kots depgraph.go funcMap, which
// instead gives only those and falls back to a regexp when a template calls anything else).
func (d *depGraph) recordingFuncs(full template.FuncMap) template.FuncMap {
	fm := template.FuncMap{}
	noop := func(...any) string { return "" }
	for name := range full {
		fm[name] = noop
	}
	dep := func(name string, _ ...any) string { d.addDep(d.item, name, d.field); return "" }
	for _, n := range []string{"ConfigOption", "ConfigOptionIndex", "ConfigOptionData", "ConfigOptionFilename", "ConfigOptionEquals", "ConfigOptionNotEquals"} {
		fm[n] = dep
	}
	fm["TLSCACert"] = func(ca string, _ ...any) string { addTo(&d.cas, ca, d.item); return "" }
	fm["TLSCert"] = func(cert string, _ ...any) string { addTo(&d.certs, cert, d.item); return "" }
	fm["TLSKey"] = func(cert string, _ ...any) string { addTo(&d.keys, d.item, cert); return "" }
	fm["TLSCertFromCA"] = func(ca, cert string, _ ...any) string {
		addTo(&d.caFromCert, d.item, ca)
		addTo(&d.certFromCACert, ca+cert, d.item)
		return ""
	}
	fm["TLSKeyFromCA"] = func(ca, cert string, _ ...any) string {
		addTo(&d.caFromKey, d.item, ca)
		addTo(&d.caCertFromKey, d.item, ca+cert)
		return ""
	}
	return fm
}

// scan records the dependencies of item's field text: the text is run with the recording
// functions; if that fails (e.g. a function that needs a real argument), the literal
// ConfigOption* calls found by depFuncRe are recorded instead, as KOTS does.
func (d *depGraph) scan(full template.FuncMap, item, field, text string) {
	d.addNode(item)
	if !strings.Contains(text, "repl") {
		return
	}
	if d.rec == nil {
		d.rec = NewRenderer(d.recordingFuncs(full))
	}
	d.item, d.field = item, field
	if _, err := d.rec.Render(text, item, 1); err == nil {
		return
	}
	calls := depFuncRe.FindAllString(text, -1)
	for i := range calls {
		calls[i] = "repl{{ " + calls[i] + " }}"
	}
	_, _ = d.rec.Render(strings.Join(calls, " "), item, 1)
}

// linkTLS adds the dependencies between items that share a certificate or CA by name
// (kots depgraph.go resolveCertKeys, resolveCACertKeys; resolveCACerts is not called there either).
func (d *depGraph) linkTLS() {
	link := func(users, providers map[string]map[string]bool) {
		for item, names := range users {
			for name := range names {
				for p := range providers[name] {
					if p != item {
						d.addDep(item, p, "default")
					}
				}
			}
		}
	}
	link(d.keys, d.certs)
	link(d.caFromKey, d.cas)
	link(d.caCertFromKey, d.certFromCACert)
}

// order returns the items in dependency order: repeatedly every item whose dependencies are all
// resolved, in Config order within a round (KOTS takes a round's head nodes in map order).
// Dependencies on names that are not items are dropped (kots depgraph.go ResolveMissing). Items on
// or behind a cycle are returned in `stuck`, in Config order, with one cycle as a path.
func (d *depGraph) order(configOrder []string) (ordered, stuck []string, cycle []string) {
	known := map[string]bool{}
	for _, n := range configOrder {
		known[n] = true
	}
	remaining := map[string]map[string]bool{}
	for item, deps := range d.deps {
		if !known[item] {
			continue
		}
		m := map[string]bool{}
		for dep := range deps {
			if known[dep] && dep != item {
				m[dep] = true
			}
		}
		remaining[item] = m
	}
	// a self-reference is a cycle of one
	selfRef := map[string]bool{}
	for item, deps := range d.deps {
		if deps[item] && known[item] {
			selfRef[item] = true
		}
	}
	for len(remaining) > 0 {
		var heads []string
		for _, n := range configOrder {
			if deps, ok := remaining[n]; ok && len(deps) == 0 && !selfRef[n] {
				heads = append(heads, n)
			}
		}
		if len(heads) == 0 {
			break
		}
		for _, h := range heads {
			delete(remaining, h)
			for _, deps := range remaining {
				delete(deps, h)
			}
		}
		ordered = append(ordered, heads...)
	}
	for _, n := range configOrder {
		if _, ok := remaining[n]; ok {
			stuck = append(stuck, n)
		}
	}
	if len(stuck) > 0 {
		cycle = findCycle(stuck, remaining, selfRef)
	}
	return ordered, stuck, cycle
}

// findCycle walks from the first stuck item along its first (sorted) remaining dependency until an
// item repeats; the path from that item's first visit is the cycle ("a", "b", "a").
func findCycle(stuck []string, remaining map[string]map[string]bool, selfRef map[string]bool) []string {
	cur := stuck[0]
	seen := map[string]int{}
	var path []string
	for {
		if i, ok := seen[cur]; ok {
			return append(path[i:], cur)
		}
		seen[cur] = len(path)
		path = append(path, cur)
		if selfRef[cur] {
			return []string{cur, cur}
		}
		var next []string
		for dep := range remaining[cur] {
			next = append(next, dep)
		}
		if len(next) == 0 {
			return nil
		}
		sort.Strings(next)
		cur = next[0]
	}
}

// cycleError is the error recorded on the item that closes a cycle.
func cycleError(path []string) error {
	return fmt.Errorf("dependency cycle: %s", strings.Join(path, " → "))
}
