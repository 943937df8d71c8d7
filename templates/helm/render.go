// Package kotshelm renders a Helm chart archive as `helm template` does, with Helm's own packages
// (helm.sh/helm/v3 pkg/chart/loader, pkg/chartutil, pkg/engine, pkg/releaseutil) and no cluster:
// the engine has no lookup client (lookup returns empty maps), the capabilities are
// chartutil.DefaultCapabilities (optionally with another Kubernetes version), as with
// `helm template` without --validate (helm pkg/action install.go RunWithContext ClientOnly and
// action.go renderResources).
package kotshelm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
	"helm.sh/helm/v3/pkg/releaseutil"
)

// TemplateInput is the JSON input of the "helm.template" op.
type TemplateInput struct {
	// Chart is the chart archive (.tgz), base64 in JSON
	Chart []byte `json:"chart"`
	// Values are the user-supplied values (`--values`), already merged; nil is none
	Values map[string]interface{} `json:"values"`
	// Release is the release name (.Release.Name)
	Release string `json:"release"`
	// Namespace is .Release.Namespace
	Namespace string `json:"namespace"`
	// IncludeCRDs adds the chart's crds/ files first, as `--include-crds` does
	IncludeCRDs bool `json:"includeCRDs"`
	// KubeVersion overrides the default capabilities' version, as `--kube-version` does ("" keeps it)
	KubeVersion string `json:"kubeVersion,omitempty"`
}

// TemplateOutput is the result of "helm.template".
type TemplateOutput struct {
	// Manifest is the text `helm template` prints: "---\n# Source: PATH\nCONTENT\n" per document
	// (CRDs when asked, the manifests in install order, then the hooks)
	Manifest string `json:"manifest"`
	// ChartName and ChartVersion come from the archive's Chart.yaml
	ChartName    string `json:"chartName"`
	ChartVersion string `json:"chartVersion"`
}

// Template renders in.Chart as `helm template RELEASE CHART -n NS --values V [--include-crds]`.
// Errors are Helm's own texts (a release name Helm refuses, a chart that does not load, a failed dependency check, a template
// error naming chart/templates/FILE:LINE, a rendered file that is not YAML).
func Template(in TemplateInput) (*TemplateOutput, error) {
	// helm pkg/action Install.availableName: checked before the chart is loaded
	if err := chartutil.ValidateReleaseName(in.Release); err != nil {
		return nil, fmt.Errorf("release name %q: %w", in.Release, err)
	}
	chrt, err := loader.LoadArchive(bytes.NewReader(in.Chart))
	if err != nil {
		return nil, err
	}
	if err := checkDependencies(chrt); err != nil {
		return nil, err
	}
	vals := in.Values
	if vals == nil {
		vals = map[string]interface{}{}
	}
	if err := chartutil.ProcessDependenciesWithMerge(chrt, vals); err != nil {
		return nil, err
	}
	caps := chartutil.DefaultCapabilities.Copy()
	if in.KubeVersion != "" {
		kv, err := chartutil.ParseKubeVersion(in.KubeVersion)
		if err != nil {
			return nil, fmt.Errorf("invalid kube version '%s': %w", in.KubeVersion, err)
		}
		caps.KubeVersion = *kv
	}
	if chrt.Metadata.KubeVersion != "" && !chartutil.IsCompatibleRange(chrt.Metadata.KubeVersion, caps.KubeVersion.String()) {
		return nil, fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", chrt.Metadata.KubeVersion, caps.KubeVersion.String())
	}
	opts := chartutil.ReleaseOptions{Name: in.Release, Namespace: in.Namespace, Revision: 1, IsInstall: true}
	rv, err := chartutil.ToRenderValuesWithSchemaValidation(chrt, vals, opts, caps, false)
	if err != nil {
		return nil, err
	}
	var e engine.Engine
	files, err := e.Render(chrt, rv)
	if err != nil {
		return nil, err
	}
	for k := range files {
		if strings.HasSuffix(k, "NOTES.txt") {
			delete(files, k)
		}
	}
	hooks, manifests, err := releaseutil.SortManifests(files, nil, releaseutil.InstallOrder)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if in.IncludeCRDs {
		for _, crd := range chrt.CRDObjects() {
			fmt.Fprintf(&b, "---\n# Source: %s\n%s\n", crd.Filename, string(crd.File.Data))
		}
	}
	for _, m := range manifests {
		fmt.Fprintf(&b, "---\n# Source: %s\n%s\n", m.Name, m.Content)
	}
	for _, h := range hooks {
		fmt.Fprintf(&b, "---\n# Source: %s\n%s\n", h.Path, h.Manifest)
	}
	return &TemplateOutput{Manifest: b.String(), ChartName: chrt.Name(), ChartVersion: chrt.Metadata.Version}, nil
}

// ChartInfoInput is the JSON input of "helm.chartInfo": a chart archive (.tgz, base64 in JSON).
type ChartInfoInput struct {
	Chart []byte `json:"chart"`
}

// ChartInfo is Chart.yaml's name and version of an archive.
type ChartInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// chartInfo loads an archive with Helm's loader and returns its Chart.yaml name and version.
func chartInfo(in ChartInfoInput) (*ChartInfo, error) {
	chrt, err := loader.LoadArchive(bytes.NewReader(in.Chart))
	if err != nil {
		return nil, err
	}
	return &ChartInfo{Name: chrt.Metadata.Name, Version: chrt.Metadata.Version}, nil
}

// Call runs one op on its JSON input and returns {"result": …} or {"error": "…"} as JSON.
// Ops: "helm.template" (TemplateInput → TemplateOutput), "helm.chartInfo" (ChartInfoInput → ChartInfo).
func Call(op string, in []byte) []byte {
	var result interface{}
	var err error
	switch op {
	case "helm.template":
		var ti TemplateInput
		if err = json.Unmarshal(in, &ti); err == nil {
			result, err = Template(ti)
		}
	case "helm.chartInfo":
		var ci ChartInfoInput
		if err = json.Unmarshal(in, &ci); err == nil {
			result, err = chartInfo(ci)
		}
	default:
		err = fmt.Errorf("unknown op %q", op)
	}
	var out []byte
	if err != nil {
		out, _ = json.Marshal(map[string]string{"error": err.Error()})
	} else {
		out, _ = json.Marshal(map[string]interface{}{"result": result})
	}
	return out
}

// checkDependencies fails when a dependency of Chart.yaml is not in the archive's charts/ (by
// name), with the text `helm template` prints (helm pkg/action CheckDependencies and cmd/helm
// install.go; not imported: pkg/action pulls in kubectl, which does not build for js/wasm).
func checkDependencies(c *chart.Chart) error {
	have := map[string]bool{}
	for _, d := range c.Dependencies() {
		have[d.Name()] = true
	}
	var missing []string
	for _, r := range c.Metadata.Dependencies {
		if r == nil || have[r.Name] {
			continue
		}
		missing = append(missing, r.Name)
	}
	if len(missing) > 0 {
		return fmt.Errorf("An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: %s", strings.Join(missing, ", "))
	}
	return nil
}
