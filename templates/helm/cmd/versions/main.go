// Command versions prints, as JSON, what the trimmed build of the Helm module (build-wasm.ts)
// freezes: chartutil.DefaultVersionSet (the API versions `helm template` reports in
// .Capabilities.APIVersions, computed by Helm from client-go's scheme at init). It is run natively
// against the unmodified Helm module, so the frozen list is Helm's own.
package main

import (
	"encoding/json"
	"os"

	"helm.sh/helm/v3/pkg/chartutil"
)

func main() {
	if err := json.NewEncoder(os.Stdout).Encode([]string(chartutil.DefaultVersionSet)); err != nil {
		os.Exit(1)
	}
}
