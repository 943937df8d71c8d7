package kotstemplate

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"io"
	"math/big"
	mrand "math/rand/v2"
	"regexp/syntax"
	"sync"
)

// defaultCharset is KOTS's RandomString default (kots pkg/template/random.go DefaultCharset).
const defaultCharset = "[_A-Za-z0-9]"

// randomSource is where RandomString, RandomBytes and KubeSeal draw randomness: crypto/rand, or a
// ChaCha8 stream seeded from Context.RandomSeed (tests only) so their output is reproducible.
type randomSource struct {
	mu sync.Mutex
	r  io.Reader
}

func newRandomSource(seed *int64) *randomSource {
	if seed == nil {
		return &randomSource{r: rand.Reader}
	}
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:], uint64(*seed))
	return &randomSource{r: mrand.NewChaCha8(key)}
}

func (s *randomSource) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return io.ReadFull(s.r, p)
}

// intn is a uniform integer in [0, n) (n > 0).
func (s *randomSource) intn(n int) (int, error) {
	v, err := rand.Int(s, big.NewInt(int64(n)))
	if err != nil {
		return 0, err
	}
	return int(v.Int64()), nil
}

// randomBytes is RandomBytes (kots random.go RandomBytes): length random bytes, base64 (standard,
// padded). A read failure gives "".
func (s *randomSource) randomBytes(length uint64) string {
	buf := make([]byte, length)
	if _, err := s.Read(buf); err != nil {
		return ""
	}
	return base64.StdEncoding.EncodeToString(buf)
}

// randomString is RandomString (kots random.go RandomString): length characters, each drawn
// uniformly from the character class charset (default "[_A-Za-z0-9]"; only the first optional
// argument counts). charset is parsed as a Perl-flavoured Go regexp and simplified; anything that
// is not then a single character class ("abc", "[a]" which simplifies to a literal, "a|b", an
// invalid regexp) gives "" — as does length 0.
func (s *randomSource) randomString(length uint64, charset ...string) string {
	cs := defaultCharset
	if len(charset) >= 1 {
		cs = charset[0]
	}
	re, err := syntax.Parse(cs, syntax.Perl)
	if err != nil {
		return ""
	}
	re = re.Simplify()
	var b bytes.Buffer
	for i := uint64(0); i < length; i++ {
		if re.Op != syntax.OpCharClass {
			return ""
		}
		total := 0
		for j := 0; j+1 < len(re.Rune); j += 2 {
			total += int(re.Rune[j+1]-re.Rune[j]) + 1
		}
		nth, err := s.intn(total)
		if err != nil {
			return ""
		}
		for j := 0; j+1 < len(re.Rune); j += 2 {
			lo, hi := re.Rune[j], re.Rune[j+1]
			if span := int(hi-lo) + 1; nth < span {
				b.WriteRune(lo + rune(nth))
				break
			} else {
				nth -= span
			}
		}
	}
	return b.String()
}
