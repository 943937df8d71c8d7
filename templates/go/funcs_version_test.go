package kotstemplate

import "testing"

func TestVersionFuncs(t *testing.T) {
	c := &Context{Version: VersionInfo{Sequence: 5, Cursor: "17", ChannelName: "Beta", VersionLabel: "1.2.3",
		IsRequired: true, ReleaseNotes: "fixes\nmore", IsAirgap: true}}
	fnCases(t, c, nil, []fnCase{
		{"Sequence", `{{ Sequence }}`, "5", ""},
		{"Sequence is an int64 for arithmetic", `{{ Add Sequence 1 }}`, "6", ""},
		{"Cursor", `{{ Cursor }}`, "17", ""},
		{"ChannelName", `{{ ChannelName }}`, "Beta", ""},
		{"VersionLabel", `{{ VersionLabel }}`, "1.2.3", ""},
		{"IsRequired", `{{ IsRequired }}`, "true", ""},
		{"ReleaseNotes", `{{ ReleaseNotes }}`, "fixes\nmore", ""},
		{"IsAirgap", `{{ IsAirgap }}`, "true", ""},
	})
	fnCases(t, &Context{}, nil, []fnCase{
		{"fresh install sequence", `{{ Sequence }}`, "0", ""},
		{"not airgap", `{{ IsAirgap }}`, "false", ""},
		{"not required", `{{ IsRequired }}`, "false", ""},
		{"no label", `{{ VersionLabel }}`, "", ""},
	})
}
