package kotstemplate

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
)

// kubeSeal is KubeSeal(certPEM, namespace, name, value) (kots static_context.go kubeSeal, the
// sealed-secrets "strict" scheme): a fresh 32-byte AES session key encrypts value with AES-GCM
// under an all-zero nonce; the key is RSA-OAEP(SHA-256)-encrypted to the first certificate's RSA
// public key with the label "<namespace>/<name>". The result is base64 (standard) of
// uint16 big-endian len(rsaCiphertext) ‖ rsaCiphertext ‖ gcmCiphertext.
//
// Errors fail the template, as in KOTS: "failed to parse cert: …" when a CERTIFICATE block does
// not parse or none is present ("data does not contain any valid RSA or ECDSA certificates", the
// wording of client-go's cert.ParseCertsPEM), "failed to get public key" for a non-RSA key.
func kubeSeal(rnd io.Reader, certPEM, namespace, name, value string) (string, error) {
	cert, err := firstCertPEM([]byte(certPEM))
	if err != nil {
		return "", fmt.Errorf("failed to parse cert: %w", err)
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return "", errors.New("failed to get public key")
	}
	sessionKey := make([]byte, 32)
	if _, err := io.ReadFull(rnd, sessionKey); err != nil {
		return "", fmt.Errorf("failed to read random: %w", err)
	}
	block, err := aes.NewCipher(sessionKey)
	if err != nil {
		return "", fmt.Errorf("failed to create cipher: %w", err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return "", fmt.Errorf("failed to create galois cipher: %w", err)
	}
	label := []byte(namespace + "/" + name)
	rsaCT, err := rsa.EncryptOAEP(sha256.New(), rnd, pub, sessionKey, label)
	if err != nil {
		return "", fmt.Errorf("failed to encrypt: %w", err)
	}
	out := binary.BigEndian.AppendUint16(nil, uint16(len(rsaCT)))
	out = append(out, rsaCT...)
	out = gcm.Seal(out, make([]byte, gcm.NonceSize()), []byte(value), nil)
	return base64.StdEncoding.EncodeToString(out), nil
}

// firstCertPEM returns the first "CERTIFICATE" PEM block without headers, parsed; a block that
// fails to parse is an error; no such block at all is the error client-go's ParseCertsPEM gives.
func firstCertPEM(data []byte) (*x509.Certificate, error) {
	var first *x509.Certificate
	for len(data) > 0 {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" || len(b.Headers) != 0 {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, err
		}
		if first == nil {
			first = c
		}
	}
	if first == nil {
		return nil, errors.New("data does not contain any valid RSA or ECDSA certificates")
	}
	return first, nil
}
