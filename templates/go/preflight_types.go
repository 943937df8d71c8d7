package kotstemplate

import (
	"reflect"

	"kots-tui.dev/templates/gotypes/analyzer"
	v1 "kots-tui.dev/templates/gotypes/v1"
	"kots-tui.dev/templates/gotypes/v1beta2"
)

// preflightTypes are the Go types a gotemplate.render dot may name ({"go": NAME, "json": …}),
// under the name Go prints them with: the objects troubleshoot v0.133.0's analyzers execute
// message templates with (pkg/analyze cluster_pod_statuses.go: v1.Pod; event.go: *v1.Event;
// cluster_container_statuses.go: *analyzer.matchedContainerInfo; node_resources.go:
// analyzer.NodeResourceMsg) and the other collected Kubernetes kinds, decoded from JSON by
// encoding/json into the mirror types of package gotypes.
var preflightTypes = map[string]reflect.Type{}

func init() {
	for _, v := range []any{
		v1.Pod{}, v1.Event{}, v1.Node{}, v1.Service{}, v1.Namespace{}, v1.ConfigMap{}, v1.Secret{},
		v1.PersistentVolume{}, v1.PersistentVolumeClaim{}, v1.Endpoints{}, v1.ServiceAccount{}, v1.LimitRange{},
		v1.ResourceQuota{}, v1.ReplicationController{},
		v1.Deployment{}, v1.StatefulSet{}, v1.ReplicaSet{}, v1.DaemonSet{},
		v1.Job{}, v1.CronJob{}, v1.Ingress{}, v1.NetworkPolicy{}, v1.StorageClass{}, v1.PodDisruptionBudget{},
		analyzer.NodeResourceMsg{}, v1beta2.NodeResourceFilters{},
	} {
		t := reflect.TypeOf(v)
		preflightTypes[t.String()] = t
	}
	preflightTypes[analyzer.MatchedContainerInfoType.String()] = analyzer.MatchedContainerInfoType
}
