package kotstemplate

import (
	"sync"
	"text/template"

	sprig "github.com/Masterminds/sprig/v3"
)

// BuildFuncMap returns the function map a KOTS template is parsed with: sprig v3's TxtFuncMap
// first, then KOTS's contexts in the order KOTS's Builder merges them, later ones overriding
// earlier ones (kots pkg/template/builder.go NewBuilder + BuildFuncMap): static (which itself
// starts from sprig; here with the cluster functions of later releases), license, kurl, version,
// identity, config (ConfigOption* and the registry functions). No KOTS name equals a sprig name,
// so the order only matters between KOTS contexts. c must not be nil; items may be nil (no Config
// context: ConfigOption* see no items). Each call returns a fresh map; TLS* share one
// process-wide cache, as in KOTS.
func BuildFuncMap(c *Context, items ConfigItems) template.FuncMap {
	base := sprigTxt()
	fm := make(template.FuncMap, len(base)+96)
	for name, fn := range base {
		fm[name] = fn
	}
	for _, part := range []template.FuncMap{
		staticFuncs(c),
		clusterFuncs(c), // static-context functions of later KOTS releases
		licenseFuncs(c),
		kurlFuncs(c),
		versionFuncs(c),
		identityFuncs(c),
		configFuncs(c, items),
		registryFuncs(c),
	} {
		for name, fn := range part {
			fm[name] = fn
		}
	}
	return fm
}

// sprigTxt is sprig's TxtFuncMap, built once (sprig builds a new map on every call); BuildFuncMap
// copies it, so no caller can change it.
var sprigTxt = sync.OnceValue(func() map[string]interface{} { return sprig.TxtFuncMap() })
