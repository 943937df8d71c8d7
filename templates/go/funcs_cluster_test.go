package kotstemplate

import (
	"encoding/json"
	"testing"
)

func TestClusterFuncs(t *testing.T) {
	objs := []json.RawMessage{
		json.RawMessage(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"a"},"data":{"key":"value-a"}}`),
		json.RawMessage(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"b"},"data":{"key":"value-b"}}`),
		json.RawMessage(`{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}`),
		json.RawMessage(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"a"},"spec":{"replicas":3}}`),
	}
	c := &Context{Cluster: ClusterFacts{KubernetesVersion: "v1.36.3", Objects: objs}}
	fnCases(t, c, nil, []fnCase{
		{"KubernetesVersion without v", `{{ KubernetesVersion }}`, "1.36.3", ""},
		{"KubernetesVersion is semver", `{{ semverCompare ">=1.30.0" KubernetesVersion }}`, "true", ""},
		{"KubernetesMajorVersion", `{{ KubernetesMajorVersion }}`, "1", ""},
		{"KubernetesMinorVersion", `{{ KubernetesMinorVersion }}`, "36", ""},
		{"Lookup a namespaced object", `{{ (Lookup "v1" "ConfigMap" "a" "cm1").data.key }}`, "value-a", ""},
		{"Lookup picks the namespace", `{{ (Lookup "v1" "ConfigMap" "b" "cm1").data.key }}`, "value-b", ""},
		{"Lookup numbers are float64 as from JSON", `{{ (Lookup "apps/v1" "Deployment" "a" "web").spec.replicas }}`, "3", ""},
		{"Lookup absent is an empty map", `{{ len (Lookup "v1" "ConfigMap" "c" "cm1") }}`, "0", ""},
		{"Lookup namespaced object without namespace is absent", `{{ len (Lookup "v1" "ConfigMap" "" "cm1") }}`, "0", ""},
		{"Lookup wrong apiVersion is absent", `{{ len (Lookup "apps/v1" "ConfigMap" "a" "cm1") }}`, "0", ""},
		{"Lookup cluster-scoped ignores namespace", `{{ (Lookup "v1" "Namespace" "whatever" "a").metadata.name }}`, "a", ""},
		{"Lookup list in one namespace", `{{ len (Lookup "v1" "ConfigMap" "a" "").items }}`, "1", ""},
		{"Lookup list in every namespace", `{{ len (Lookup "v1" "ConfigMap" "" "").items }}`, "2", ""},
		{"Lookup list kind", `{{ (Lookup "v1" "ConfigMap" "" "").kind }}`, "ConfigMapList", ""},
		{"Lookup empty list", `{{ len (Lookup "v1" "Secret" "" "").items }}`, "0", ""},
		{"Lookup missing field is no value", `{{ (Lookup "v1" "ConfigMap" "c" "cm1").data }}`, "<no value>", ""},
	})
	fnCases(t, &Context{}, nil, []fnCase{
		{"unknown version", `{{ KubernetesVersion }}`, "0.0.0+unknown", ""},
		{"unknown version still compares", `{{ semverCompare ">=1.0.0" KubernetesVersion }}`, "false", ""},
		{"unknown major", `{{ KubernetesMajorVersion }}`, "", ""},
		{"unknown minor", `{{ KubernetesMinorVersion }}`, "", ""},
		{"no objects", `{{ len (Lookup "v1" "Namespace" "" "a") }}`, "0", ""},
	})
}
