package kotstemplate

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"strings"
)

// Under WebAssembly Go makes a 2048-bit RSA key in 1–2 s (no assembly for its big-number code),
// which the TLS* functions need for every new certificate. The TS side can make them natively
// (node:crypto) ahead of time and hand them over with the "tls.addKeys" op; the TLS* functions
// then take pooled keys, in order, one per new certificate or CA, through sprig's *WithKey
// generators — the same certificates sprig makes with its own keys (KOTS uses sprig's 2048-bit
// RSA keys, so only those are accepted). With the pool empty, sprig generates keys itself.
var tlsKeyPool []string // PEM; guarded by tlsMu

// takePooledKeyLocked returns the next pooled key PEM, or "" when the pool is empty; tlsMu held.
func takePooledKeyLocked() string {
	if len(tlsKeyPool) == 0 {
		return ""
	}
	k := tlsKeyPool[0]
	tlsKeyPool = tlsKeyPool[1:]
	return k
}

// addTLSKeys checks that every PEM is a 2048-bit RSA private key (PKCS#1 "RSA PRIVATE KEY" or
// PKCS#8 "PRIVATE KEY") and appends them all to the pool, or none. Returns the pool's new size.
// Errors name the key's index and the reason.
func addTLSKeys(pems []string) (int, error) {
	for i, p := range pems {
		b, _ := pem.Decode([]byte(p))
		if b == nil {
			return 0, fmt.Errorf("tls.addKeys: key %d is not PEM", i)
		}
		var key any
		var err error
		switch b.Type {
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(b.Bytes)
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(b.Bytes)
		default:
			if strings.HasSuffix(b.Type, "PRIVATE KEY") {
				key = nil // an EC, DSA, … key: refused below
			} else {
				return 0, fmt.Errorf("tls.addKeys: key %d is a PEM %q block, not a private key", i, b.Type)
			}
		}
		if err != nil {
			return 0, fmt.Errorf("tls.addKeys: key %d: %v", i, err)
		}
		rk, ok := key.(*rsa.PrivateKey)
		if !ok || rk.N.BitLen() != 2048 {
			return 0, fmt.Errorf("tls.addKeys: key %d is not a 2048-bit RSA key (KOTS's TLS functions use sprig's 2048-bit RSA keys)", i)
		}
	}
	tlsMu.Lock()
	defer tlsMu.Unlock()
	tlsKeyPool = append(tlsKeyPool, pems...)
	return len(tlsKeyPool), nil
}

func init() {
	// tls.addKeys {"keys": [PEM, …]} → {"pooled": n}: see tlsKeyPool.
	Register("tls.addKeys", func(in json.RawMessage) (any, error) {
		var req struct {
			Keys []string `json:"keys"`
		}
		if err := json.Unmarshal(in, &req); err != nil {
			return nil, fmt.Errorf("tls.addKeys: %v", err)
		}
		n, err := addTLSKeys(req.Keys)
		if err != nil {
			return nil, err
		}
		return map[string]int{"pooled": n}, nil
	})
}
