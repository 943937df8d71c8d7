package kotstemplate

// ItemValue is one Config item's state as the ConfigOption* functions see it: the operator's (or
// rendered) Value, the rendered Default, the uploaded file's Filename and, for an item generated
// from a repeatable template, the RepeatableItem it came from. It follows KOTS's ItemValue
// (kots pkg/template/config_context.go), with Value and Default already strings: KOTS prints them
// with %s, and the TS bridge only ever sends strings.
type ItemValue struct {
	Value, Default, Filename, RepeatableItem string
}

// ConfigItems looks up Config items by name for the ConfigOption* functions.
// Item returns the item's value and true, or a zero ItemValue and false when no item has that name.
// A nil ConfigItems passed to BuildFuncMap means "no Config context": every ConfigOption* function
// then behaves as for a missing item (kots pkg/template/config_context.go getConfigOptionValue).
type ConfigItems interface {
	Item(name string) (ItemValue, bool)
}

// MapItems is a ConfigItems backed by a map (tests, and callers that have every item at hand).
type MapItems map[string]ItemValue

// Item implements ConfigItems.
func (m MapItems) Item(name string) (ItemValue, bool) {
	v, ok := m[name]
	return v, ok
}
