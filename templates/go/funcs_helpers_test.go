package kotstemplate

import (
	"strings"
	"testing"
	"text/template"
)

// fnCase is one template and what KOTS renders for it: want is the exact output, or, when errSub
// is set, the execution must fail with an error containing errSub.
type fnCase struct {
	name   string
	tmpl   string
	want   string
	errSub string
}

// fnRender parses tmpl with the standard delimiters and BuildFuncMap(c, items) and executes it.
func fnRender(c *Context, items ConfigItems, tmpl string) (string, error) {
	t, err := template.New("t").Funcs(BuildFuncMap(c, items)).Parse(tmpl)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := t.Execute(&b, nil); err != nil {
		return "", err
	}
	return b.String(), nil
}

// fnMustRender renders or fails the test.
func fnMustRender(t *testing.T, c *Context, items ConfigItems, tmpl string) string {
	t.Helper()
	out, err := fnRender(c, items, tmpl)
	if err != nil {
		t.Fatalf("render %q: %v", tmpl, err)
	}
	return out
}

// fnCases runs each case as a subtest against one Context and item set.
func fnCases(t *testing.T, c *Context, items ConfigItems, cases []fnCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := fnRender(c, items, tc.tmpl)
			if tc.errSub != "" {
				if err == nil {
					t.Fatalf("%s: want an error containing %q, got output %q", tc.tmpl, tc.errSub, got)
				}
				if !strings.Contains(err.Error(), tc.errSub) {
					t.Fatalf("%s: error %q does not contain %q", tc.tmpl, err, tc.errSub)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", tc.tmpl, err)
			}
			if got != tc.want {
				t.Fatalf("%s:\n got %q\nwant %q", tc.tmpl, got, tc.want)
			}
		})
	}
}
