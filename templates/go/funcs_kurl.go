package kotstemplate

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
)

type kurlKind int

const (
	kurlString kurlKind = iota
	kurlInt
	kurlBool
	kurlOther // slices and the like: present as keys, but no Kurl* function returns them
)

type kurlField struct {
	goName, jsonName string
	kind             kurlKind
}

type kurlCategory struct {
	jsonName, goType string
	fields           []kurlField
}

// kurlValues flattens the Installer JSON the way KOTS's AddValuesToKurlContext flattens the Go
// object (kots pkg/template/kurl_context.go): one key "<CategoryType>.<FieldName>" (Go names, e.g.
// "Kubernetes.Version", "Contour.HTTPPort") for every field of every category in kurlSchema,
// present or not, holding the JSON value decoded to the field's Go type (its zero value when
// absent or of another JSON type). Fields of other kinds hold a non-scalar marker. No installer
// (nil / null / unreadable JSON) gives an empty map.
func kurlValues(raw json.RawMessage) map[string]interface{} {
	vals := map[string]interface{}{}
	if len(raw) == 0 || string(raw) == "null" {
		return vals
	}
	var doc struct {
		Spec map[string]map[string]json.RawMessage `json:"spec"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return vals
	}
	for _, cat := range kurlSchema {
		src := doc.Spec[cat.jsonName]
		for _, f := range cat.fields {
			key := cat.goType + "." + f.goName
			v := src[f.jsonName]
			switch f.kind {
			case kurlString:
				var s string
				_ = json.Unmarshal(v, &s)
				vals[key] = s
			case kurlInt:
				var n float64
				i := 0
				if json.Unmarshal(v, &n) == nil && n == math.Trunc(n) {
					i = int(n)
				}
				vals[key] = i
			case kurlBool:
				var b bool
				_ = json.Unmarshal(v, &b)
				vals[key] = b
			default:
				vals[key] = kurlNonScalar{}
			}
		}
	}
	return vals
}

// kurlNonScalar stands for a list-valued Installer field, which no Kurl* function returns.
type kurlNonScalar struct{}

// kurlFuncs are KOTS's kurl context (kots pkg/template/kurl_context.go) over Context.Kurl, the
// cluster's kURL Installer ("base" in namespace default, else the newest — chosen by the TS side).
// Each function logs nothing here (KOTS prints a line to stdout) and returns the zero value when
// there is no installer, no such key, or the value is of another kind.
func kurlFuncs(c *Context) template.FuncMap {
	raw := c.Kurl
	flat := sync.OnceValue(func() map[string]interface{} { return kurlValues(raw) })
	return template.FuncMap{
		// KurlString(path): the string field at path, else "".
		"KurlString": func(path string) string { s, _ := flat()[path].(string); return s },
		// KurlInt(path): the int field at path, else 0.
		"KurlInt": func(path string) int { i, _ := flat()[path].(int); return i },
		// KurlBool(path): the bool field at path, else false.
		"KurlBool": func(path string) bool { b, _ := flat()[path].(bool); return b },
		// KurlOption(path): the string, int (decimal) or bool ("true"/"false") field at path as a string, else "".
		"KurlOption": func(path string) string { return kurlScalar(flat()[path]) },
		// KurlAll(): every "key:value" pair sorted and joined by spaces. Like KOTS it keeps an empty
		// entry for each non-scalar key, so the result starts with one space per such key.
		"KurlAll": func() string {
			entries := make([]string, 0, len(flat()))
			for k, v := range flat() {
				if _, ok := v.(kurlNonScalar); ok {
					entries = append(entries, "")
					continue
				}
				entries = append(entries, k+":"+kurlScalar(v))
			}
			sort.Strings(entries)
			return strings.Join(entries, " ")
		},
	}
}

func kurlScalar(v interface{}) string {
	switch t := v.(type) {
	case string:
		return t
	case int:
		return strconv.Itoa(t)
	case bool:
		return strconv.FormatBool(t)
	}
	return ""
}
