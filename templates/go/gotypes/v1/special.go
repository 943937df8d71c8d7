// Package v1 holds the Kubernetes API types (core, apps, batch, networking, storage, policy and
// meta, all at v1, so Go prints them as "v1.Pod") that troubleshoot's message templates see,
// decoded from JSON as troubleshoot decodes them; zz_generated.go is written by
// scripts/preflight-go-types from k8s.io/api v0.36.3, this file by hand.
package v1

import (
	"encoding/json"
	"fmt"
	"time"
)

// The meta/v1 types whose JSON decoding or printing is their own (k8s.io/apimachinery v0.36.3
// pkg/apis/meta/v1 time.go, micro_time.go, duration.go, fieldsv1): written from their documented
// behaviour, with the same names, fields and method sets a template can reach.

// Time is metav1.Time: a time.Time (its methods, String included, are promoted) that JSON
// decodes from RFC 3339 text into the local zone; null and absent are the zero time.
type Time struct {
	time.Time `protobuf:"-"`
}

// UnmarshalJSON reads null or an RFC 3339 string, then converts to local time (as metav1 does).
func (t *Time) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	pt, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return err
	}
	t.Time = pt.Local()
	return nil
}

// RFC3339Micro is metav1's layout for MicroTime.
const RFC3339Micro = "2006-01-02T15:04:05.000000Z07:00"

// MicroTime is metav1.MicroTime: Time with microseconds in its JSON.
type MicroTime struct {
	time.Time `protobuf:"-"`
}

// UnmarshalJSON reads null or an RFC3339Micro string, then converts to local time (as metav1 does).
func (t *MicroTime) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	pt, err := time.Parse(RFC3339Micro, s)
	if err != nil {
		return err
	}
	t.Time = pt.Local()
	return nil
}

// Duration is metav1.Duration: a time.Duration written as its String() text in JSON.
type Duration struct {
	time.Duration `protobuf:"varint,1,opt,name=duration,casttype=time.Duration"`
}

// UnmarshalJSON reads a time.ParseDuration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	pd, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	d.Duration = pd
	return nil
}

// FieldsV1 is metav1.FieldsV1 (managedFields' fieldsV1): the raw JSON bytes, printed as text.
type FieldsV1 struct {
	Raw []byte `json:"-" protobuf:"bytes,1,opt,name=Raw"`
}

// UnmarshalJSON keeps the raw bytes (null leaves it empty).
func (f *FieldsV1) UnmarshalJSON(b []byte) error {
	if f == nil {
		return fmt.Errorf("metav1.FieldsV1: UnmarshalJSON on nil pointer")
	}
	if string(b) != "null" {
		f.Raw = append(f.Raw[0:0], b...)
	}
	return nil
}

// String is the raw JSON text.
func (f FieldsV1) String() string { return string(f.Raw) }

// IsZero reports whether t is nil or the zero time (metav1: nil-safe).
func (t *Time) IsZero() bool { return t == nil || t.Time.IsZero() }

// Before reports whether t is before u (metav1: a nil t or u compares as the zero time).
func (t *Time) Before(u *Time) bool {
	if t != nil && u != nil {
		return t.Time.Before(u.Time)
	}
	return false
}

// Equal reports whether t and u are the same instant (both nil counts as equal).
func (t *Time) Equal(u *Time) bool {
	if t == nil && u == nil {
		return true
	}
	if t != nil && u != nil {
		return t.Time.Equal(u.Time)
	}
	return false
}

// Rfc3339Copy is t rounded to whole seconds (what its JSON keeps).
func (t Time) Rfc3339Copy() Time {
	copied, _ := time.Parse(time.RFC3339, t.Format(time.RFC3339))
	return Time{copied}
}

// MarshalJSON writes RFC 3339 in UTC, null for the zero time (sprig's toJson).
func (t Time) MarshalJSON() ([]byte, error) {
	if t.Time.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.UTC().Format(time.RFC3339))
}

// IsZero reports whether t is nil or the zero time.
func (t *MicroTime) IsZero() bool { return t == nil || t.Time.IsZero() }

// Before reports whether t is before u.
func (t *MicroTime) Before(u *MicroTime) bool {
	if t != nil && u != nil {
		return t.Time.Before(u.Time)
	}
	return false
}

// Equal reports whether t and u are the same instant (both nil counts as equal).
func (t *MicroTime) Equal(u *MicroTime) bool {
	if t == nil && u == nil {
		return true
	}
	if t != nil && u != nil {
		return t.Time.Equal(u.Time)
	}
	return false
}

// BeforeTime reports whether t is before the Time u.
func (t *MicroTime) BeforeTime(u *Time) bool {
	if t != nil && u != nil {
		return t.Time.Before(u.Time)
	}
	return false
}

// EqualTime reports whether t and the Time u are the same instant.
func (t *MicroTime) EqualTime(u *Time) bool {
	if t == nil && u == nil {
		return true
	}
	if t != nil && u != nil {
		return t.Time.Equal(u.Time)
	}
	return false
}

// MarshalJSON writes RFC3339Micro in UTC, null for the zero time.
func (t MicroTime) MarshalJSON() ([]byte, error) {
	if t.Time.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.UTC().Format(RFC3339Micro))
}

// MarshalJSON writes the duration's text.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.Duration.String()) }

// MarshalJSON writes the raw bytes, null when empty.
func (f FieldsV1) MarshalJSON() ([]byte, error) {
	if f.Raw == nil {
		return []byte("null"), nil
	}
	return f.Raw, nil
}
