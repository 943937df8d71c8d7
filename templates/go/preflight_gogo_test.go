package kotstemplate

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// fill sets every field of v reachable within depth levels: pointers allocated, slices and maps
// given one element, strings "s", numbers 1, so that every generated String() path runs.
func fill(v reflect.Value, depth int) {
	if depth == 0 || !v.CanSet() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth-1)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), depth-1)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth-1)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k := reflect.New(v.Type().Key()).Elem()
		fill(k, depth-1)
		e := reflect.New(v.Type().Elem()).Elem()
		fill(e, depth-1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.String:
		v.SetString("s")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Bool:
		v.SetBool(true)
	}
}

// Every generated String() of every type troubleshoot's messages can reach prints without a panic
// (fmt would print "%!v(PANIC=String method: …)"), empty and with every field set.
func TestGeneratedStringsDoNotPanic(t *testing.T) {
	for name, typ := range preflightTypes {
		for _, depth := range []int{0, 3, 8, 20} {
			p := reflect.New(typ)
			fill(p.Elem(), depth)
			out := fmt.Sprintf("%v|%+v", p.Interface(), p.Elem().Interface())
			if strings.Contains(out, "PANIC") {
				i := strings.Index(out, "PANIC")
				t.Errorf("%s (fields set %d deep): %s", name, depth, out[max(0, i-200):min(len(out), i+200)])
			}
		}
	}
}
