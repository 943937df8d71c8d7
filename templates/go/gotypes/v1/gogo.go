package v1

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// gogoString is the text k8s.io/api v0.36.3's generated (*T).String() methods print (gogo
// protobuf's stringer, in generated.pb.go), for p a pointer to one of this package's structs:
// "nil" for a nil pointer, else "&T{Field:value,…,}" over the fields that have a protobuf tag, in
// protobuf field-number order, each value written as that generator writes its kind of field:
//
//   - scalars, slices of scalars and []byte: fmt's %v;
//   - pointers to scalars: "nil", or "*" and %v of the value;
//   - maps: "map[K]V{" (or the named map type's name, "ResourceList{") and "k: v," per key in
//     sorted order, then "}";
//   - a struct of the same Kubernetes package: its own String() without the first "&"; a pointer to
//     one: its String(); a slice of them: "[]T{" and each one's String() without its "&", ","
//     (metav1's Time, MicroTime, Duration, FieldsV1 have no generated String(): fmt's %v, as for
//     other packages' types);
//   - a struct of another package (meta, intstr, resource, or core seen from apps…): fmt's %v of
//     the value with the first "&" removed and its type name qualified once ("ObjectMeta" →
//     "v1.ObjectMeta", core types from other packages as "v11.T"); a pointer: %v of the pointer
//     (its String(), "nil"/"<nil>" when nil), qualified the same way; a slice: "[]T{" and %v, ",".
//
// The text then matches k8s.io/api's wherever the mirrored types print alike (resource.Quantity
// values do not: see package resource).
func gogoString(p reflect.Value) string {
	if p.IsNil() {
		return "nil"
	}
	v := p.Elem()
	t := v.Type()
	var b strings.Builder
	b.WriteString("&" + t.Name() + "{")
	for _, i := range protoFields(t) {
		f := t.Field(i)
		b.WriteString(f.Name + ":" + gogoField(t.Name(), f.Type, v.Field(i)) + ",")
	}
	b.WriteString("}")
	return b.String()
}

var fieldOrder sync.Map // reflect.Type → []int

// protoFields are the indices of t's fields with a protobuf tag, by protobuf field number.
func protoFields(t reflect.Type) []int {
	if got, ok := fieldOrder.Load(t); ok {
		return got.([]int)
	}
	type numbered struct{ index, number int }
	var fs []numbered
	for i := 0; i < t.NumField(); i++ {
		tag, ok := t.Field(i).Tag.Lookup("protobuf")
		if !ok {
			continue
		}
		parts := strings.Split(tag, ",")
		n := 0
		if len(parts) > 1 {
			n, _ = strconv.Atoi(parts[1])
		}
		fs = append(fs, numbered{i, n})
	}
	sort.SliceStable(fs, func(a, b int) bool { return fs[a].number < fs[b].number })
	out := make([]int, len(fs))
	for i, f := range fs {
		out[i] = f.index
	}
	fieldOrder.Store(t, out)
	return out
}

// kubePkg is the Kubernetes package of a struct type of the mirrors ("core", "meta", "intstr", …).
func kubePkg(t reflect.Type) string {
	switch {
	case strings.HasSuffix(t.PkgPath(), "/intstr"):
		return "intstr"
	case strings.HasSuffix(t.PkgPath(), "/resource"):
		return "resource"
	}
	switch t.Name() {
	case "Time", "MicroTime", "Duration", "FieldsV1":
		return "meta"
	}
	return protoPkg[t.Name()]
}

// qualifier is how a package's generated code names package `of`'s types from package `from`.
func qualifier(from, of string) string {
	switch of {
	case "meta":
		return "v1."
	case "core":
		return "v11."
	}
	return of + "."
}

// isMessage: a struct type of the mirrors (a protobuf message in k8s.io/api).
func isMessage(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() != "" && strings.Contains(t.PkgPath(), "/gotypes/")
}

// generated: a struct with a generated String() (not metav1's own Time, MicroTime, Duration,
// FieldsV1, which the generated code prints with fmt, "<nil>" for a nil pointer).
func generated(t reflect.Type) bool {
	_, ok := protoPkg[t.Name()]
	return ok && strings.HasSuffix(t.PkgPath(), "/gotypes/v1")
}

func stringOf(v reflect.Value) string {
	if s, ok := v.Interface().(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%v", v.Interface())
}

func gogoField(owner string, ft reflect.Type, fv reflect.Value) string {
	from := protoPkg[owner]
	switch {
	case isMessage(ft):
		if kubePkg(ft) == from && generated(ft) {
			return strings.Replace(stringOf(fv.Addr()), "&", "", 1)
		}
		s := strings.Replace(fmt.Sprintf("%v", fv.Interface()), ft.Name(), qualifier(from, kubePkg(ft))+ft.Name(), 1)
		return strings.Replace(s, "&", "", 1)
	case ft.Kind() == reflect.Pointer && isMessage(ft.Elem()):
		et := ft.Elem()
		if kubePkg(et) == from && generated(et) {
			return stringOf(fv)
		}
		return strings.Replace(fmt.Sprintf("%v", fv.Interface()), et.Name(), qualifier(from, kubePkg(et))+et.Name(), 1)
	case ft.Kind() == reflect.Pointer:
		if fv.IsNil() {
			return "nil"
		}
		return "*" + fmt.Sprintf("%v", fv.Elem().Interface())
	case ft.Kind() == reflect.Slice && isMessage(ft.Elem()):
		et := ft.Elem()
		var b strings.Builder
		b.WriteString("[]" + et.Name() + "{")
		for i := 0; i < fv.Len(); i++ {
			e := reflect.New(et)
			e.Elem().Set(fv.Index(i))
			if kubePkg(et) == from && generated(et) {
				b.WriteString(strings.Replace(stringOf(e), "&", "", 1))
			} else {
				b.WriteString(fmt.Sprintf("%v", e.Elem().Interface()))
			}
			b.WriteString(",")
		}
		b.WriteString("}")
		return b.String()
	case ft.Kind() == reflect.Map:
		keys := make([]string, 0, fv.Len())
		byKey := map[string]reflect.Value{}
		for _, k := range fv.MapKeys() {
			keys = append(keys, k.String())
			byKey[k.String()] = fv.MapIndex(k)
		}
		sort.Strings(keys)
		var b strings.Builder
		if ft.Name() != "" {
			b.WriteString(ft.Name() + "{")
		} else {
			b.WriteString("map[" + spellType(ft.Key()) + "]" + spellType(ft.Elem()) + "{")
		}
		for _, k := range keys {
			b.WriteString(fmt.Sprintf("%v: %v,", k, byKey[k].Interface()))
		}
		b.WriteString("}")
		return b.String()
	}
	return fmt.Sprintf("%v", fv.Interface())
}

// spellType is a map key or element type as the generator spells it ("string", "[]byte").
func spellType(t reflect.Type) string {
	if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
		return "[]byte"
	}
	if t.Name() != "" {
		return t.Name()
	}
	return t.String()
}
