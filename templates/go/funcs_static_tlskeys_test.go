package kotstemplate

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"strings"
	"testing"
)

func rsaPEM(t *testing.T, bits int) (*rsa.PrivateKey, string) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		t.Fatal(err)
	}
	return k, string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
}

func TestTLSKeyPool(t *testing.T) {
	k1, p1 := rsaPEM(t, 2048)
	k2, p2 := rsaPEM(t, 2048)
	k3, p3 := rsaPEM(t, 2048)
	der, _ := x509.MarshalPKCS8PrivateKey(k3)
	p3pkcs8 := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	_ = p3

	in, _ := json.Marshal(map[string][]string{"keys": {p1, p2, p3pkcs8}})
	if out := string(Call("tls.addKeys", in)); out != `{"result":{"pooled":3}}` {
		t.Fatalf("tls.addKeys = %s", out)
	}
	out := fnMustRender(t, &Context{}, nil, `{{ TLSCert "t4-a" "a.local" nil nil 10 }}|{{ TLSCACert "t4-ca" 10 }}|{{ TLSCertFromCA "t4-ca" "b" "b.local" nil nil 10 }}`)
	parts := strings.Split(out, "|")
	for i, want := range []*rsa.PrivateKey{k1, k2, k3} {
		got, ok := parseCertPEM(t, "pooled", parts[i]).PublicKey.(*rsa.PublicKey)
		if !ok || !got.Equal(&want.PublicKey) {
			t.Fatalf("certificate %d does not use pooled key %d", i, i)
		}
	}
	// The pool is used up: the next certificate gets a key of sprig's own.
	next := parseCertPEM(t, "after", fnMustRender(t, &Context{}, nil, `{{ TLSCert "t4-c" "c.local" nil nil 10 }}`))
	for _, k := range []*rsa.PrivateKey{k1, k2, k3} {
		if next.PublicKey.(*rsa.PublicKey).Equal(&k.PublicKey) {
			t.Fatalf("a used pool key was handed out twice")
		}
	}

	_, small := rsaPEM(t, 1024)
	ek, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	eder, _ := x509.MarshalECPrivateKey(ek)
	ecPEM := string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: eder}))
	_, good := rsaPEM(t, 2048)
	for _, tc := range []struct {
		name string
		keys []string
		want string
	}{
		{"not PEM", []string{good, "nope"}, "tls.addKeys: key 1 is not PEM"},
		{"a 1024-bit key", []string{small}, "tls.addKeys: key 0 is not a 2048-bit RSA key"},
		{"an EC key", []string{ecPEM}, "tls.addKeys: key 0 is not a 2048-bit RSA key"},
		{"a certificate", []string{string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{1}}))}, `tls.addKeys: key 0 is a PEM "CERTIFICATE" block, not a private key`},
	} {
		in, _ := json.Marshal(map[string][]string{"keys": tc.keys})
		var res struct{ Error string }
		_ = json.Unmarshal(Call("tls.addKeys", in), &res)
		if !strings.HasPrefix(res.Error, tc.want) {
			t.Fatalf("%s: error %q, want prefix %q", tc.name, res.Error, tc.want)
		}
	}
	// All or nothing: the good key before the bad one was not pooled.
	if n, _ := addTLSKeys(nil); n != 0 {
		t.Fatalf("pool has %d keys after refused calls, want 0", n)
	}
}
