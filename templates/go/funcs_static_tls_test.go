package kotstemplate

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"
)

func parseCertPEM(t *testing.T, what, s string) *x509.Certificate {
	t.Helper()
	b, _ := pem.Decode([]byte(s))
	if b == nil || b.Type != "CERTIFICATE" {
		t.Fatalf("%s: not a PEM certificate: %q", what, s)
	}
	c, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return c
}

func TestTLSSelfSigned(t *testing.T) {
	c := &Context{}
	out := fnMustRender(t, c, nil, `{{ TLSCert "t1-web" "web.example.com" (list "10.0.0.1") (list "alt.example.com") 365 }}|{{ TLSKey "t1-web" }}|{{ TLSCert "t1-web" "web.example.com" (list "10.0.0.1") (list "alt.example.com") 365 }}`)
	parts := strings.Split(out, "|")
	if len(parts) != 3 {
		t.Fatalf("want 3 parts, got %q", out)
	}
	if parts[0] != parts[2] {
		t.Fatalf("TLSCert with the same certName and cn must return the cached certificate")
	}
	cert := parseCertPEM(t, "TLSCert", parts[0])
	if cert.Subject.CommonName != "web.example.com" {
		t.Fatalf("CN = %q", cert.Subject.CommonName)
	}
	if len(cert.IPAddresses) != 1 || cert.IPAddresses[0].String() != "10.0.0.1" {
		t.Fatalf("IPs = %v", cert.IPAddresses)
	}
	if len(cert.DNSNames) != 1 || cert.DNSNames[0] != "alt.example.com" {
		t.Fatalf("DNS names = %v", cert.DNSNames)
	}
	if d := cert.NotAfter.Sub(time.Now()); d < 364*24*time.Hour || d > 366*24*time.Hour {
		t.Fatalf("valid for %v, want about 365 days", d)
	}
	if _, err := tls.X509KeyPair([]byte(parts[0]), []byte(parts[1])); err != nil {
		t.Fatalf("TLSKey does not match TLSCert: %v", err)
	}

	// TLSKey with its four arguments generates the pair under certName:cn; TLSCert then finds it.
	out = fnMustRender(t, c, nil, `{{ TLSKey "t1-api" "api.local" nil nil 30 }}|{{ TLSCert "t1-api" "api.local" nil nil 30 }}`)
	parts = strings.Split(out, "|")
	if _, err := tls.X509KeyPair([]byte(parts[1]), []byte(parts[0])); err != nil {
		t.Fatalf("TLSKey (4 args) then TLSCert do not match: %v", err)
	}
	// A different cn under the same certName is a different certificate.
	other := fnMustRender(t, c, nil, `{{ TLSCert "t1-api" "other.local" nil nil 30 }}`)
	if other == parts[1] || parseCertPEM(t, "other", other).Subject.CommonName != "other.local" {
		t.Fatalf("a new cn must give a new certificate")
	}

	fnCases(t, c, nil, []fnCase{
		{"TLSKey of an unknown cert is empty", `{{ TLSKey "t1-never" }}`, "", ""},
		{"TLSKey with a bad cn type is empty", `{{ TLSKey "t1-x" 5 nil nil 30 }}`, "", ""},
		{"TLSKey with a bad days type is empty", `{{ TLSKey "t1-x" "cn" nil nil "30" }}`, "", ""},
		{"TLSCert with a bad IP is empty", `{{ TLSCert "t1-bad" "cn" (list "not-an-ip") nil 30 }}`, "", ""},
		{"TLSCert with a non-string list item is empty", `{{ TLSCert "t1-bad2" "cn" (list 1) nil 30 }}`, "", ""},
	})
}

func TestTLSFromCA(t *testing.T) {
	c := &Context{}
	out := fnMustRender(t, c, nil, `{{ TLSCACert "t2-ca" 365 }}|{{ TLSCertFromCA "t2-ca" "srv" "srv.local" (list "127.0.0.1") (list "srv.svc") 90 }}|{{ TLSKeyFromCA "t2-ca" "srv" "srv.local" (list "127.0.0.1") (list "srv.svc") 90 }}|{{ TLSCACert "t2-ca" 1 }}`)
	parts := strings.Split(out, "|")
	ca := parseCertPEM(t, "TLSCACert", parts[0])
	if !ca.IsCA || ca.Subject.CommonName != "t2-ca" {
		t.Fatalf("CA: IsCA %v CN %q", ca.IsCA, ca.Subject.CommonName)
	}
	if parts[3] != parts[0] {
		t.Fatalf("TLSCACert must return the cached CA whatever daysValid")
	}
	leaf := parseCertPEM(t, "TLSCertFromCA", parts[1])
	if leaf.Subject.CommonName != "srv.local" {
		t.Fatalf("leaf CN %q", leaf.Subject.CommonName)
	}
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: pool, DNSName: "srv.svc"}); err != nil {
		t.Fatalf("leaf does not verify against the CA for srv.svc: %v", err)
	}
	if _, err := tls.X509KeyPair([]byte(parts[1]), []byte(parts[2])); err != nil {
		t.Fatalf("TLSKeyFromCA does not match TLSCertFromCA: %v", err)
	}
	// A cert from a CA that does not exist yet creates the CA, which TLSCACert then returns.
	out = fnMustRender(t, c, nil, `{{ TLSCertFromCA "t2-newca" "x" "x.local" nil nil 10 }}|{{ TLSCACert "t2-newca" 10 }}`)
	parts = strings.Split(out, "|")
	pool = x509.NewCertPool()
	pool.AddCert(parseCertPEM(t, "new CA", parts[1]))
	if _, err := parseCertPEM(t, "x", parts[0]).Verify(x509.VerifyOptions{Roots: pool}); err != nil {
		t.Fatalf("cert from an implicit CA does not verify: %v", err)
	}
}

func selfSignedRSA(t *testing.T) (*rsa.PrivateKey, string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "sealed-secrets"}, NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return key, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestKubeSeal(t *testing.T) {
	key, certPEM := selfSignedRSA(t)
	c := &Context{}
	out := fnMustRender(t, c, nil, `{{ KubeSeal `+"`"+certPEM+"`"+` "ns1" "secret1" "s3cr3t value" }}`)
	raw, err := base64.StdEncoding.DecodeString(out)
	if err != nil {
		t.Fatalf("KubeSeal output is not base64: %v", err)
	}
	n := int(binary.BigEndian.Uint16(raw[:2]))
	if n != 256 {
		t.Fatalf("RSA ciphertext length prefix %d, want 256 for a 2048-bit key", n)
	}
	sessionKey, err := rsa.DecryptOAEP(sha256.New(), nil, key, raw[2:2+n], []byte("ns1/secret1"))
	if err != nil {
		t.Fatalf("session key does not decrypt with label ns1/secret1: %v", err)
	}
	block, _ := aes.NewCipher(sessionKey)
	gcm, _ := cipher.NewGCM(block)
	plain, err := gcm.Open(nil, make([]byte, gcm.NonceSize()), raw[2+n:], nil)
	if err != nil || string(plain) != "s3cr3t value" {
		t.Fatalf("AES-GCM (zero nonce) gives %q, %v", plain, err)
	}
	if _, err := rsa.DecryptOAEP(sha256.New(), nil, key, raw[2:2+n], []byte("ns2/secret1")); err == nil {
		t.Fatalf("the label must bind the namespace")
	}

	ek, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &ek.PublicKey, ek)
	ecPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	fnCases(t, c, nil, []fnCase{
		{"no certificate", `{{ KubeSeal "not a cert" "ns" "n" "v" }}`, "", "failed to parse cert: data does not contain any valid RSA or ECDSA certificates"},
		{"a corrupt certificate block", "{{ KubeSeal `-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n` \"ns\" \"n\" \"v\" }}", "", "failed to parse cert: "},
		{"an ECDSA certificate", "{{ KubeSeal `" + ecPEM + "` \"ns\" \"n\" \"v\" }}", "", "failed to get public key"},
	})
}
