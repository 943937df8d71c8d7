// Package v1beta2 holds the troubleshoot v0.133.0 pkg/apis/troubleshoot/v1beta2 spec types that
// its message templates see (analyzer_shared.go), with the same names, fields and JSON keys.
package v1beta2

import v1 "kots-tui.dev/templates/gotypes/v1"

// NodeResourceFilters is a nodeResources analyzer's `filters:`.
type NodeResourceFilters struct {
	CPUArchitecture             string                 `json:"cpuArchitecture,omitempty"`
	CPUCapacity                 string                 `json:"cpuCapacity,omitempty"`
	CPUAllocatable              string                 `json:"cpuAllocatable,omitempty"`
	MemoryCapacity              string                 `json:"memoryCapacity,omitempty"`
	MemoryAllocatable           string                 `json:"memoryAllocatable,omitempty"`
	PodCapacity                 string                 `json:"podCapacity,omitempty"`
	PodAllocatable              string                 `json:"podAllocatable,omitempty"`
	EphemeralStorageCapacity    string                 `json:"ephemeralStorageCapacity,omitempty"`
	EphemeralStorageAllocatable string                 `json:"ephemeralStorageAllocatable,omitempty"`
	Selector                    *NodeResourceSelectors `json:"selector,omitempty"`
	ResourceName                string                 `json:"resourceName,omitempty"`
	ResourceAllocatable         string                 `json:"resourceAllocatable,omitempty"`
	ResourceCapacity            string                 `json:"resourceCapacity,omitempty"`
	Taint                       *v1.Taint              `json:"taint,omitempty"`
}

// NodeResourceSelectors is `filters.selector:`.
type NodeResourceSelectors struct {
	MatchLabel       map[string]string             `json:"matchLabel,omitempty"`
	MatchExpressions []v1.LabelSelectorRequirement `json:"matchExpressions,omitempty"`
}
