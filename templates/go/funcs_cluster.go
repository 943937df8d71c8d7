package kotstemplate

import (
	"encoding/json"
	"regexp"
	"strings"
	"text/template"
)

// clusterFuncs are the cluster-fact functions later KOTS releases added to the static context;
// v1.88.0 has none of them (kots pkg/template/static_context.go: KubernetesVersion,
// KubernetesMajorVersion and KubernetesMinorVersion since Dec 2022, Lookup since Sep 2023). We
// provide them with those releases' behaviour over the Context.Cluster snapshot.
func clusterFuncs(c *Context) template.FuncMap {
	cl := c.Cluster
	return template.FuncMap{
		"KubernetesVersion":      func() string { return kubernetesVersion(cl.KubernetesVersion) },
		"KubernetesMajorVersion": func() string { major, _ := majorMinor(cl.KubernetesVersion); return major },
		"KubernetesMinorVersion": func() string { _, minor := majorMinor(cl.KubernetesVersion); return minor },
		"Lookup": func(apiVersion, kind, namespace, name string) map[string]interface{} {
			return lookup(cl.Objects, apiVersion, kind, namespace, name)
		},
	}
}

// kubernetesVersion is KubernetesVersion: the server's gitVersion without its "v" ("1.36.3"), or
// "0.0.0+unknown" when the version is not known (KOTS's answer without a cluster, so semver
// comparisons still parse).
func kubernetesVersion(git string) string {
	if git == "" {
		return "0.0.0+unknown"
	}
	return strings.TrimPrefix(git, "v")
}

var gitVersionRe = regexp.MustCompile(`^v?(\d+)\.(\d+)`)

// majorMinor gives KubernetesMajorVersion / KubernetesMinorVersion: KOTS returns the server's
// version.Info Major and Minor; we derive them from gitVersion ("v1.36.3" → "1", "36"), "" when
// unknown. (Providers that report Minor as e.g. "27+" are not reproduced.)
func majorMinor(git string) (string, string) {
	m := gitVersionRe.FindStringSubmatch(git)
	if m == nil {
		return "", ""
	}
	return m[1], m[2]
}

// lookup is Lookup(apiVersion, kind, namespace, name) (Helm's lookup, which KOTS calls): the object
// with that apiVersion, kind and metadata.name — in that namespace, or cluster-scoped (no
// metadata.namespace) whatever the namespace argument — as map[string]interface{}; with name ""
// a list {"apiVersion", "kind": "<kind>List", "metadata": {}, "items": […]} of the matching objects
// (namespace "" meaning every namespace). No match: an empty map (Helm's answer to NotFound).
// Only objects in the Context.Cluster snapshot are seen.
func lookup(objects []json.RawMessage, apiVersion, kind, namespace, name string) map[string]interface{} {
	type meta struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name      string `json:"name"`
			Namespace string `json:"namespace"`
		} `json:"metadata"`
	}
	items := []interface{}{}
	for _, raw := range objects {
		var m meta
		if json.Unmarshal(raw, &m) != nil || m.APIVersion != apiVersion || m.Kind != kind {
			continue
		}
		ns := m.Metadata.Namespace
		if name == "" {
			if namespace != "" && ns != "" && ns != namespace {
				continue
			}
		} else if m.Metadata.Name != name || (ns != "" && ns != namespace) {
			continue
		}
		var obj map[string]interface{}
		if json.Unmarshal(raw, &obj) != nil {
			continue
		}
		if name != "" {
			return obj
		}
		items = append(items, obj)
	}
	if name != "" {
		return map[string]interface{}{}
	}
	return map[string]interface{}{
		"apiVersion": apiVersion,
		"kind":       kind + "List",
		"metadata":   map[string]interface{}{},
		"items":      items,
	}
}
