// Command preflight-go-types writes the Go declarations of the Kubernetes API types troubleshoot's
// message templates see (templates/go/gotypes/{v1,intstr,resource,types}/zz_generated.go), walking the
// real k8s.io/api and k8s.io/apimachinery v0.36.3 types (the versions troubleshoot v0.133.0
// requires) with reflection: every struct reachable from the roots below, with the same package
// name (so Go prints "v1.Pod"), field names, field types, json and protobuf tags, and the named
// basic and map types they use. Only shapes are written: no code of those modules is copied. The
// types whose JSON decoding or printing is their own (v1.Time, v1.MicroTime, v1.Duration,
// v1.FieldsV1, resource.Quantity, intstr.IntOrString) are written by hand next to the generated
// files. Every struct whose pointer has k8s.io/api's generated String() gets one here that prints
// the same text by reflection (templates/go/gotypes/v1/gogo.go), with the table of the Kubernetes
// package each comes from, which that text depends on.
//
// Usage (from the repository root): (cd scripts/preflight-go-types && go run .)
package main

import (
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// handWritten types: declared in templates/go/gotypes by hand (own JSON decoding or printing).
var handWritten = map[reflect.Type]bool{
	reflect.TypeOf(metav1.Time{}):       true,
	reflect.TypeOf(metav1.MicroTime{}):  true,
	reflect.TypeOf(metav1.Duration{}):   true,
	reflect.TypeOf(metav1.FieldsV1{}):   true,
	reflect.TypeOf(resource.Quantity{}): true,
	reflect.TypeOf(intstr.IntOrString{}): true,
}

// protoPkg: for each v1 struct with a generated String(), the k8s package it comes from ("core",
// "meta", "apps", …), which decides how k8s.io/api's String() prints its fields of other types.
var protoPkg = map[string]string{}

func protoPkgName(p string) string {
	switch {
	case strings.HasSuffix(p, "/meta/v1"):
		return "meta"
	case strings.HasPrefix(p, "k8s.io/api/"):
		return strings.Split(strings.TrimPrefix(p, "k8s.io/api/"), "/")[0]
	}
	panic("unexpected package " + p)
}

const modPrefix = "kots-tui.dev/templates/gotypes/"

// pkgs: output package name → declarations (type name → Go source).
var pkgs = map[string]map[string]string{}
var seen = map[reflect.Type]bool{}

var stringer = reflect.TypeOf((*fmt.Stringer)(nil)).Elem()

// outPkg is the package a named k8s type is declared in here: its Go package name.
func outPkg(t reflect.Type) string {
	p := t.PkgPath()
	switch {
	case strings.HasSuffix(p, "/util/intstr"):
		return "intstr"
	case strings.HasSuffix(p, "/api/resource"):
		return "resource"
	case strings.HasSuffix(p, "apimachinery/pkg/types"):
		return "types"
	case strings.HasSuffix(p, "/v1"):
		return "v1"
	}
	panic("unexpected package " + p)
}

// spell is t as Go source inside package cur, recording the packages it needs in imports.
func spell(t reflect.Type, cur string, imports map[string]bool) string {
	if t.Name() != "" && t.PkgPath() != "" {
		if t.PkgPath() == "time" {
			imports["time"] = true
			return t.String()
		}
		p := outPkg(t)
		if p == cur {
			return t.Name()
		}
		imports[modPrefix+p] = true
		return p + "." + t.Name()
	}
	switch t.Kind() {
	case reflect.Ptr:
		return "*" + spell(t.Elem(), cur, imports)
	case reflect.Slice:
		return "[]" + spell(t.Elem(), cur, imports)
	case reflect.Map:
		return "map[" + spell(t.Key(), cur, imports) + "]" + spell(t.Elem(), cur, imports)
	case reflect.Interface:
		panic("interface field")
	}
	if t.Kind() == reflect.Uint8 {
		return "byte"
	}
	return t.String()
}

func declare(pkg, name, src string) {
	if pkgs[pkg] == nil {
		pkgs[pkg] = map[string]string{}
	}
	pkgs[pkg][name] = src
}

var importsOf = map[string]map[string]bool{}

func visit(t reflect.Type) {
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Ptr, reflect.Slice:
		visit(t.Elem())
		return
	case reflect.Map:
		visit(t.Key())
		visit(t.Elem())
		if t.Name() != "" {
			p := outPkg(t)
			imp := importsOf[p]
			declare(p, t.Name(), fmt.Sprintf("type %s map[%s]%s\n", t.Name(), spell(t.Key(), p, imp), spell(t.Elem(), p, imp)))
		}
		return
	case reflect.Struct:
	default:
		if t.Name() != "" && t.PkgPath() != "" {
			declare(outPkg(t), t.Name(), fmt.Sprintf("type %s %s\n", t.Name(), t.Kind()))
		}
		return
	}
	if t.PkgPath() == "time" {
		return
	}
	p := outPkg(t)
	if handWritten[t] {
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() {
				visit(t.Field(i).Type)
			}
		}
		return
	}
	imp := importsOf[p]
	var b strings.Builder
	fmt.Fprintf(&b, "type %s struct {\n", t.Name())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			panic("unexported field in " + t.String())
		}
		typ := spell(f.Type, p, imp)
		var tags []string
		if j, ok := f.Tag.Lookup("json"); ok {
			tags = append(tags, fmt.Sprintf("json:%q", j))
		}
		if pb, ok := f.Tag.Lookup("protobuf"); ok {
			tags = append(tags, fmt.Sprintf("protobuf:%q", pb))
		}
		tag := ""
		if len(tags) > 0 {
			tag = " `" + strings.Join(tags, " ") + "`"
		}
		if f.Anonymous {
			fmt.Fprintf(&b, "\t%s%s\n", typ, tag)
		} else {
			fmt.Fprintf(&b, "\t%s %s%s\n", f.Name, typ, tag)
		}
		visit(f.Type)
	}
	b.WriteString("}\n")
	if reflect.PointerTo(t).Implements(stringer) && !t.Implements(stringer) {
		fmt.Fprintf(&b, "\n// String is k8s.io/api's generated text (see gogoString).\nfunc (x *%s) String() string { return gogoString(reflect.ValueOf(x)) }\n", t.Name())
		if p == "v1" {
			protoPkg[t.Name()] = protoPkgName(t.PkgPath())
		}
	}
	declare(p, t.Name(), b.String())
}

func main() {
	for _, p := range []string{"v1", "intstr", "resource", "types"} {
		importsOf[p] = map[string]bool{}
	}
	roots := []any{
		corev1.Pod{}, corev1.Event{}, corev1.Node{}, corev1.Service{}, corev1.Namespace{}, corev1.ConfigMap{}, corev1.Secret{},
		corev1.PersistentVolume{}, corev1.PersistentVolumeClaim{}, corev1.Endpoints{}, corev1.ServiceAccount{}, corev1.LimitRange{},
		corev1.ResourceQuota{}, corev1.ReplicationController{},
		appsv1.Deployment{}, appsv1.StatefulSet{}, appsv1.ReplicaSet{}, appsv1.DaemonSet{},
		batchv1.Job{}, batchv1.CronJob{}, networkingv1.Ingress{}, networkingv1.NetworkPolicy{}, storagev1.StorageClass{},
		policyv1.PodDisruptionBudget{}, intstr.IntOrString{}, metav1.LabelSelectorRequirement{},
	}
	for _, r := range roots {
		visit(reflect.TypeOf(r))
	}
	root := filepath.Join("..", "..", "templates", "go", "gotypes")
	for p, decls := range pkgs {
		var names []string
		for n := range decls {
			names = append(names, n)
		}
		sort.Strings(names)
		var b strings.Builder
		b.WriteString("// Code generated by scripts/preflight-go-types; DO NOT EDIT.\n\n")
		fmt.Fprintf(&b, "package %s\n\n", p)
		var imps []string
		for i := range importsOf[p] {
			imps = append(imps, i)
		}
		sort.Strings(imps)
		if p == "v1" {
			imps = append([]string{"reflect"}, imps...)
		}
		if len(imps) > 0 {
			b.WriteString("import (\n")
			for _, i := range imps {
				fmt.Fprintf(&b, "\t%q\n", i)
			}
			b.WriteString(")\n\n")
		}
		for _, n := range names {
			b.WriteString(decls[n])
			b.WriteString("\n")
		}
		if p == "v1" {
			var ks []string
			for k := range protoPkg {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			b.WriteString("// protoPkg is the Kubernetes package each struct with a generated String() comes from.\nvar protoPkg = map[string]string{\n")
			for _, k := range ks {
				fmt.Fprintf(&b, "\t%q: %q,\n", k, protoPkg[k])
			}
			b.WriteString("}\n")
		}
		src, err := format.Source([]byte(b.String()))
		if err != nil {
			os.WriteFile("/tmp/bad.go", []byte(b.String()), 0o644)
			panic(err)
		}
		dir := filepath.Join(root, p)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			panic(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "zz_generated.go"), src, 0o644); err != nil {
			panic(err)
		}
		fmt.Printf("%s: %d types\n", p, len(names))
	}
}
