// Package resource holds resource.Quantity as troubleshoot's message templates see it
// (k8s.io/apimachinery v0.36.3 pkg/api/resource).
package resource

import (
	"encoding/json"
	"strings"
)

// Quantity is resource.Quantity reduced to its text: JSON gives a string ("100m", "1Gi") or a
// number, and (*Quantity).String returns that text ("0" when empty). Departures from apimachinery:
// the text is not canonicalised ("1000m" stays "1000m", Go prints "1"), and a Quantity value that
// is not addressable (a map element) prints as {text} where Go prints its internal fields.
type Quantity struct {
	s string
	Format
}

// UnmarshalJSON keeps the quantity's text (null leaves it zero).
func (q *Quantity) UnmarshalJSON(b []byte) error {
	v := string(b)
	if v == "null" {
		*q = Quantity{}
		return nil
	}
	if len(v) >= 2 && v[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		v = s
	}
	q.s = strings.TrimSpace(v)
	q.Format = "DecimalSI"
	if strings.HasSuffix(q.s, "i") {
		q.Format = "BinarySI"
	}
	return nil
}

// String is the quantity's text, "0" for the zero quantity.
func (q *Quantity) String() string {
	if q == nil {
		return "<nil>"
	}
	if q.s == "" {
		return "0"
	}
	return q.s
}

// MarshalJSON writes the quantity's text as a JSON string (sprig's toJson).
func (q Quantity) MarshalJSON() ([]byte, error) {
	if q.s == "" {
		return []byte(`"0"`), nil
	}
	return json.Marshal(q.s)
}
