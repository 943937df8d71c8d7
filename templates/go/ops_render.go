package kotstemplate

import (
	"encoding/json"
	"fmt"
	"sort"
)

// renderIn is the input of the "render" op.
type renderIn struct {
	Context Context `json:"context"`
	Text    string  `json:"text"`
	// File names the template in errors ("<template>" when empty).
	File string `json:"file"`
	// Line is the line of file the text starts on (default 1).
	Line int `json:"line"`
}

func decode(in json.RawMessage, v any) error {
	if err := json.Unmarshal(in, v); err != nil {
		return fmt.Errorf("bad op input: %w", err)
	}
	return nil
}

// decodeRenderIn decodes the input of the "render" and "analyze" ops and fills the defaults:
// File "<template>" when empty, Line 1 when below 1. Errors: "bad op input: …" (decode).
func decodeRenderIn(in json.RawMessage) (renderIn, error) {
	var r renderIn
	if err := decode(in, &r); err != nil {
		return r, err
	}
	if r.File == "" {
		r.File = "<template>"
	}
	if r.Line < 1 {
		r.Line = 1
	}
	return r, nil
}

func init() {
	// render: {context, text, file, line?} → {text}. With context.config set, the Config is
	// resolved first (config.render) and ConfigOption* read its items; else they read
	// context.configValues as sent.
	Register("render", func(in json.RawMessage) (any, error) {
		r, err := decodeRenderIn(in)
		if err != nil {
			return nil, err
		}
		items := valuesItems(r.Context.ConfigValues)
		if len(r.Context.Config) > 0 && string(r.Context.Config) != "null" {
			cfg, err := ResolveConfig(&r.Context, nil)
			if err != nil {
				return nil, err
			}
			items = cfg.Lookup()
		}
		out, err := RenderWith(BuildFuncMap(&r.Context, items), r.Text, r.File, r.Line)
		if err != nil {
			return nil, err
		}
		return map[string]string{"text": out}, nil
	})
}

// configIn is the input of the config.* ops.
type configIn struct {
	Context Context         `json:"context"`
	Options *ResolveOptions `json:"options"`
}

func init() {
	// config.analyze: {context, options?} → {random: ["item/field", …]}; fails with the first
	// template parse error of the Config.
	Register("config.analyze", func(in json.RawMessage) (any, error) {
		var r configIn
		if err := decode(in, &r); err != nil {
			return nil, err
		}
		random, err := AnalyzeConfig(&r.Context, r.Options)
		if err != nil {
			return nil, err
		}
		if random == nil {
			random = []string{}
		}
		return map[string]any{"random": random}, nil
	})
	// config.render: {context, options?} → ResolvedConfig (groups and items with rendered fields,
	// per-field errors, the nondeterministic fields and what they generated).
	Register("config.render", func(in json.RawMessage) (any, error) {
		var r configIn
		if err := decode(in, &r); err != nil {
			return nil, err
		}
		return ResolveConfig(&r.Context, r.Options)
	})
}

func init() {
	// analyze: {text, file?, line?} → {functions: [names, sorted]}: both passes parsed, nothing
	// executed; fails with the parse error (syntax, unknown function).
	Register("analyze", func(in json.RawMessage) (any, error) {
		r, err := decodeRenderIn(in)
		if err != nil {
			return nil, err
		}
		funcs, err := ParseCheck(BuildFuncMap(&r.Context, nil), r.Text, r.File, r.Line)
		if err != nil {
			return nil, err
		}
		names := make([]string, 0, len(funcs))
		for n := range funcs {
			names = append(names, n)
		}
		sort.Strings(names)
		return map[string]any{"functions": names}, nil
	})
}
