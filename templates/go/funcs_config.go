package kotstemplate

import (
	"encoding/base64"
	"text/template"
)

// configFuncs are the ConfigOption* functions of KOTS's config context
// (kots pkg/template/config_context.go ConfigCtx.FuncMap). items nil behaves as no items.
func configFuncs(c *Context, items ConfigItems) template.FuncMap {
	cfg := configLookup{items: items}
	return template.FuncMap{
		"ConfigOption":          cfg.option,
		"ConfigOptionName":      func(name string) string { return name },
		"ConfigOptionIndex":     func(name string) string { return "" },
		"ConfigOptionData":      cfg.data,
		"ConfigOptionFilename":  cfg.filename,
		"ConfigOptionEquals":    cfg.equals,
		"ConfigOptionNotEquals": cfg.notEquals,
	}
}

type configLookup struct{ items ConfigItems }

// value is KOTS's getConfigOptionValue: the item's Value when non-empty, else its Default;
// ok false when there is no such item.
func (l configLookup) value(name string) (string, bool) {
	if l.items == nil {
		return "", false
	}
	it, ok := l.items.Item(name)
	if !ok {
		return "", false
	}
	if it.Value != "" {
		return it.Value, true
	}
	return it.Default, true
}

// option is ConfigOption(name): the item's value, else its default; "" for a missing item
// (kots config_context.go configOption). ConfigOptionName returns its argument and
// ConfigOptionIndex always "" in v1.88.0 (repeatable items are not indexed there).
func (l configLookup) option(name string) string {
	v, _ := l.value(name)
	return v
}

// data is ConfigOptionData(name): ConfigOption's result base64-decoded (standard, padded) — for
// file items; "" for a missing item or a value that is not valid base64 (kots configOptionData).
func (l configLookup) data(name string) string {
	v, ok := l.value(name)
	if !ok {
		return ""
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// filename is ConfigOptionFilename(name): the item's Filename, "" for a missing item
// (kots configOptionFilename).
func (l configLookup) filename(name string) string {
	if l.items == nil {
		return ""
	}
	it, ok := l.items.Item(name)
	if !ok {
		return ""
	}
	return it.Filename
}

// equals is ConfigOptionEquals(name, value): ConfigOption(name) == value; false for a missing item
// (kots configOptionEquals).
func (l configLookup) equals(name, value string) bool {
	v, ok := l.value(name)
	return ok && v == value
}

// notEquals is ConfigOptionNotEquals(name, value): ConfigOption(name) != value; false — not true —
// for a missing item (kots configOptionNotEquals).
func (l configLookup) notEquals(name, value string) bool {
	v, ok := l.value(name)
	return ok && v != value
}
