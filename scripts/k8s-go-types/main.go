package main

import (
	"encoding/json"
	"fmt"
	"os"
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

var special = map[reflect.Type]bool{
	reflect.TypeOf(metav1.Time{}):      true,
	reflect.TypeOf(metav1.MicroTime{}): true,
	reflect.TypeOf(resource.Quantity{}): true,
	reflect.TypeOf(metav1.Duration{}):  true,
}

var structs = map[string][]string{}
var named = map[string]string{}
var namedComposite = map[string]string{}
var pkgOf = map[string]string{}

func lcfirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func typeStr(t reflect.Type) string {
	return t.String()
}

func visit(t reflect.Type) {
	switch t.Kind() {
	case reflect.Ptr, reflect.Slice:
		if t.Name() != "" {
			namedComposite[t.String()] = "[]" + t.Elem().String()
		}
		visit(t.Elem())
		return
	case reflect.Map:
		if t.Name() != "" {
			namedComposite[t.String()] = "map[" + t.Key().String() + "]" + t.Elem().String()
		}
		visit(t.Key())
		visit(t.Elem())
		return
	case reflect.Struct:
	case reflect.Interface:
		fmt.Fprintln(os.Stderr, "interface type", t)
		return
	default:
		if t.Name() != "" && t.PkgPath() != "" {
			k := t.Kind().String()
			base := map[string]string{"string": "string", "bool": "bool", "int": "int", "int8": "int", "int16": "int", "int32": "int", "int64": "int", "uint": "uint", "uint8": "uint", "uint16": "uint", "uint32": "uint", "uint64": "uint", "float32": "float", "float64": "float"}[k]
			if base == "" {
				panic(k)
			}
			named[t.String()] = base + " " + k
		}
		return
	}
	name := t.String()
	if p, ok := pkgOf[name]; ok {
		if p != t.PkgPath() {
			fmt.Fprintln(os.Stderr, "COLLISION", name, p, t.PkgPath())
		}
		return
	}
	pkgOf[name] = t.PkgPath()
	if reflect.PointerTo(t).Implements(reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()) {
		fmt.Fprintln(os.Stderr, "custom json", name)
	}
	if reflect.PointerTo(t).Implements(reflect.TypeOf((*fmt.Stringer)(nil)).Elem()) {
		fmt.Fprintln(os.Stderr, "stringer(ptr)", name, t.Implements(reflect.TypeOf((*fmt.Stringer)(nil)).Elem()))
	}
	if special[t] {
		structs[name] = []string{"SPECIAL"}
		return
	}
	var fields []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			fmt.Fprintln(os.Stderr, "unexported field", name, f.Name)
			continue
		}
		tag := f.Tag.Get("json")
		jname := strings.Split(tag, ",")[0]
		inline := strings.Contains(tag, "inline")
		entry := ""
		if f.Anonymous {
			entry = "^"
		}
		entry += f.Name + " " + typeStr(f.Type)
		if inline {
			entry += " ,inline"
		} else if jname == "-" {
			entry += " -"
		} else if jname == "" {
			entry += " " + f.Name
		} else if jname != lcfirst(f.Name) {
			entry += " " + jname
		}
		fields = append(fields, entry)
		visit(f.Type)
	}
	structs[name] = fields
}

func main() {
	roots := []interface{}{
		corev1.Pod{}, corev1.Event{}, corev1.Node{}, corev1.Service{}, corev1.Namespace{}, corev1.ConfigMap{}, corev1.Secret{},
		corev1.PersistentVolume{}, corev1.PersistentVolumeClaim{}, corev1.Endpoints{}, corev1.ServiceAccount{}, corev1.LimitRange{},
		corev1.ResourceQuota{}, corev1.ReplicationController{},
		appsv1.Deployment{}, appsv1.StatefulSet{}, appsv1.ReplicaSet{}, appsv1.DaemonSet{},
		batchv1.Job{}, batchv1.CronJob{}, networkingv1.Ingress{}, networkingv1.NetworkPolicy{}, storagev1.StorageClass{},
		policyv1.PodDisruptionBudget{}, intstr.IntOrString{},
	}
	for _, r := range roots {
		visit(reflect.TypeOf(r))
	}
	out := &strings.Builder{}
	keys := func(m map[string]string) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return ks
	}
	fmt.Fprintln(out, "NAMED")
	for _, k := range keys(named) {
		fmt.Fprintf(out, "%s\t%s\n", k, named[k])
	}
	fmt.Fprintln(out, "COMPOSITE")
	for _, k := range keys(namedComposite) {
		fmt.Fprintf(out, "%s\t%s\n", k, namedComposite[k])
	}
	fmt.Fprintln(out, "STRUCTS")
	var sk []string
	for k := range structs {
		sk = append(sk, k)
	}
	sort.Strings(sk)
	for _, k := range sk {
		fmt.Fprintf(out, "%s\t%s\t%s\n", k, pkgOf[k], strings.Join(structs[k], "|"))
	}
	os.Stdout.WriteString(out.String())
}
