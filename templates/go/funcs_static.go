package kotstemplate

import (
	"encoding/base64"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"time"

	units "github.com/docker/go-units"
	"gopkg.in/yaml.v3"
)

// staticFuncs are KOTS's static context (kots pkg/template/static_context.go StaticCtx.FuncMap,
// random.go), minus the sprig map KOTS starts it from (BuildFuncMap adds sprig first). Facts KOTS
// reads from the cluster or kotsadm's environment come from c, and none of these fail:
//   - ToLower, ToUpper, TrimSpace, Split are Go's strings functions; UrlEncode is url.QueryEscape;
//   - Namespace is c.Namespace (KOTS: $DEV_NAMESPACE, else kotsadm's pod namespace);
//   - KotsVersion is c.KotsVersion without a leading "v" (KOTS: its build version);
//   - IsKurl, Distribution, NodeCount are c.Cluster's (KOTS: the kurl-config ConfigMap,
//     troubleshoot's node-label provider detection or "openShift", the node count; "" / 0 when the
//     cluster cannot be read);
//   - HTTPSProxy, HTTPProxy, NoProxy are c.Env's (KOTS: kotsadm's HTTPS_PROXY, HTTP_PROXY, NO_PROXY).
func staticFuncs(c *Context) template.FuncMap {
	rnd := newRandomSource(c.RandomSeed)
	return template.FuncMap{
		"Now":          func() string { return nowFmt(c, "") },
		"NowFmt":       func(format string) string { return nowFmt(c, format) },
		"ToLower":      strings.ToLower,
		"ToUpper":      strings.ToUpper,
		"TrimSpace":    strings.TrimSpace,
		"Trim":         trim,
		"UrlEncode":    url.QueryEscape,
		"Base64Encode": base64Encode,
		"Base64Decode": base64Decode,
		"Split":        strings.Split,
		"RandomBytes":  rnd.randomBytes,
		"RandomString": rnd.randomString,
		"Add":          arith(opAdd),
		"Sub":          arith(opSub),
		"Mult":         arith(opMult),
		"Div":          arith(opDiv),
		"ParseBool":    parseBool,
		"ParseFloat":   parseFloat,
		"ParseInt":     parseInt,
		"ParseUint":    parseUint,
		"HumanSize":    humanSize,
		"KubeSeal":     func(cert, ns, name, value string) (string, error) { return kubeSeal(rnd, cert, ns, name, value) },
		"Namespace":    func() string { return c.Namespace },

		"TLSCert":       tlsCert,
		"TLSKey":        tlsKey,
		"TLSCACert":     tlsCACert,
		"TLSCertFromCA": tlsCertFromCA,
		"TLSKeyFromCA":  tlsKeyFromCA,

		"KotsVersion":  func() string { return strings.TrimPrefix(c.KotsVersion, "v") },
		"IsKurl":       func() bool { return c.Cluster.IsKurl },
		"Distribution": func() string { return c.Cluster.Distribution },
		"NodeCount":    func() int { return c.Cluster.NodeCount },

		"HTTPSProxy": func() string { return c.Env.HTTPSProxy },
		"HTTPProxy":  func() string { return c.Env.HTTPProxy },
		"NoProxy":    func() string { return c.Env.NoProxy },

		"YamlEscape": yamlEscape,
	}
}

// nowFmt is Now / NowFmt (kots static_context.go now, nowFormat): the clock (c.Now when set, RFC 3339,
// else the system clock) in UTC, formatted with the Go layout format; "" means time.RFC3339.
// An unparsable c.Now falls back to the system clock.
func nowFmt(c *Context, format string) string {
	if format == "" {
		format = time.RFC3339
	}
	now := time.Now()
	if c.Now != "" {
		if t, err := time.Parse(time.RFC3339Nano, c.Now); err == nil {
			now = t
		}
	}
	return now.UTC().Format(format)
}

// trim is Trim (kots static_context.go trim): with no cutset, strings.TrimSpace; with one,
// strings.Trim by its first argument (further arguments are ignored).
func trim(s string, args ...string) string {
	if len(args) == 0 {
		return strings.TrimSpace(s)
	}
	return strings.Trim(s, args[0])
}

// base64Encode is Base64Encode: standard padded base64 of the string's bytes.
func base64Encode(plain string) string { return base64.StdEncoding.EncodeToString([]byte(plain)) }

// base64Decode is Base64Decode: standard padded base64 decoded; input that is not valid base64
// gives "" (kots static_context.go base64Decode swallows the error).
func base64Decode(encoded string) string {
	b, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return ""
	}
	return string(b)
}

// parseBool is ParseBool: strconv.ParseBool, false on error (kots static_context.go).
func parseBool(s string) bool { v, _ := strconv.ParseBool(s); return v }

// parseFloat is ParseFloat: strconv.ParseFloat(s, 64); on error whatever strconv returns
// (0, or ±Inf when out of range) (kots static_context.go).
func parseFloat(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }

// baseArg is the base of ParseInt / ParseUint: the first optional argument, else 10 (kots
// static_context.go).
func baseArg(base []int) int {
	if len(base) > 0 {
		return base[0]
	}
	return 10
}

// parseInt is ParseInt: strconv.ParseInt(s, base, 64), base defaulting to 10 (only the first
// optional argument counts); on error whatever strconv returns (0, or the clamped value when out
// of range) (kots static_context.go).
func parseInt(s string, base ...int) int64 {
	v, _ := strconv.ParseInt(s, baseArg(base), 64)
	return v
}

// parseUint is ParseUint: as parseInt with strconv.ParseUint (kots static_context.go).
func parseUint(s string, base ...int) uint64 {
	v, _ := strconv.ParseUint(s, baseArg(base), 64)
	return v
}

// humanSize is HumanSize: docker/go-units HumanSize (decimal units, 4 significant digits:
// "1kB", "1.5MB") of size converted to float64 as KOTS's reflectToFloat does: ints, uints and
// floats by value, anything else (strings included) as 0 (kots static_context.go humanSize).
func humanSize(size interface{}) string {
	return units.HumanSize(toFloat(reflect.ValueOf(size)))
}

// yamlEscape is YamlEscape (kots static_context.go yamlEscape): the string marshalled as a YAML
// scalar by gopkg.in/yaml.v3 (quoted or block style as yaml.v3 chooses, with its trailing newline),
// then every line (including the empty one after the final newline) indented by 20 spaces.
// A marshal error gives "".
func yamlEscape(plain string) string {
	out, err := yaml.Marshal(plain)
	if err != nil {
		return ""
	}
	pad := strings.Repeat(" ", 20)
	return pad + strings.ReplaceAll(string(out), "\n", "\n"+pad)
}
