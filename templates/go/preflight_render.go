package kotstemplate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
	"text/template"
	"time"

	sprig "github.com/Masterminds/sprig/v3"
)

// gotemplateIn is the input of gotemplate.render.
type gotemplateIn struct {
	// Template is the message text.
	Template string `json:"template"`
	// Dot is the data, in pfDecodeValue's typed JSON.
	Dot json.RawMessage `json:"dot"`
	// Zone is the IANA name of the local time zone (troubleshoot runs in the operator's zone;
	// metav1 times print in it); "" keeps the zone the module has.
	Zone string `json:"zone"`
}

// gotemplateOut is the result of gotemplate.render.
type gotemplateOut struct {
	Text string `json:"text"`
}

// preflightFuncs is troubleshoot v0.133.0's function map: sprig.FuncMap() of sprig v3.3.0. This
// module has sprig v3.2.2 (KOTS v1.88.0's, shared with the KOTS templates), whose map lacks only
// sha512sum, added here as v3.3.0 defines it (hex of SHA-512 of the string).
var preflightFuncs = sync.OnceValue(func() template.FuncMap {
	fm := template.FuncMap(sprig.FuncMap())
	if _, ok := fm["sha512sum"]; !ok {
		fm["sha512sum"] = sha512sum
	}
	return fm
})

var zoneMu sync.Mutex
var zoneSet string

// setLocalZone makes time.Local the named zone (once per name). GOOS=js derives Local from the
// JavaScript clock's current offset and names it "UTC+0"; a UTC zone becomes time.UTC, any other
// is loaded from the system's zoneinfo when the module can read it, else left as it is.
func setLocalZone(name string) {
	zoneMu.Lock()
	defer zoneMu.Unlock()
	if name == "" || name == zoneSet {
		return
	}
	zoneSet = name
	switch name {
	case "UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu":
		time.Local = time.UTC
		return
	}
	if loc, err := time.LoadLocation(name); err == nil {
		time.Local = loc
	}
}

// RenderMessage is troubleshoot v0.133.0 internal/util RenderTemplate: text/template named
// "data" with the standard delimiters and preflightFuncs, executed with dot. Errors are Go's own
// texts ("template: data:1:3: executing \"data\" at <.Foo>: can't evaluate field Foo in type v1.Pod").
func RenderMessage(text string, dot any) (string, error) {
	t, err := template.New("data").Funcs(preflightFuncs()).Parse(text)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, dot); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func init() {
	// gotemplate.render: {template, dot, zone?} → {text}; see RenderMessage and pfDecodeValue.
	Register("gotemplate.render", func(in json.RawMessage) (any, error) {
		var r gotemplateIn
		if err := json.Unmarshal(in, &r); err != nil {
			return nil, fmt.Errorf("bad op input: %w", err)
		}
		setLocalZone(r.Zone)
		dot, err := pfDecodeValue(r.Dot)
		if err != nil {
			return nil, fmt.Errorf("bad template data: %w", err)
		}
		text, err := RenderMessage(r.Template, dot)
		if err != nil {
			return nil, err
		}
		return gotemplateOut{Text: text}, nil
	})
}
