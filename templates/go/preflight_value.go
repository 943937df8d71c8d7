package kotstemplate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// pfDecodeValue turns one node of the typed JSON the TS side sends as a template's dot into the
// Go value troubleshoot would hold (src/preflight/app/go-value.ts writes it):
//
//	null, true/false, "text"      → nil, bool, string
//	1.5 (a JSON number)           → float64 (encoding/json's number in an interface {})
//	[n, …]                        → []interface {}
//	{"int": "12"}                 → int;  {"uint64": "12"} → uint64
//	{"float": "NaN"|"+Inf"|"-Inf"|"-0"} → those float64s
//	{"map": [["k", n], …]}        → map[string]interface {}
//	{"imap": [[n, n], …]}         → map[interface {}]interface {} (gopkg.in/yaml.v2's maps)
//	{"smap": {"k": "v", …}}       → map[string]string
//	{"go": "v1.Pod", "json": {…}, "ptr": true, "listItem": true} → a value of a preflightTypes
//	                                  type decoded from json by encoding/json (a pointer to it when
//	                                  ptr; listItem: see indentManagedFields)
//
// Errors name the node that is not one of these, or the decoding error.
func pfDecodeValue(raw json.RawMessage) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, nil
	}
	switch raw[0] {
	case 'n':
		return nil, nil
	case 't', 'f', '"':
		var v any
		err := json.Unmarshal(raw, &v)
		return v, err
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, err
		}
		out := make([]any, len(items))
		for i, it := range items {
			v, err := pfDecodeValue(it)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case '{':
		return pfDecodeTagged(raw)
	}
	var f float64
	err := json.Unmarshal(raw, &f)
	return f, err
}

type pfTagged struct {
	Int      *string              `json:"int"`
	Uint64   *string              `json:"uint64"`
	Float    *string              `json:"float"`
	Map      [][2]json.RawMessage `json:"map"`
	IMap     [][2]json.RawMessage `json:"imap"`
	SMap     map[string]string    `json:"smap"`
	Go       string               `json:"go"`
	JSON     json.RawMessage      `json:"json"`
	Ptr      bool                 `json:"ptr"`
	ListItem bool                 `json:"listItem"`
}

func pfDecodeTagged(raw json.RawMessage) (any, error) {
	var t pfTagged
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, err
	}
	switch {
	case t.Int != nil:
		return strconv.Atoi(*t.Int)
	case t.Uint64 != nil:
		return strconv.ParseUint(*t.Uint64, 10, 64)
	case t.Float != nil:
		switch *t.Float {
		case "NaN":
			return math.NaN(), nil
		case "+Inf":
			return math.Inf(1), nil
		case "-Inf":
			return math.Inf(-1), nil
		case "-0":
			return math.Copysign(0, -1), nil
		}
		return strconv.ParseFloat(*t.Float, 64)
	case t.Map != nil:
		m := make(map[string]any, len(t.Map))
		for _, kv := range t.Map {
			var k string
			if err := json.Unmarshal(kv[0], &k); err != nil {
				return nil, fmt.Errorf("map key: %w", err)
			}
			v, err := pfDecodeValue(kv[1])
			if err != nil {
				return nil, err
			}
			m[k] = v
		}
		return m, nil
	case t.IMap != nil:
		m := make(map[any]any, len(t.IMap))
		for _, kv := range t.IMap {
			k, err := pfDecodeValue(kv[0])
			if err != nil {
				return nil, err
			}
			if k != nil && !reflect.TypeOf(k).Comparable() {
				return nil, fmt.Errorf("map key %v is not comparable", k)
			}
			v, err := pfDecodeValue(kv[1])
			if err != nil {
				return nil, err
			}
			m[k] = v
		}
		return m, nil
	case t.SMap != nil:
		return t.SMap, nil
	case t.Go != "":
		typ, ok := preflightTypes[t.Go]
		if !ok {
			return nil, fmt.Errorf("no Go type %s for a template's data", t.Go)
		}
		p := reflect.New(typ)
		if len(t.JSON) > 0 {
			if err := json.Unmarshal(t.JSON, p.Interface()); err != nil {
				return nil, fmt.Errorf("decoding %s: %w", t.Go, err)
			}
		}
		if t.ListItem {
			indentManagedFields(p.Elem())
		}
		if t.Ptr {
			return p.Interface(), nil
		}
		return p.Elem().Interface(), nil
	}
	return nil, fmt.Errorf("not a template data node: %s", raw)
}

// indentManagedFields gives the managedFields' fieldsV1 of an object the bytes troubleshoot's
// decoder keeps for them: troubleshoot reads the object from a collected list file written by
// json.MarshalIndent(list, "", "  "), where a fieldsV1 value (items[i].metadata.managedFields[j]
// .fieldsV1) closes at six levels of indentation and its members sit at seven, and metav1.FieldsV1
// keeps its raw text, line breaks and indentation included, which its String() prints.
func indentManagedFields(obj reflect.Value) {
	meta := obj.FieldByName("ObjectMeta")
	if !meta.IsValid() {
		return
	}
	entries := meta.FieldByName("ManagedFields")
	for i := 0; entries.IsValid() && i < entries.Len(); i++ {
		f := entries.Index(i).FieldByName("FieldsV1")
		if f.IsNil() {
			continue
		}
		raw := f.Elem().FieldByName("Raw")
		var out bytes.Buffer
		if err := json.Indent(&out, raw.Bytes(), strings.Repeat("  ", 6), "  "); err == nil {
			raw.SetBytes(out.Bytes())
		}
	}
}
