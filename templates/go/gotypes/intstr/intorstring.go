// Package intstr holds intstr.IntOrString (k8s.io/apimachinery v0.36.3 pkg/util/intstr).
package intstr

import (
	"encoding/json"
	"strconv"
)

// The two kinds of IntOrString.
const (
	Int    Type = iota // holds an int
	String             // holds a string
)

// IntOrString holds an int32 or a string, as its JSON (a number or a string) gives.
type IntOrString struct {
	Type   Type   `protobuf:"varint,1,opt,name=type,casttype=Type"`
	IntVal int32  `protobuf:"varint,2,opt,name=intVal"`
	StrVal string `protobuf:"bytes,3,opt,name=strVal"`
}

// UnmarshalJSON reads a JSON string (Type String) or number (Type Int).
func (v *IntOrString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		v.Type = String
		return json.Unmarshal(b, &v.StrVal)
	}
	v.Type = Int
	return json.Unmarshal(b, &v.IntVal)
}

// String is the string, or the int in decimal; "<nil>" for a nil pointer.
func (v *IntOrString) String() string {
	if v == nil {
		return "<nil>"
	}
	if v.Type == String {
		return v.StrVal
	}
	return strconv.Itoa(int(v.IntVal))
}

// MarshalJSON writes the string or the number.
func (v IntOrString) MarshalJSON() ([]byte, error) {
	if v.Type == String {
		return json.Marshal(v.StrVal)
	}
	return json.Marshal(v.IntVal)
}
