// Package analyzer holds the values troubleshoot v0.133.0's pkg/analyze (package analyzer)
// executes message templates with, where they are its own types: same names, fields, order.
package analyzer

import (
	"reflect"

	"kots-tui.dev/templates/gotypes/v1beta2"
)

// NodeResourceMsg is the dot of a nodeResources message (node_resources.go): the filters
// (promoted; nil when the spec has none) and the number of nodes that matched them.
type NodeResourceMsg struct {
	*v1beta2.NodeResourceFilters
	NodeCount int
}

// MatchedContainerInfoType is the type of troubleshoot's unexported matchedContainerInfo, for
// callers outside the package to build values of it (by reflection and JSON).
var MatchedContainerInfoType = reflect.TypeOf(matchedContainerInfo{})

// matchedContainerInfo is the dot of a clusterContainerStatuses message, as a pointer
// (cluster_container_statuses.go).
type matchedContainerInfo struct {
	Namespace     string
	PodName       string
	ContainerName string
	Ready         bool
	RestartCount  int32
	Message       string
}
