package kotstemplate

import (
	"bytes"
	"strconv"
	"strings"
	"text/template"
)

// Delimiters are the two KOTS delimiter pairs, rendered in this order: the whole text with
// `{{repl … }}` first, then the output of that pass again with `repl{{ … }}`
// (kots pkg/template/builder.go RenderTemplate). Plain `{{ … }}` (Helm) is left alone by both.
var Delimiters = [2][2]string{{"{{repl", "}}"}, {"repl{{", "}}"}}

// Render renders text as KOTS's Builder.String does (kots pkg/template/builder.go): "" stays "",
// otherwise two text/template passes, one per delimiter pair, the second parsing the output of the
// first (so a value printed by a `{{repl}}` action that itself holds `repl{{ }}` is rendered too, as
// in KOTS). Functions are BuildFuncMap(c, items from c.ConfigValues); file names the template in
// errors, which are Go's own ("template: FILE:LINE:COL: executing … error calling F: …").
func Render(c *Context, text, file string) (string, error) {
	return RenderWith(BuildFuncMap(c, valuesItems(c.ConfigValues)), text, file, 1)
}

// RenderWith is Render with a prepared function map, for a text that starts on line `line` of
// file (a Config field inside kots-config.yaml): line numbers in errors are shifted to the file's.
func RenderWith(fm template.FuncMap, text, file string, line int) (string, error) {
	return NewRenderer(fm).Render(text, file, line)
}

// Renderer renders many texts with one function map. text/template copies a function map into
// every new template (Funcs); a Renderer does that once per delimiter pair and makes each text's
// template with base.New, which shares it. (Templates a text defines with `define` stay visible to
// the later texts of the same Renderer; KOTS renders each text afresh. Config fields do not define.)
type Renderer struct {
	base [2]*template.Template
}

// NewRenderer prepares fm for both delimiter pairs.
func NewRenderer(fm template.FuncMap) *Renderer {
	r := &Renderer{}
	for i, d := range Delimiters {
		r.base[i] = template.New("").Delims(d[0], d[1]).Funcs(fm)
	}
	return r
}

func (r *Renderer) parse(i int, file, text string) (*template.Template, error) {
	return r.base[i].New(file).Parse(text)
}

// Render renders text as Render does (two passes, KOTS builder.go), naming file and shifting
// error lines by line-1. Each pass is skipped when the text holds no left delimiter of that pass
// (its output would be the text unchanged).
func (r *Renderer) Render(text, file string, line int) (string, error) {
	if text == "" {
		return "", nil
	}
	cur := text
	for i, d := range Delimiters {
		if !strings.Contains(cur, d[0]) {
			continue
		}
		t, err := r.parse(i, file, cur)
		if err != nil {
			if i == 1 && cur != text {
				// name the line of the source, not of the first pass's output, when the source
				// itself (first-pass actions blanked) has the error
				if _, srcErr := r.parse(i, file, maskActions(text, Delimiters[0][0], Delimiters[0][1])); srcErr != nil {
					err = srcErr
				}
			}
			return "", shiftLine(err, file, line)
		}
		var out bytes.Buffer
		if err := t.Execute(&out, nil); err != nil {
			return "", shiftLine(err, file, line)
		}
		cur = out.String()
	}
	return cur, nil
}

// ParseCheck parses text with both delimiter pairs without executing it (the second pass parses
// the text as written) and returns the names of the functions it calls. Errors are the parse errors
// Render would give: syntax, and unknown functions (text/template checks names at parse time).
func ParseCheck(fm template.FuncMap, text, file string, line int) (map[string]bool, error) {
	return NewRenderer(fm).ParseCheck(text, file, line)
}

// ParseCheck is the package's ParseCheck with this Renderer's functions.
func (r *Renderer) ParseCheck(text, file string, line int) (map[string]bool, error) {
	funcs := map[string]bool{}
	for i, d := range Delimiters {
		if !strings.Contains(text, d[0]) {
			continue
		}
		src := text
		if d[0] == Delimiters[1][0] {
			// the second pass sees the first pass's output: blank out first-pass actions so a
			// `repl{{` inside one is not parsed twice
			src = maskActions(text, Delimiters[0][0], Delimiters[0][1])
		}
		t, err := r.parse(i, file, src)
		if err != nil {
			return nil, shiftLine(err, file, line)
		}
		if t.Tree != nil && t.Tree.Root != nil {
			collectFuncs(t.Tree.Root, funcs)
		}
	}
	return funcs, nil
}

// maskActions replaces every left…right span by spaces (newlines kept, so lines still count).
func maskActions(text, left, right string) string {
	var b strings.Builder
	for {
		i := strings.Index(text, left)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		j := strings.Index(text[i+len(left):], right)
		if j < 0 {
			b.WriteString(text)
			return b.String()
		}
		end := i + len(left) + j + len(right)
		b.WriteString(text[:i])
		for _, r := range text[i:end] {
			if r == '\n' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		text = text[end:]
	}
}

// shiftLine adds line-1 to the line number text/template put after the template's name.
func shiftLine(err error, file string, line int) error {
	if line <= 1 {
		return err
	}
	msg := err.Error()
	prefix := "template: " + file + ":"
	if !strings.HasPrefix(msg, prefix) {
		return err
	}
	rest := msg[len(prefix):]
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	if n == 0 {
		return err
	}
	l, _ := strconv.Atoi(rest[:n])
	return &renderError{prefix + strconv.Itoa(l+line-1) + rest[n:]}
}

type renderError struct{ msg string }

func (e *renderError) Error() string { return e.msg }

// valuesItems is the ConfigItems of a context without a Config: the values as sent (nil: none).
func valuesItems(values map[string]ConfigValue) ConfigItems {
	if values == nil {
		return nil
	}
	return valuesMap(values)
}

// valuesMap is the ConfigValues entries as ItemValues (valuePlaintext, when set, is the value).
func valuesMap(values map[string]ConfigValue) MapItems {
	m := MapItems{}
	for name, v := range values {
		val := v.Value
		if v.ValuePlaintext != "" {
			val = v.ValuePlaintext
		}
		m[name] = ItemValue{Value: val, Default: v.Default, Filename: v.Filename, RepeatableItem: v.RepeatableItem}
	}
	return m
}
