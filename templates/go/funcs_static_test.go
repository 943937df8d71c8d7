package kotstemplate

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
)

func TestStaticStringAndEncodingFuncs(t *testing.T) {
	c := &Context{Now: "2024-03-05T07:08:09.123456789+02:00"}
	fnCases(t, c, nil, []fnCase{
		{"Now is RFC 3339 in UTC", `{{ Now }}`, "2024-03-05T05:08:09Z", ""},
		{"NowFmt empty is RFC 3339", `{{ NowFmt "" }}`, "2024-03-05T05:08:09Z", ""},
		{"NowFmt Go layout", `{{ NowFmt "2006-01-02" }}`, "2024-03-05", ""},
		{"NowFmt layout with millis", `{{ NowFmt "Jan 2 15:04:05.000" }}`, "Mar 5 05:08:09.123", ""},
		{"NowFmt strftime is not a layout", `{{ NowFmt "%Y-%m-%d" }}`, "%Y-%m-%d", ""},
		{"ToLower", `{{ ToLower "MiXeD Ü" }}`, "mixed ü", ""},
		{"ToUpper", `{{ ToUpper "MiXeD ü" }}`, "MIXED Ü", ""},
		{"TrimSpace", `{{ TrimSpace "\t a b \n" }}`, "a b", ""},
		{"Trim no cutset trims space", `{{ Trim "  a b  " }}`, "a b", ""},
		{"Trim cutset", `{{ Trim "xxhixyx" "xy" }}`, "hi", ""},
		{"Trim only first cutset counts", `{{ Trim "xxhiyy" "x" "y" }}`, "hiyy", ""},
		{"UrlEncode is query escaping", `{{ UrlEncode "a b&c=d/é" }}`, "a+b%26c%3Dd%2F%C3%A9", ""},
		{"Base64Encode", `{{ Base64Encode "hello" }}`, "aGVsbG8=", ""},
		{"Base64Decode", `{{ Base64Decode "aGVsbG8=" }}`, "hello", ""},
		{"Base64Decode bad input is empty", `{{ Base64Decode "!!not base64!!" }}`, "", ""},
		{"Base64Decode unpadded is empty (StdEncoding)", `{{ Base64Decode "aGVsbG8" }}`, "", ""},
		{"Split is strings.Split", `{{ index (Split "a,b,c" ",") 1 }}`, "b", ""},
		{"Split prints as a slice", `{{ Split "a,,b" "," }}`, "[a  b]", ""},
		{"Split empty sep splits runes", `{{ len (Split "abc" "") }}`, "3", ""},
		{"ParseBool true", `{{ ParseBool "true" }}`, "true", ""},
		{"ParseBool 1", `{{ ParseBool "1" }}`, "true", ""},
		{"ParseBool yes is false", `{{ ParseBool "yes" }}`, "false", ""},
		{"ParseFloat", `{{ ParseFloat "1.5" }}`, "1.5", ""},
		{"ParseFloat bad is 0", `{{ ParseFloat "x" }}`, "0", ""},
		{"ParseInt", `{{ ParseInt "-12" }}`, "-12", ""},
		{"ParseInt base 16", `{{ ParseInt "ff" 16 }}`, "255", ""},
		{"ParseInt bad is 0", `{{ ParseInt "1.5" }}`, "0", ""},
		{"ParseInt out of range clamps", `{{ ParseInt "99999999999999999999" }}`, "9223372036854775807", ""},
		{"ParseUint", `{{ ParseUint "42" }}`, "42", ""},
		{"ParseUint base 2", `{{ ParseUint "101" 2 }}`, "5", ""},
		{"ParseUint negative is 0", `{{ ParseUint "-1" }}`, "0", ""},
		{"HumanSize bytes", `{{ HumanSize 999 }}`, "999B", ""},
		{"HumanSize kB is decimal", `{{ HumanSize 1000 }}`, "1kB", ""},
		{"HumanSize MB", `{{ HumanSize 1500000 }}`, "1.5MB", ""},
		{"HumanSize 4 significant digits", `{{ HumanSize 1234567890 }}`, "1.235GB", ""},
		{"HumanSize float", `{{ HumanSize 2.5e12 }}`, "2.5TB", ""},
		{"HumanSize string is 0", `{{ HumanSize "1000" }}`, "0B", ""},
		{"HumanSize of ParseInt", `{{ HumanSize (ParseInt "2048") }}`, "2.048kB", ""},
		{"YamlEscape plain", `{{ YamlEscape "foo" }}`, strings.Repeat(" ", 20) + "foo\n" + strings.Repeat(" ", 20), ""},
		{"YamlEscape colon is single quoted", `{{ YamlEscape "a: b" }}`, pad20("'a: b'\n"), ""},
		{"YamlEscape bool-looking is double quoted", `{{ YamlEscape "true" }}`, pad20("\"true\"\n"), ""},
		{"YamlEscape multiline is a literal block", `{{ YamlEscape "a\nb" }}`, pad20("|-\n    a\n    b\n"), ""},
	})
}

// pad20 indents every line of s, and the empty line after its final newline, by 20 spaces.
func pad20(s string) string {
	p := strings.Repeat(" ", 20)
	return p + strings.ReplaceAll(s, "\n", "\n"+p)
}

func TestStaticArithmetic(t *testing.T) {
	fnCases(t, &Context{}, nil, []fnCase{
		{"Add ints", `{{ Add 1 2 }}`, "3", ""},
		{"Add int float is float", `{{ Add 1 2.5 }}`, "3.5", ""},
		{"Add float result prints without decimals", `{{ Add 1.5 1.5 }}`, "3", ""},
		{"Add string first is 0", `{{ Add "3" 4 }}`, "0", ""},
		{"Add string second counts 0", `{{ Add 4 "3" }}`, "4", ""},
		{"Add float string is float", `{{ Add 1.5 "x" }}`, "1.5", ""},
		{"Sub negative", `{{ Sub 5 7 }}`, "-2", ""},
		{"Sub int minus float truncates nothing", `{{ Sub 5 0.5 }}`, "4.5", ""},
		{"Mult", `{{ Mult 3 4 }}`, "12", ""},
		{"Mult float", `{{ Mult 3 1.5 }}`, "4.5", ""},
		{"Div int truncates", `{{ Div 7 2 }}`, "3", ""},
		{"Div negative int truncates toward zero", `{{ Div -7 2 }}`, "-3", ""},
		{"Div float", `{{ Div 7 2.0 }}`, "3.5", ""},
		{"Div int by zero fails the template", `{{ Div 1 0 }}`, "", "integer divide by zero"},
		{"Div float by zero is +Inf", `{{ Div 1.0 0 }}`, "+Inf", ""},
		{"Div negative float by zero is -Inf", `{{ Div -1.0 0 }}`, "-Inf", ""},
		{"Add int64 from ParseInt", `{{ Add (ParseInt "5") 1 }}`, "6", ""},
		{"Add uints", `{{ Add (ParseUint "3") (ParseUint "4") }}`, "7", ""},
		{"Add uint then float", `{{ Add (ParseUint "3") 0.5 }}`, "3.5", ""},
		{"Add uint then int panics in KOTS too", `{{ Add (ParseUint "3") 1 }}`, "", "error calling Add"},
		{"Add int then uint panics in KOTS too", `{{ Add 1 (ParseUint "3") }}`, "", "error calling Add"},
		{"Sub uint wraps", `{{ Sub (ParseUint "1") (ParseUint "2") }}`, "18446744073709551615", ""},
		{"Div by Sequence-like int64", `{{ Div 10 (ParseInt "4") }}`, "2", ""},
		{"Add of bools is 0", `{{ Add true false }}`, "0", ""},
	})
}

func TestStaticRandom(t *testing.T) {
	c := &Context{}
	b := fnMustRender(t, c, nil, `{{ RandomBytes 16 }}`)
	raw, err := base64.StdEncoding.DecodeString(b)
	if err != nil || len(raw) != 16 {
		t.Fatalf("RandomBytes 16 = %q: want base64 of 16 bytes (err %v, %d bytes)", b, err, len(raw))
	}
	if got := fnMustRender(t, c, nil, `{{ RandomBytes 0 }}`); got != "" {
		t.Fatalf("RandomBytes 0 = %q, want empty", got)
	}
	s := fnMustRender(t, c, nil, `{{ RandomString 64 }}`)
	if !regexp.MustCompile(`^[_A-Za-z0-9]{64}$`).MatchString(s) {
		t.Fatalf("RandomString 64 = %q, want 64 chars of [_A-Za-z0-9]", s)
	}
	ab := fnMustRender(t, c, nil, `{{ RandomString 200 "[ab]" }}`)
	if !regexp.MustCompile(`^[ab]{200}$`).MatchString(ab) || !strings.Contains(ab, "a") || !strings.Contains(ab, "b") {
		t.Fatalf("RandomString 200 [ab] = %q, want both a and b and nothing else", ab)
	}
	// regexp/syntax folds an alternation of single characters into a class, so KOTS accepts it.
	alt := fnMustRender(t, c, nil, `{{ RandomString 50 "a|b" }}`)
	if !regexp.MustCompile(`^[ab]{50}$`).MatchString(alt) {
		t.Fatalf("RandomString 50 a|b = %q, want 50 of a or b", alt)
	}
	uni := fnMustRender(t, c, nil, `{{ RandomString 20 "[α-ω]" }}`)
	if !regexp.MustCompile(`^[α-ω]{20}$`).MatchString(uni) {
		t.Fatalf("RandomString 20 [α-ω] = %q", uni)
	}
	fnCases(t, c, nil, []fnCase{
		{"RandomString literal charset is empty", `{{ RandomString 5 "abc" }}`, "", ""},
		{"RandomString one-char class simplifies to a literal", `{{ RandomString 5 "[a]" }}`, "", ""},
		{"RandomString multi-char alternation is empty", `{{ RandomString 5 "ab|cd" }}`, "", ""},
		{"RandomString invalid regexp is empty", `{{ RandomString 5 "[" }}`, "", ""},
		{"RandomString zero length", `{{ RandomString 0 }}`, "", ""},
		{"RandomString negative length fails conversion", `{{ RandomString -1 }}`, "", "expected unsigned integer"},
	})
	seed := int64(42)
	s1 := fnMustRender(t, &Context{RandomSeed: &seed}, nil, `{{ RandomString 32 }} {{ RandomBytes 8 }}`)
	s2 := fnMustRender(t, &Context{RandomSeed: &seed}, nil, `{{ RandomString 32 }} {{ RandomBytes 8 }}`)
	other := int64(43)
	s3 := fnMustRender(t, &Context{RandomSeed: &other}, nil, `{{ RandomString 32 }} {{ RandomBytes 8 }}`)
	if s1 != s2 || s1 == s3 {
		t.Fatalf("RandomSeed: seed 42 gave %q then %q, seed 43 %q: want equal, then different", s1, s2, s3)
	}
}

func TestStaticClusterAndEnvFacts(t *testing.T) {
	c := &Context{
		Namespace:   "my-ns",
		KotsVersion: "v1.88.0",
		Cluster:     ClusterFacts{Distribution: "kind", NodeCount: 3, IsKurl: true},
		Env:         ProxyEnv{HTTPProxy: "http://p:3128", HTTPSProxy: "http://ps:3128", NoProxy: "localhost,.svc"},
	}
	fnCases(t, c, nil, []fnCase{
		{"Namespace", `{{ Namespace }}`, "my-ns", ""},
		{"KotsVersion trims v", `{{ KotsVersion }}`, "1.88.0", ""},
		{"IsKurl", `{{ IsKurl }}`, "true", ""},
		{"Distribution", `{{ Distribution }}`, "kind", ""},
		{"NodeCount is an int", `{{ Add NodeCount 1 }}`, "4", ""},
		{"HTTPProxy", `{{ HTTPProxy }}`, "http://p:3128", ""},
		{"HTTPSProxy", `{{ HTTPSProxy }}`, "http://ps:3128", ""},
		{"NoProxy", `{{ NoProxy }}`, "localhost,.svc", ""},
	})
	fnCases(t, &Context{KotsVersion: "1.88.0"}, nil, []fnCase{
		{"KotsVersion without v", `{{ KotsVersion }}`, "1.88.0", ""},
		{"IsKurl false", `{{ IsKurl }}`, "false", ""},
		{"Distribution unknown", `{{ Distribution }}`, "", ""},
		{"NodeCount unknown", `{{ NodeCount }}`, "0", ""},
		{"Namespace unset", `{{ Namespace }}`, "", ""},
	})
}
