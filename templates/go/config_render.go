package kotstemplate

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ResolveOptions tune ResolveConfig for an interactive session.
type ResolveOptions struct {
	// File names the Config in errors (default "kots-config.yaml").
	File string `json:"file"`
	// Lines gives the line of a field in File: "item/field" or "group:NAME/field" → line.
	Lines map[string]int `json:"lines"`
	// Fixed are outputs to use instead of rendering, by "item/field": the values a session generated
	// earlier for a RandomString/RandomBytes default or value, so they do not change per render.
	Fixed map[string]string `json:"fixed"`
}

// FieldError is a template error of one field of an item or group.
type FieldError struct {
	Field string `json:"field"`
	Error string `json:"error"`
}

// ResolvedItem is a Config item after both passes: value/default/filename from the dependency-order
// pass, the other fields from the second pass.
type ResolvedItem struct {
	Name  string `json:"name"`
	Group string `json:"group"`
	Type  string `json:"type"`
	// Value is the operator's value for an editable item with a ConfigValues entry, else the
	// rendered `value`; Default the rendered `default`. ConfigOption returns Value, or Default
	// when Value is "".
	Value    string `json:"value"`
	Default  string `json:"default"`
	Filename string `json:"filename"`
	Title    string `json:"title"`
	HelpText string `json:"helpText"`
	When     string `json:"when"`
	// Visible is false when the item is hidden or its `when` rendered to exactly "false".
	Visible  bool             `json:"visible"`
	Editable bool             `json:"editable"`
	Options  []ResolvedOption `json:"options"`
	Errors   []FieldError     `json:"errors,omitempty"`
}

// ResolvedOption is an option of a select_one/radio item with its title rendered.
type ResolvedOption struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Recommended bool   `json:"recommended"`
}

// ResolvedGroup is a Config group with its fields rendered.
type ResolvedGroup struct {
	Name        string       `json:"name"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	When        string       `json:"when"`
	Visible     bool         `json:"visible"`
	Errors      []FieldError `json:"errors,omitempty"`
}

// ResolvedConfig is the result of ResolveConfig.
type ResolvedConfig struct {
	Name   string          `json:"name"`
	Groups []ResolvedGroup `json:"groups"`
	Items  []ResolvedItem  `json:"items"`
	// Random lists the "item/field" keys (default or value) whose template calls RandomString or
	// RandomBytes: nondeterministic, so a session generates them once and keeps them.
	Random []string `json:"random"`
	// Generated holds what those fields rendered to in this call, when not given in Fixed.
	Generated map[string]string `json:"generated"`

	live MapItems
}

// Lookup is the ConfigItems of the resolved Config (for rendering the app's files).
func (r *ResolvedConfig) Lookup() ConfigItems { return r.live }

// WhenVisible is the `when` rule: a group or item is hidden only when the rendered text is
// exactly "false" (KOTS parses `when` as a QuotedBool after templating; " false" is not false).
func WhenVisible(rendered string) bool { return rendered != "false" }

// NondeterministicFuncs are the functions whose output differs per call; a Config default or
// value calling one is generated once and kept in the ConfigValues.
var NondeterministicFuncs = []string{"RandomString", "RandomBytes"}

func parseConfigSpec(raw json.RawMessage) (*configSpec, error) {
	var spec configSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("context.config is not a Config: %w", err)
	}
	return &spec, nil
}

// AnalyzeConfig parses every templated field of c.Config (both delimiter passes, without
// executing) and returns the "item/field" keys of nondeterministic defaults/values. It fails with
// the first parse error in Config order (syntax, unknown function), as Go's text/template words it.
func AnalyzeConfig(c *Context, opts *ResolveOptions) ([]string, error) {
	spec, err := parseConfigSpec(c.Config)
	if err != nil {
		return nil, err
	}
	o := withDefaults(opts)
	return analyzeSpec(spec, NewRenderer(BuildFuncMap(c, MapItems{})), o)
}

// analyzeSpec is AnalyzeConfig with the spec parsed and a Renderer of the full function map.
func analyzeSpec(spec *configSpec, r *Renderer, o ResolveOptions) ([]string, error) {
	var random []string
	check := func(owner, field, text string) error {
		if !strings.Contains(text, "repl") {
			return nil
		}
		funcs, err := r.ParseCheck(text, o.File, o.line(owner, field))
		if err != nil {
			return err
		}
		if field == "default" || field == "value" {
			for _, f := range NondeterministicFuncs {
				if funcs[f] {
					random = append(random, owner+"/"+field)
					break
				}
			}
		}
		return nil
	}
	for _, g := range spec.Spec.Groups {
		gk := "group:" + g.Name
		for _, f := range [][2]string{{"title", g.Title}, {"description", g.Description}, {"when", string(g.When)}} {
			if err := check(gk, f[0], f[1]); err != nil {
				return nil, err
			}
		}
		for i := range g.Items {
			it := &g.Items[i]
			for _, f := range itemFields(it) {
				if err := check(it.Name, f[0], f[1]); err != nil {
					return nil, err
				}
			}
		}
	}
	return random, nil
}

func itemFields(it *configItemSpec) [][2]string {
	fs := [][2]string{{"title", it.Title}, {"help_text", it.HelpText}, {"default", string(it.Default)}, {"value", string(it.Value)}, {"when", string(it.When)}, {"filename", it.Filename}}
	for _, o := range it.Items {
		fs = append(fs, [2]string{"option:" + o.Name, o.Title})
	}
	return fs
}

func withDefaults(opts *ResolveOptions) ResolveOptions {
	o := ResolveOptions{}
	if opts != nil {
		o = *opts
	}
	if o.File == "" {
		o.File = "kots-config.yaml"
	}
	return o
}

func (o ResolveOptions) line(owner, field string) int {
	if l, ok := o.Lines[owner+"/"+field]; ok && l > 0 {
		return l
	}
	if l, ok := o.Lines[owner]; ok && l > 0 {
		return l
	}
	return 1
}

// ResolveConfig renders c.Config as KOTS does (kots pkg/template/config_context.go
// newConfigContext, then the Config templated with the resulting values):
//  1. a dependency graph of items from the ConfigOption*/TLS* calls in their default and value
//     (depgraph.go); items are resolved in dependency order: default rendered; for an editable item
//     with a c.ConfigValues entry the entry's value (and filename) is kept, else value and filename
//     are rendered. A template error is recorded on its field and the field is "";
//  2. every item's title, help_text, when and option titles, and every group's title, description
//     and when, rendered with all values known.
//
// An item on a dependency cycle gets the error "dependency cycle: a → b → a" on the field that
// closes it and is then resolved in Config order with what is known (KOTS instead fails the
// whole Config). Errors returned are about the input (c.Config not a Config), not templates.
func ResolveConfig(c *Context, opts *ResolveOptions) (*ResolvedConfig, error) {
	spec, err := parseConfigSpec(c.Config)
	if err != nil {
		return nil, err
	}
	o := withDefaults(opts)
	live := MapItems{}
	// like KOTS, ConfigOption of an item not resolved yet sees the operator's value
	for name, v := range valuesMap(c.ConfigValues) {
		live[name] = v
	}
	fm := BuildFuncMap(c, live)
	rr := NewRenderer(fm)
	random, err := analyzeSpec(spec, rr, o)
	if err != nil {
		// a parse error: every field still renders, each reporting its own error
		random = nil
	}
	isRandom := map[string]bool{}
	for _, k := range random {
		isRandom[k] = true
	}
	res := &ResolvedConfig{Name: spec.Metadata.Name, Random: random, Generated: map[string]string{}, live: live}

	var order []string
	specs := map[string]*configItemSpec{}
	index := map[string]int{}
	for _, g := range spec.Spec.Groups {
		for i := range g.Items {
			it := &g.Items[i]
			if _, dup := specs[it.Name]; dup {
				continue
			}
			specs[it.Name] = it
			index[it.Name] = len(res.Items)
			order = append(order, it.Name)
			res.Items = append(res.Items, ResolvedItem{Name: it.Name, Group: g.Name, Type: it.Type, Editable: it.editable(), Visible: true})
		}
	}

	render := func(r *ResolvedItem, field, text string) string {
		key := r.Name + "/" + field
		if v, ok := o.Fixed[key]; ok && isRandom[key] {
			return v
		}
		out, err := rr.Render(text, o.File, o.line(r.Name, field))
		if err != nil {
			r.Errors = append(r.Errors, FieldError{Field: field, Error: err.Error()})
			return ""
		}
		if isRandom[key] {
			res.Generated[key] = out
		}
		return out
	}

	g := newDepGraph()
	for _, name := range order {
		it := specs[name]
		g.scan(fm, name, "default", string(it.Default))
		g.scan(fm, name, "value", string(it.Value))
	}
	g.linkTLS()
	ordered, stuck, cycle := g.order(order)
	cycleAt, cycleField := "", ""
	if len(cycle) >= 2 {
		cycleAt = cycle[len(cycle)-2]
		cycleField = g.refs[cycleAt][cycle[len(cycle)-1]]
		if cycleField == "" {
			cycleField = "default"
		}
	}

	resolve := func(name string) {
		it := specs[name]
		r := &res.Items[index[name]]
		skip := func(field string) bool {
			if name == cycleAt && field == cycleField {
				r.Errors = append(r.Errors, FieldError{Field: field, Error: cycleError(cycle).Error()})
				return true
			}
			return false
		}
		if !skip("default") {
			r.Default = render(r, "default", string(it.Default))
		}
		entry, has := c.ConfigValues[name]
		if has && it.editable() {
			r.Value = entry.Value
			if it.Type == "password" && entry.ValuePlaintext != "" {
				r.Value = entry.ValuePlaintext
			} else if r.Value == "" {
				r.Value = entry.ValuePlaintext
			}
			r.Filename = entry.Filename
			if r.Filename == "" {
				r.Filename = render(r, "filename", it.Filename)
			}
		} else {
			if !skip("value") {
				r.Value = render(r, "value", string(it.Value))
			}
			r.Filename = render(r, "filename", it.Filename)
		}
		prev := res.live[name]
		res.live[name] = ItemValue{Value: r.Value, Default: r.Default, Filename: r.Filename, RepeatableItem: prev.RepeatableItem}
	}
	for _, name := range ordered {
		resolve(name)
	}
	for _, name := range stuck {
		resolve(name)
	}

	// second pass: the rest of the Config with every value known
	for i := range res.Items {
		r := &res.Items[i]
		it := specs[r.Name]
		r.Title = render(r, "title", it.Title)
		r.HelpText = render(r, "help_text", it.HelpText)
		r.When = render(r, "when", string(it.When))
		r.Visible = !it.Hidden && WhenVisible(r.When)
		r.Options = make([]ResolvedOption, 0, len(it.Items))
		for _, op := range it.Items {
			r.Options = append(r.Options, ResolvedOption{Name: op.Name, Title: render(r, "option:"+op.Name, op.Title), Recommended: op.Recommended})
		}
	}
	for _, gs := range spec.Spec.Groups {
		rg := ResolvedGroup{Name: gs.Name}
		gk := "group:" + gs.Name
		rf := func(field, text string) string {
			out, err := rr.Render(text, o.File, o.line(gk, field))
			if err != nil {
				rg.Errors = append(rg.Errors, FieldError{Field: field, Error: err.Error()})
				return ""
			}
			return out
		}
		rg.Title = rf("title", gs.Title)
		rg.Description = rf("description", gs.Description)
		rg.When = rf("when", string(gs.When))
		rg.Visible = WhenVisible(rg.When)
		res.Groups = append(res.Groups, rg)
	}
	return res, nil
}
