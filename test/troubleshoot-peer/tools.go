//go:build tools

// Package peer pins troubleshoot's own `preflight` CLI (v0.133.0) as the conformance peer of
// kots-tui's app preflights. Built by test/support/preflight-peer.ts with
// `go build github.com/replicatedhq/troubleshoot/cmd/preflight`.
package peer

import _ "github.com/replicatedhq/troubleshoot/cmd/preflight"
