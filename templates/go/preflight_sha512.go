package kotstemplate

import (
	"crypto/sha512"
	"encoding/hex"
)

// sha512sum is sprig v3.3.0's sha512sum: the hex of the SHA-512 digest of the string's bytes.
func sha512sum(input string) string {
	sum := sha512.Sum512([]byte(input))
	return hex.EncodeToString(sum[:])
}
