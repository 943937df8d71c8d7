package kotstemplate

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sync"
)

// regexpIn is the input of the regexp ops: a Go (RE2) pattern and the text it runs over.
type regexpIn struct {
	Pattern string `json:"pattern"`
	Text    string `json:"text"`
}

// regexpMatchOut is the result of regexp.match.
type regexpMatchOut struct {
	Matched bool `json:"matched"`
}

// regexpSubmatchOut is the result of regexp.submatch: the pattern's SubexpNames (index 0 is the
// whole match and always ""; unnamed groups are "") and FindStringSubmatch's groups, nil (JSON
// null) when the pattern matches nowhere; a group that took no part in the match is "".
type regexpSubmatchOut struct {
	Names  []string `json:"names"`
	Groups []string `json:"groups"`
}

// compileRegexpIn decodes the op input and compiles its pattern with regexp.Compile; the error is
// Go's own text ("error parsing regexp: missing closing ): `(a`").
func compileRegexpIn(in json.RawMessage) (*regexp.Regexp, string, error) {
	var r regexpIn
	if err := json.Unmarshal(in, &r); err != nil {
		return nil, "", fmt.Errorf("bad op input: %w", err)
	}
	re, err := compiledRegexp(r.Pattern)
	if err != nil {
		return nil, "", err
	}
	return re, r.Text, nil
}

var regexpMu sync.Mutex
var regexps = map[string]*regexp.Regexp{}

// compiledRegexp is regexp.Compile(pattern), kept for the next op on the same pattern (an
// analyzer runs one pattern over many files; a *Regexp is safe to reuse). Emptied at 256 patterns;
// errors are not kept.
func compiledRegexp(pattern string) (*regexp.Regexp, error) {
	regexpMu.Lock()
	defer regexpMu.Unlock()
	if re, ok := regexps[pattern]; ok {
		return re, nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	if len(regexps) >= 256 {
		regexps = map[string]*regexp.Regexp{}
	}
	regexps[pattern] = re
	return re, nil
}

func init() {
	// regexp.match: {pattern, text} → {matched}: regexp.Compile(pattern) then MatchString(text), an
	// unanchored search (Config validation.regex: kots pkg/kotsadmconfig/validation; troubleshoot
	// v0.133.0 pkg/analyze text_analyze.go analyzeRegexPattern and event.go's regex).
	Register("regexp.match", func(in json.RawMessage) (any, error) {
		re, text, err := compileRegexpIn(in)
		if err != nil {
			return nil, err
		}
		return regexpMatchOut{Matched: re.MatchString(text)}, nil
	})
	// regexp.submatch: {pattern, text} → {names, groups}: SubexpNames and FindStringSubmatch, what
	// troubleshoot's analyzeRegexGroups reads (the leftmost-first match only).
	Register("regexp.submatch", func(in json.RawMessage) (any, error) {
		re, text, err := compileRegexpIn(in)
		if err != nil {
			return nil, err
		}
		return regexpSubmatchOut{Names: re.SubexpNames(), Groups: re.FindStringSubmatch(text)}, nil
	})
}
