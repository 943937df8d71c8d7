package kotstemplate

import "text/template"

// versionFuncs are KOTS's version context (kots pkg/template/version_context.go) over
// Context.Version. KOTS returns -1 / "" / false when it has no VersionInfo; the bridge always
// sends one, so these return its fields as they are.
func versionFuncs(c *Context) template.FuncMap {
	v := c.Version
	return template.FuncMap{
		// Sequence: the installation sequence (0 on a fresh install), int64.
		"Sequence": func() int64 { return v.Sequence },
		// Cursor: the upstream version cursor.
		"Cursor": func() string { return v.Cursor },
		// ChannelName: the channel the version came from.
		"ChannelName": func() string { return v.ChannelName },
		// VersionLabel: the release's version label.
		"VersionLabel": func() string { return v.VersionLabel },
		// IsRequired: whether the release is required.
		"IsRequired": func() bool { return v.IsRequired },
		// ReleaseNotes: the release notes.
		"ReleaseNotes": func() string { return v.ReleaseNotes },
		// IsAirgap: whether this is an airgap install.
		"IsAirgap": func() bool { return v.IsAirgap },
	}
}
