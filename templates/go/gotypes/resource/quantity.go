// Package resource holds resource.Quantity as troubleshoot's message templates see it
// (k8s.io/apimachinery v0.36.3 pkg/api/resource): the same fields, so fmt prints a Quantity value
// as Go does ("{{100 -3} {<nil>} 100m DecimalSI}"), filled as ParseQuantity fills them, and
// (*Quantity).String's canonical text ("1000m" → "1", "1536Mi" stays).
package resource

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// Scale is a power of ten (int64Amount's unit is 10^scale).
type Scale int32

// The formats.
const (
	DecimalExponent = Format("DecimalExponent") // e.g. 12e6
	BinarySI        = Format("BinarySI")        // e.g. 12Mi
	DecimalSI       = Format("DecimalSI")       // e.g. 12M
)

// Quantity is a parsed quantity: i when it fits an int64 with a scale ≥ -9, else d (which
// k8s.io/apimachinery keeps as an *inf.Dec; here its text), s the cached canonical text.
type Quantity struct {
	i int64Amount
	d infDecAmount
	s string
	Format
}

type int64Amount struct {
	value int64
	scale Scale
}

// infDecAmount stands for apimachinery's inf.Dec amount: nil on ParseQuantity's int64 path.
type infDecAmount struct {
	*decText
}

type decText struct{ text string }

// The parse errors, as apimachinery words them.
var (
	ErrFormatWrong = errors.New("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
	ErrNumeric     = errors.New("unable to parse numeric part of quantity")
	ErrSuffix      = errors.New("unable to parse quantity's suffix")
)

// UnmarshalJSON reads a JSON string or number with ParseQuantity (null: the zero quantity).
func (q *Quantity) UnmarshalJSON(b []byte) error {
	v := string(b)
	if v == "null" {
		q.d.decText = nil
		q.i = int64Amount{}
		return nil
	}
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	parsed, err := ParseQuantity(strings.TrimSpace(v))
	if err != nil {
		return err
	}
	*q = parsed
	return nil
}

// MarshalJSON writes the canonical text as a JSON string (sprig's toJson).
func (q Quantity) MarshalJSON() ([]byte, error) {
	return json.Marshal(q.String())
}

// ParseQuantity reads "[+-]digits[.digits][suffix]" with the suffixes n u m k M G T P E, Ki … Ei
// and e/E exponents: the int64 path when the digits fit (caching the text when it is already
// canonical), else the decimal path (rounded up to nanos as apimachinery does, kept as text).
func ParseQuantity(str string) (Quantity, error) {
	if len(str) == 0 {
		return Quantity{}, ErrFormatWrong
	}
	if str == "0" {
		return Quantity{Format: DecimalSI, s: str}, nil
	}
	positive, value, num, denom, suf, err := parseQuantityString(str)
	if err != nil {
		return Quantity{}, err
	}
	exponent, format, ok := interpretSuffix(suf)
	if !ok {
		return Quantity{}, ErrSuffix
	}
	precision := int32(0)
	scale := int32(0)
	mantissa := int64(1)
	switch format {
	case DecimalExponent, DecimalSI:
		scale = exponent
		precision = 18 - int32(len(num)+len(denom))
	case BinarySI:
		if exponent >= 0 && len(denom) == 0 {
			mantissa = mantissa << uint64(exponent)
			precision = 15 - int32(len(num)) - int32(float32(exponent)*3/10) - 1
		} else {
			precision = -1
		}
	}
	if precision >= 0 {
		scale -= int32(len(denom))
		if scale >= -9 {
			shifted := num + denom
			v, err := strconv.ParseInt(shifted, 10, 64)
			if err != nil {
				return Quantity{}, ErrNumeric
			}
			if result, ok := mul64(v, mantissa); ok {
				if !positive {
					result = -result
				}
				q := Quantity{i: int64Amount{value: result, scale: Scale(scale)}, Format: format}
				switch format {
				case BinarySI:
					if exponent%10 == 0 && v&0x07 != 0 {
						q.s = str
					}
				default:
					if scale%3 == 0 && !strings.HasSuffix(shifted, "000") && shifted[0] != '0' {
						q.s = str
					}
				}
				return q, nil
			}
		}
	}
	if _, err := strconv.ParseFloat(value, 64); err != nil {
		return Quantity{}, ErrNumeric
	}
	return Quantity{d: infDecAmount{&decText{str}}, Format: format}, nil
}

func mul64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	c := a * b
	if c/b != a || (a == -1 && b == -1<<63) || (b == -1 && a == -1<<63) {
		return 0, false
	}
	return c, true
}

// parseQuantityString splits sign, number (value, the integer digits without leading zeros,
// the fraction digits) and suffix, as apimachinery's scanner does.
func parseQuantityString(str string) (positive bool, value, num, denom, suffix string, err error) {
	positive = true
	pos, end := 0, len(str)
	if pos < end {
		switch str[0] {
		case '-':
			positive = false
			pos++
		case '+':
			pos++
		}
	}
	for ; ; pos++ {
		if pos >= end {
			return positive, "0", "0", "", "", nil
		}
		if str[pos] != '0' {
			break
		}
	}
	start := pos
	for pos < end && str[pos] >= '0' && str[pos] <= '9' {
		pos++
	}
	num = str[start:pos]
	if pos >= end {
		return positive, str, num, "", "", nil
	}
	if num == "" {
		num = "0"
	}
	if str[pos] == '.' {
		pos++
		ds := pos
		for pos < end && str[pos] >= '0' && str[pos] <= '9' {
			pos++
		}
		denom = str[ds:pos]
		if pos >= end {
			return positive, str, num, denom, "", nil
		}
	}
	value = str[:pos]
	ss := pos
	for pos < end && strings.IndexByte("eEinumkKMGTP", str[pos]) >= 0 {
		pos++
	}
	if pos >= end {
		return positive, value, num, denom, str[ss:], nil
	}
	if str[pos] == '-' || str[pos] == '+' {
		pos++
	}
	for pos < end && str[pos] >= '0' && str[pos] <= '9' {
		pos++
	}
	if pos >= end {
		return positive, value, num, denom, str[ss:], nil
	}
	return positive, value, num, denom, "", ErrFormatWrong
}

var decimalSuffixes = map[string]int32{"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
var binarySuffixes = map[string]int32{"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}

// interpretSuffix is a suffix's power (of 10, or of 2 for Ki…Ei) and format.
func interpretSuffix(s string) (exponent int32, format Format, ok bool) {
	if e, ok := decimalSuffixes[s]; ok {
		return e, DecimalSI, true
	}
	if e, ok := binarySuffixes[s]; ok {
		return e, BinarySI, true
	}
	if len(s) > 1 && (s[0] == 'e' || s[0] == 'E') {
		e, err := strconv.ParseInt(s[1:], 10, 32)
		if err != nil {
			return 0, DecimalExponent, false
		}
		return int32(e), DecimalExponent, true
	}
	return 0, DecimalExponent, false
}

// String is the canonical text, computed once and cached (as apimachinery's does); "<nil>" for a
// nil pointer. A quantity off the int64 path (more than 18 digits, finer than nanos, a fractional
// binary amount such as "0.5Gi") shows its text as parsed, where apimachinery canonicalises it.
func (q *Quantity) String() string {
	if q == nil {
		return "<nil>"
	}
	if len(q.s) == 0 {
		q.s = q.canonical()
	}
	return q.s
}

func (q *Quantity) canonical() string {
	if q.d.decText != nil {
		return q.d.text
	}
	if q.i.value == 0 {
		return "0"
	}
	format := q.Format
	var whole int64
	var exact bool
	if format == BinarySI {
		// below 1024, or not a whole number: decimal SI (no rounding)
		whole, exact = q.i.asScale0()
		if !exact || (whole > -1024 && whole < 1024) {
			format = DecimalSI
		}
	} else if format != DecimalExponent && format != DecimalSI {
		format = DecimalExponent
	}
	if format == BinarySI {
		amount, times := removeFactors(whole, 1024)
		return strconv.FormatInt(amount, 10) + []string{"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"}[times]
	}
	amount, times := removeFactors(q.i.value, 10)
	exponent := int32(q.i.scale) + times
	switch ((exponent % 3) + 3) % 3 {
	case 1:
		amount, exponent = amount*10, exponent-1
	case 2:
		amount, exponent = amount*100, exponent-2
	}
	number := strconv.FormatInt(amount, 10)
	if format == DecimalSI {
		for s, e := range decimalSuffixes {
			if e == exponent {
				return number + s
			}
		}
	}
	if exponent == 0 {
		return number
	}
	return number + "e" + strconv.Itoa(int(exponent))
}

// asScale0 is the amount in units (exact when it has no fraction and fits an int64).
func (a int64Amount) asScale0() (int64, bool) {
	v := a.value
	if a.scale < 0 {
		for s := a.scale; s < 0; s++ {
			if v%10 != 0 {
				return 0, false
			}
			v /= 10
		}
		return v, true
	}
	for s := Scale(0); s < a.scale; s++ {
		n, ok := mul64(v, 10)
		if !ok {
			return 0, false
		}
		v = n
	}
	return v, true
}

// removeFactors divides value by base as often as it divides evenly.
func removeFactors(value int64, base int64) (int64, int32) {
	times := int32(0)
	for value != 0 && value%base == 0 {
		value /= base
		times++
	}
	return value, times
}
