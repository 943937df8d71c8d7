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
	// Zone names the local time zone the TS side found (troubleshoot's metav1 times print in the
	// operator's zone); "" keeps the zone set before. ZoneData is its tzdata file; without it the
	// zone is UTC.
	Zone     string `json:"zone"`
	ZoneData []byte `json:"zoneData"`
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

// setLocalZone makes time.Local the zone of tzdata (UTC without it or when it does not parse).
// GOOS=js otherwise derives Local from the JavaScript clock's current offset alone, named "UTC+0".
func setLocalZone(name string, tzdata []byte) {
	if name == "" {
		return
	}
	time.Local = time.UTC
	if len(tzdata) > 0 {
		if loc, err := time.LoadLocationFromTZData("Local", tzdata); err == nil {
			time.Local = loc
		}
	}
}

var parsedMu sync.Mutex
var parsed = map[string]*template.Template{}

// parsedMessage is text parsed as RenderMessage parses it, kept for the next render of the same
// text (an analyzer renders one message per pod or event; parsing copies the ~200-entry function
// map each time). A parsed template is only executed, never changed, so reusing it is safe. The
// cache is emptied when it holds 256 texts.
func parsedMessage(text string) (*template.Template, error) {
	parsedMu.Lock()
	defer parsedMu.Unlock()
	if t, ok := parsed[text]; ok {
		return t, nil
	}
	t, err := template.New("data").Funcs(preflightFuncs()).Parse(text)
	if err != nil {
		return nil, err
	}
	if len(parsed) >= 256 {
		parsed = map[string]*template.Template{}
	}
	parsed[text] = t
	return t, nil
}

// RenderMessage is troubleshoot v0.133.0 internal/util RenderTemplate: text/template named
// "data" with the standard delimiters and preflightFuncs, executed with dot. Errors are Go's own
// texts ("template: data:1:3: executing \"data\" at <.Foo>: can't evaluate field Foo in type v1.Pod").
func RenderMessage(text string, dot any) (string, error) {
	t, err := parsedMessage(text)
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
		setLocalZone(r.Zone, r.ZoneData)
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
