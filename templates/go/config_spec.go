package kotstemplate

import (
	"encoding/json"
	"strconv"
)

// flexString decodes a JSON string, bool or number as text: multitype.BoolOrString in kotskinds
// (a bool default is "1"/"0"); for `when`, a bool is "true"/"false" (QuotedBool).
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var v bool
	if err := json.Unmarshal(b, &v); err == nil {
		if v {
			*f = "1"
		} else {
			*f = "0"
		}
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		*f = flexString(n.String())
		return nil
	}
	if string(b) == "null" {
		*f = ""
		return nil
	}
	return &json.UnmarshalTypeError{Value: string(b), Type: nil}
}

// whenString is a `when` field: a JSON bool is "true"/"false".
type whenString string

func (w *whenString) UnmarshalJSON(b []byte) error {
	var v bool
	if err := json.Unmarshal(b, &v); err == nil {
		*w = whenString(strconv.FormatBool(v))
		return nil
	}
	var f flexString
	if err := f.UnmarshalJSON(b); err != nil {
		return err
	}
	*w = whenString(f)
	return nil
}

// configSpec is the part of a kots.io/v1beta1 Config the engine reads (kotskinds ConfigSpec).
type configSpec struct {
	Metadata struct {
		Name string `json:"name"`
	} `json:"metadata"`
	Spec struct {
		Groups []configGroupSpec `json:"groups"`
	} `json:"spec"`
}

type configGroupSpec struct {
	Name        string           `json:"name"`
	Title       string           `json:"title"`
	Description string           `json:"description"`
	When        whenString       `json:"when"`
	Items       []configItemSpec `json:"items"`
}

type configItemSpec struct {
	Name        string             `json:"name"`
	Type        string             `json:"type"`
	Title       string             `json:"title"`
	HelpText    string             `json:"help_text"`
	Recommended bool               `json:"recommended"`
	Default     flexString         `json:"default"`
	Value       flexString         `json:"value"`
	ReadOnly    bool               `json:"readonly"`
	Hidden      bool               `json:"hidden"`
	Required    bool               `json:"required"`
	When        whenString         `json:"when"`
	Filename    string             `json:"filename"`
	Items       []configOptionSpec `json:"items"`
}

type configOptionSpec struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Recommended bool   `json:"recommended"`
}

// editableTypes are the item types whose value the operator sets: KOTS's list
// (kots pkg/template/config_context.go isReadOnly) plus radio, which the Admin Console lets the
// operator choose and whose ConfigValues entry this project keeps (a departure, design notes).
var editableTypes = map[string]bool{
	"": true, "bool": true, "file": true, "password": true, "select": true, "select_many": true,
	"select_one": true, "text": true, "textarea": true, "radio": true,
}

func (it *configItemSpec) editable() bool { return !it.ReadOnly && editableTypes[it.Type] }
