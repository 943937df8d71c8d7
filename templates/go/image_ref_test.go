package kotstemplate

import (
	"strings"
	"testing"

	"github.com/distribution/reference"
)

// TestParseDockerRefMatchesLibrary checks parseDockerRef against the library KOTS v1.88.0 calls
// (github.com/distribution/reference v0.6.0 ParseDockerRef), input by input: the same
// valid/invalid verdict, and for a valid one the same String(), Domain(), tag and digest.
func TestParseDockerRefMatchesLibrary(t *testing.T) {
	hex64 := strings.Repeat("ab", 32)
	hex96 := strings.Repeat("cd", 48)
	hex128 := strings.Repeat("ef", 64)
	inputs := []string{
		"", "nginx", "nginx:1.25", "nginx:latest", "library/nginx", "docker.io/nginx", "docker.io/library/nginx:1",
		"index.docker.io/nginx", "index.docker.io/org/app:2", "localhost/app", "localhost:5000/app:1", "LOCALHOST/app",
		"quay.io/org/sub/img:2", "myreg:5000/team/app:2", "myreg:5000/team/app", "Upper.io/app", "UPPER/Case", "Bad:Ref:x",
		"a/b/c/d/e", "org/app", "org/App", "org/app:TAG_ok-1.2", "org/app:-bad", "org/app:" + strings.Repeat("t", 128),
		"org/app:" + strings.Repeat("t", 129), "a__b/c--d/e.f_g", "a___b/c", "a..b/c", "a_b.c/x", "-a/b", "a-/b",
		"[::1]/app", "[::1]:5000/app:1", "[fe80::1%eth0]/app", "1.2.3.4:80/x", "exa_mple.com/x", "exa-mple.com/x", "-x.com/y",
		hex64, "docker.io/" + hex64, "nginx@sha256:" + hex64, "nginx:1@sha256:" + hex64, "quay.io/org/img:1.0@sha256:" + hex64,
		"nginx@sha256:" + strings.ToUpper(hex64), "nginx@sha256:" + hex64[:62], "nginx@sha256:" + hex64 + "00",
		"nginx@sha384:" + hex96, "nginx@sha512:" + hex128, "nginx@md5:" + strings.Repeat("a", 32), "nginx@sha256+b64:" + hex64,
		"nginx@SHA256:" + hex64, "nginx@", "nginx:", "nginx:@sha256:" + hex64, "@sha256:" + hex64, "/nginx", "nginx/", "a//b",
		"docker.io/" + strings.Repeat("a", 250), "docker.io/library/" + strings.Repeat("a", 240), "q.io/" + strings.Repeat("b", 256),
		"registry.replicated.com/myapp/api:3", "proxy.replicated.com/proxy/myapp/quay.io/org/img:1.0", "host:port/x", "host:80x/x",
		"ns/img:tag@sha256:" + hex64, " nginx", "nginx ", "ngi nx", "nginx:1:2", "a.b.c.d.e/f:g",
	}
	for _, in := range inputs {
		want, wantErr := reference.ParseDockerRef(in)
		got, ok := parseDockerRef(in)
		if ok != (wantErr == nil) {
			t.Errorf("%q: ok=%v, library error %v", in, ok, wantErr)
			continue
		}
		if !ok {
			continue
		}
		wantTag, wantDigest := "", ""
		if tg, isTagged := want.(reference.Tagged); isTagged {
			wantTag = tg.Tag()
		}
		if cn, isCanonical := want.(reference.Canonical); isCanonical {
			wantDigest = cn.Digest().String()
		}
		if got.String() != want.String() || got.domain != reference.Domain(want) || got.path != reference.Path(want) || got.tag != wantTag || got.digest != wantDigest {
			t.Errorf("%q: got %+v (%s), library %s domain %q path %q tag %q digest %q", in, got, got, want, reference.Domain(want), reference.Path(want), wantTag, wantDigest)
		}
	}
}
