package kotstemplate

import (
	"regexp"
	"strings"
	"sync"
)

// imageRef is a container image reference as github.com/distribution/reference v0.6.0's
// ParseDockerRef returns it (KOTS v1.88.0 pkg/template/registry_context.go parses LocalImageName's
// argument with it): domain ("docker.io" when the reference names none), repository path
// ("library/nginx"), tag and digest ("sha256:<64 hex>"); at most one of tag and digest is set,
// and a reference with neither gets the tag "latest".
type imageRef struct {
	domain, path, tag, digest string
}

// String is the reference in full: "<domain>/<path>[:<tag>][@<digest>]".
func (r imageRef) String() string {
	s := r.path
	if r.domain != "" {
		s = r.domain + "/" + s
	}
	if r.tag != "" {
		s += ":" + r.tag
	}
	if r.digest != "" {
		s += "@" + r.digest
	}
	return s
}

// refGrammar holds the reference grammar's regexps (distribution/reference's documented grammar:
// domain components and optional port or a bracketed IPv6 host, lowercase path components with
// "." "_" "__" "-…" separators, a tag of word characters, an "algorithm:hex" digest). They are
// compiled on the first LocalImageName call instead of at package init, where the library
// compiled them for every start of the engine (~10 ms of its WebAssembly load).
type refGrammar struct {
	identifier *regexp.Regexp // a bare 64-hex-digit image ID
	reference  *regexp.Regexp // name, tag, digest
	name       *regexp.Regexp // domain, path
	encoded    map[string]*regexp.Regexp
	hexLength  map[string]int
}

var refGrammarOnce = sync.OnceValue(func() *refGrammar {
	const (
		lowerAlnum = `[a-z0-9]+`
		sep        = `(?:[._]|__|[-]+)`
		domainPart = `(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])`
		tagPat     = `[\w][\w.-]{0,127}`
		digestPat  = `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}`
	)
	host := `(?:` + domainPart + `(?:\.` + domainPart + `)*|\[(?:[a-fA-F0-9:]+)\])`
	domain := host + `(?::[0-9]+)?`
	component := lowerAlnum + `(?:` + sep + lowerAlnum + `)*`
	path := component + `(?:/` + component + `)*`
	name := `(?:` + domain + `/)?` + path
	return &refGrammar{
		identifier: regexp.MustCompile(`^[a-f0-9]{64}$`),
		reference:  regexp.MustCompile(`^(` + name + `)(?::(` + tagPat + `))?(?:@(` + digestPat + `))?$`),
		name:       regexp.MustCompile(`^(?:(` + domain + `)/)?(` + path + `)$`),
		// go-digest v1.0.0's registered algorithms and their lowercase-hex encodings
		encoded: map[string]*regexp.Regexp{
			"sha256": regexp.MustCompile(`^[a-f0-9]{64}$`),
			"sha384": regexp.MustCompile(`^[a-f0-9]{96}$`),
			"sha512": regexp.MustCompile(`^[a-f0-9]{128}$`),
		},
		hexLength: map[string]int{"sha256": 64, "sha384": 96, "sha512": 128},
	}
})

// parseDockerRef parses s as distribution/reference v0.6.0's ParseDockerRef does (normalized:
// "nginx" → docker.io/library/nginx:latest; a tag beside a digest dropped); ok is false exactly
// when that function returns an error (the caller only needs valid or not: KOTS's LocalImageName
// returns "" for any error). Behaviour is checked against the library in image_ref_test.go.
func parseDockerRef(s string) (ref imageRef, ok bool) {
	g := refGrammarOnce()
	if g.identifier.MatchString(s) {
		return ref, false
	}
	domain, rest := splitImageDomain(s)
	remote := rest
	if i := strings.IndexByte(rest, ':'); i >= 0 {
		remote = rest[:i]
	}
	if strings.ToLower(remote) != remote {
		return ref, false
	}
	m := g.reference.FindStringSubmatch(domain + "/" + rest)
	if m == nil {
		return ref, false
	}
	if nm := g.name.FindStringSubmatch(m[1]); nm != nil {
		ref.domain, ref.path = nm[1], nm[2]
	} else {
		ref.path = m[1]
	}
	if len(ref.path) > 255 {
		return ref, false
	}
	ref.tag, ref.digest = m[2], m[3]
	if ref.digest != "" && !g.validDigest(ref.digest) {
		return ref, false
	}
	switch {
	case ref.tag != "" && ref.digest != "":
		ref.tag = ""
	case ref.tag == "" && ref.digest == "":
		ref.tag = "latest"
	}
	return ref, true
}

// validDigest is go-digest v1.0.0's Digest.Validate for a string that already matches the
// reference grammar's digest: a registered algorithm and its exact lowercase-hex length.
func (g *refGrammar) validDigest(d string) bool {
	alg, enc, _ := strings.Cut(d, ":")
	re, known := g.encoded[alg]
	return known && len(enc) == g.hexLength[alg] && re.MatchString(enc)
}

// splitImageDomain splits a reference into its registry domain and the rest as Docker does: the
// first segment is a domain when it is "localhost", contains "." or ":", or has an uppercase
// letter ("index.docker.io" meaning docker.io); otherwise (or without a "/") it is docker.io;
// a one-segment docker.io repository gets the "library/" prefix.
func splitImageDomain(s string) (domain, rest string) {
	first, after, found := strings.Cut(s, "/")
	switch {
	case !found:
		return "docker.io", "library/" + s
	case first == "localhost":
		domain, rest = first, after
	case first == "index.docker.io":
		domain, rest = "docker.io", after
	case strings.ContainsAny(first, ".:"), strings.ToLower(first) != first:
		domain, rest = first, after
	default:
		domain, rest = "docker.io", s
	}
	if domain == "docker.io" && !strings.Contains(rest, "/") {
		rest = "library/" + rest
	}
	return domain, rest
}
