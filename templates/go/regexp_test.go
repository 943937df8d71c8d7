package kotstemplate

import (
	"encoding/json"
	"testing"
)

// callOp runs op on the JSON of in through Call, as the bridge does, and returns the raw answer.
func callOp(t *testing.T, op string, in any) string {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	return string(Call(op, b))
}

// sameJSON reports whether two JSON texts hold the same value (Call escapes <, > and & as \u003c…).
func sameJSON(t *testing.T, got, want string) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("answer is not JSON: %s", got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("expected value is not JSON: %s", want)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	return string(gb) == string(wb)
}

func TestRegexpMatch(t *testing.T) {
	cases := []struct {
		pattern, text, want string
	}{
		// unanchored search
		{`b+`, "abbbc", `{"result":{"matched":true}}`},
		{`^b`, "abc", `{"result":{"matched":false}}`},
		// RE2 spellings JavaScript lacks or reads differently
		{`(?i)HELLO`, "say hello", `{"result":{"matched":true}}`},
		{`\Aab\z`, "ab", `{"result":{"matched":true}}`},
		{`\Aab\z`, "ab\n", `{"result":{"matched":false}}`},
		{`[[:alpha:]]+\d`, "abc1", `{"result":{"matched":true}}`},
		{`\Qa.b\E`, "axb", `{"result":{"matched":false}}`},
		{`\Qa.b\E`, "a.b", `{"result":{"matched":true}}`},
		{`(?P<v>\d+)\.x`, "10.x", `{"result":{"matched":true}}`},
		// "." does not match "\n" but matches "\r" (JavaScript's does not)
		{`a.b`, "a\rb", `{"result":{"matched":true}}`},
		{`a.b`, "a\nb", `{"result":{"matched":false}}`},
		{`(?s)a.b`, "a\nb", `{"result":{"matched":true}}`},
		// \s is [\t\n\f\r ] in RE2: no vertical tab, no U+00A0
		{`a\sb`, "a\u00a0b", `{"result":{"matched":false}}`},
		// ungreedy flag and mid-pattern flags
		{`a(?U)b+`, "abbb", `{"result":{"matched":true}}`},
		{`x(?i:Y)z`, "xyz", `{"result":{"matched":true}}`},
		// \pL / \p{Greek}
		{`\p{Greek}`, "λ", `{"result":{"matched":true}}`},
		{`\PL`, "abc", `{"result":{"matched":false}}`},
		// Go's error texts
		{`(a`, "", "{\"error\":\"error parsing regexp: missing closing ): `(a`\"}"},
		{`a)`, "", "{\"error\":\"error parsing regexp: unexpected ): `a)`\"}"},
		{`[a`, "", "{\"error\":\"error parsing regexp: missing closing ]: `[a`\"}"},
		{`a**`, "", "{\"error\":\"error parsing regexp: invalid nested repetition operator: `**`\"}"},
		{`(?=a)`, "", "{\"error\":\"error parsing regexp: invalid or unsupported Perl syntax: `(?=`\"}"},
		{`\1`, "", "{\"error\":\"error parsing regexp: invalid escape sequence: `\\\\1`\"}"},
		{`a{1001}`, "", "{\"error\":\"error parsing regexp: invalid repeat count: `{1001}`\"}"},
		{`[z-a]`, "", "{\"error\":\"error parsing regexp: invalid character class range: `z-a`\"}"},
	}
	for _, c := range cases {
		if got := callOp(t, "regexp.match", regexpIn{c.pattern, c.text}); !sameJSON(t, got, c.want) {
			t.Errorf("regexp.match %q on %q:\n got %s\nwant %s", c.pattern, c.text, got, c.want)
		}
	}
}

func TestRegexpSubmatch(t *testing.T) {
	cases := []struct {
		pattern, text, want string
	}{
		{`(?P<major>\d+)\.(?P<minor>\d+)`, "v1.22 and 2.3", `{"result":{"names":["","major","minor"],"groups":["1.22","1","22"]}}`},
		// an unnamed group, and a group that took no part ("")
		{`(a)|(?P<b>b)`, "b", `{"result":{"names":["","","b"],"groups":["b","","b"]}}`},
		{`(?P<x>a)?c`, "c", `{"result":{"names":["","x"],"groups":["c",""]}}`},
		// no match: groups null
		{`(?P<n>\d+)`, "none", `{"result":{"names":["","n"],"groups":null}}`},
		// leftmost-first (Perl), not leftmost-longest
		{`(?P<w>a|ab)`, "ab", `{"result":{"names":["","w"],"groups":["a","a"]}}`},
		{`(?P<n`, "", "{\"error\":\"error parsing regexp: invalid named capture: `(?P<n`\"}"},
	}
	for _, c := range cases {
		if got := callOp(t, "regexp.submatch", regexpIn{c.pattern, c.text}); !sameJSON(t, got, c.want) {
			t.Errorf("regexp.submatch %q on %q:\n got %s\nwant %s", c.pattern, c.text, got, c.want)
		}
	}
}
