package kotstemplate

import (
	"encoding/json"
	"strings"
	"testing"
)

// Expected texts are Go 1.26's for troubleshoot v0.133.0's RenderTemplate with the real types
// (k8s.io/api v0.36.3), reasoned from Go's text/template and fmt rules and checked with a
// throwaway Go program over the real types; the mirror types here must give the same.

func renderNode(t *testing.T, text string, dot string) string {
	t.Helper()
	in := `{"template":` + jsonString(text) + `,"dot":` + dot + `,"zone":"UTC"}` // no tzdata: UTC
	out := Call("gotemplate.render", []byte(in))
	var r struct {
		Result *gotemplateOut `json:"result"`
		Error  *string        `json:"error"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("bad answer %s", out)
	}
	if r.Error != nil {
		return "ERROR: " + *r.Error
	}
	return r.Result.Text
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

type renderCase struct{ text, want string }

func runCases(t *testing.T, dot string, cases []renderCase) {
	t.Helper()
	for _, c := range cases {
		if got := renderNode(t, c.text, dot); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

// As encoding/json decodes into interface {}: maps of interface {}, float64 numbers.
const jsonData = `{"map":[["a",1],["b","x"],["n",null],["f",2.5],["big",1000000],["t",true],
 ["m",{"map":[["k","v"],["z",[1,"two",null]],["inner",{"map":[["deep","yes"]]}]]}],["l",[]],
 ["items",[{"map":[["name","a"],["ok",true]]},{"map":[["name","b"],["ok",false]]}]],["NodeCount",{"int":"2"}]]}`

func TestRenderJSONData(t *testing.T) {
	runCases(t, jsonData, []renderCase{
		{"no template here", "no template here"},
		{"{{ .a }} {{ .f }} {{ .big }} {{ .t }}", "1 2.5 1e+06 true"},
		{"{{ .missing }}|{{ .n }}|{{ .missing.x.y }}", "<no value>|<no value>|<no value>"},
		{"{{ .m }}", "map[inner:map[deep:yes] k:v z:[1 two <nil>]]"},
		{"{{ range $i, $it := .items }}{{ $i }}={{ $it.name }} {{ end }}", "0=a 1=b "},
		{`{{ index .m "k" }}|{{ index .m.z 1 }}|{{ index .m "nope" }}`, "v|two|<no value>"},
		{"{{ if eq .a 1.0 }}one{{ end }}{{ .b | upper }}{{ .m.k | quote }}", `oneX"v"`},
		{`{{ printf "%s has %v" .b .a }} {{ default "none" .missing }}`, "x has 1 none"},
		{"{{ eq .NodeCount 2 }} {{ .NodeCount }}", "true 2"},
		{"{{ sha512sum .b | trunc 16 }}", "a4abd4448c49562d"},
		{"{{ eq .a 1 }}", `ERROR: template: data:1:3: executing "data" at <eq .a 1>: error calling eq: incompatible types for comparison: float64 and int`},
		{"{{ .n.x }}", `ERROR: template: data:1:5: executing "data" at <.n.x>: nil pointer evaluating interface {}.x`},
		{"{{ .b.x }}", `ERROR: template: data:1:5: executing "data" at <.b.x>: can't evaluate field x in type interface {}`},
		{"{{ nope }}", `ERROR: template: data:1: function "nope" not defined`},
		{"{{ upper .a }}", `ERROR: template: data:1:9: executing "data" at <.a>: wrong type for value; expected string; got float64`},
		{"{{ index .items 5 }}", `ERROR: template: data:1:3: executing "data" at <index .items 5>: error calling index: index out of range: 5`},
		{"line one\n  second {{ .b.x }}", `ERROR: template: data:2:14: executing "data" at <.b.x>: can't evaluate field x in type interface {}`},
		{"{{ if }}", "ERROR: template: data:1: missing value for if"},
	})
}

func TestRenderYAMLAndStringMaps(t *testing.T) {
	// gopkg.in/yaml.v2 maps: map[interface {}]interface {}, keys of any type, sorted by fmt
	yaml := `{"imap":[["name","web"],[{"int":"1"},"one"],[true,"yes"],["n",{"int":"3"}],["sub",{"imap":[["k","v"]]}]]}`
	runCases(t, yaml, []renderCase{
		{"{{ .name }} {{ .sub.k }} {{ .n }}", "web v 3"},
		{"{{ eq .n 3 }}", "true"},
		// fmt sorts interface keys by their type first, in an order of the binary's own: Go's text
		// (whatever binary) sorts the string keys among themselves
		{"{{ . }}", "map[n:3 name:web sub:map[k:v] 1:one true:yes]"},
		{"{{ index . 1 }}", "one"},
	})
	runCases(t, `{"smap":{"major":"1","minor":"22"}}`, []renderCase{
		{"v{{ .major }}.{{ .minor }} {{ .patch }}", "v1.22 <no value>"},
		{`{{ index . "patch" }}|`, "|"},
	})
}

const pod = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"prod","uid":"abc-123",
 "labels":{"app":"web","tier":"fe"},"creationTimestamp":"2026-12-01T22:44:08Z",
 "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-rs","uid":"u1","controller":true}]},
 "spec":{"nodeName":"kwok-node-0","containers":[{"name":"c1","image":"nginx","ports":[{"containerPort":80}],
 "resources":{"requests":{"cpu":"100m"}}}],"restartPolicy":"Always"},
 "status":{"phase":"Pending","reason":"Unschedulable","podIP":"10.0.0.1","startTime":"2026-12-01T22:44:09.5+02:00",
 "conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/2 nodes"}],
 "containerStatuses":[{"name":"c1","ready":false,"restartCount":3,"image":"nginx","imageID":"","state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}`

func TestRenderPod(t *testing.T) {
	runCases(t, `{"go":"v1.Pod","json":`+pod+`}`, []renderCase{
		{"Pod {{ .Namespace }}/{{ .Name }} is {{ .Status.Phase }}", "Pod prod/web-1 is Pending"},
		{"{{ .ObjectMeta.Name }} {{ .Kind }} {{ .APIVersion }} {{ .TypeMeta.Kind }} {{ .UID }}", "web-1 Pod v1 Pod abc-123"},
		{"{{ .Labels }} {{ .Labels.app }} {{ .Labels.nope }} [{{ index .Labels \"nope\" }}] {{ .Annotations }}", "map[app:web tier:fe] web <no value> [] map[]"},
		{"{{ .CreationTimestamp }}|{{ .CreationTimestamp.Time }}|{{ .DeletionTimestamp }}", "2026-12-01 22:44:08 +0000 UTC|2026-12-01 22:44:08 +0000 UTC|<nil>"},
		{"{{ .Status.StartTime }}", "2026-12-01 20:44:09.5 +0000 UTC"},
		{"{{ .Spec.SecurityContext }}|{{ .Spec.Priority }}", "nil|<nil>"},
		// a Pod value: its fields are not addressable, so a struct prints as fmt's {…}, and a
		// pointer field through its String()
		{"{{ (index .Status.ContainerStatuses 0).State.Waiting }}", "&ContainerStateWaiting{Reason:CrashLoopBackOff,Message:,}"},
		{"{{ .Status.Conditions }}", "[{PodScheduled 0 False 0001-01-01 00:00:00 +0000 UTC 0001-01-01 00:00:00 +0000 UTC Unschedulable 0/2 nodes}]"},
		{"{{ range .Status.ContainerStatuses }}{{ .Name }}:{{ .RestartCount }}:{{ .State.Waiting.Reason }}{{ end }}", "c1:3:CrashLoopBackOff"},
		{"{{ range .Status.Conditions }}{{ .Type }}={{ .Status }} {{ .LastTransitionTime }}{{ end }}", "PodScheduled=False 0001-01-01 00:00:00 +0000 UTC"},
		{"{{ (index .Spec.Containers 0).Ports }}", "[{ 0 80  }]"},
		{"{{ (index .OwnerReferences 0).Kind }}/{{ (index .OwnerReferences 0).Name }} {{ (index .OwnerReferences 0).BlockOwnerDeletion }}", "ReplicaSet/web-rs <nil>"},
		{"{{ .Generation }} {{ eq .Generation 0 }} {{ quote .Status.Phase }}", `0 true "Pending"`},
		{"{{ .Status.Phase | lower }}", `ERROR: template: data:1:19: executing "data" at <lower>: wrong type for value; expected string; got v1.PodPhase`},
		{"{{ .Foo }}", `ERROR: template: data:1:3: executing "data" at <.Foo>: can't evaluate field Foo in type v1.Pod`},
		{"{{ .Status.Foo }}", `ERROR: template: data:1:10: executing "data" at <.Status.Foo>: can't evaluate field Foo in type v1.PodStatus`},
		{"{{ .Spec.SecurityContext.RunAsUser }}", `ERROR: template: data:1:8: executing "data" at <.Spec.SecurityContext.RunAsUser>: nil pointer evaluating *v1.PodSecurityContext.RunAsUser`},
		{"{{ .Status.ContainerStatuses.Name }}", `ERROR: template: data:1:10: executing "data" at <.Status.ContainerStatuses.Name>: can't evaluate field Name in type []v1.ContainerStatus`},
		{`{{ index (index .Spec.Containers 0).Resources.Requests "cpu" }}`, `ERROR: template: data:1:3: executing "data" at <index (index .Spec.Containers 0).Resources.Requests "cpu">: error calling index: value has type string; should be v1.ResourceName`},
		{"{{ eq .Spec.Priority 0 }}", `ERROR: template: data:1:3: executing "data" at <eq .Spec.Priority 0>: error calling eq: incompatible types for comparison: *int32 and int`},
	})
	// no fields set: Go's zero values
	runCases(t, `{"go":"v1.Pod","json":{}}`, []renderCase{
		{"[{{ .Name }}][{{ .Status.Phase }}] {{ .CreationTimestamp }} {{ .Labels }} {{ .Spec.Containers }} {{ .Status.StartTime }}", "[][] 0001-01-01 00:00:00 +0000 UTC map[] [] <nil>"},
	})
}

const event = `{"apiVersion":"v1","kind":"Event","metadata":{"name":"web-1.17a","namespace":"prod","creationTimestamp":"2026-12-01T22:44:08Z"},
 "involvedObject":{"kind":"Pod","namespace":"prod","name":"web-1","uid":"abc","apiVersion":"v1","resourceVersion":"12","fieldPath":"spec.containers{c1}"},
 "reason":"BackOff","message":"Back-off restarting failed container","source":{"component":"kubelet","host":"kwok-node-0"},
 "firstTimestamp":"2026-12-01T22:40:00Z","lastTimestamp":null,"count":5,"type":"Warning","eventTime":null,
 "reportingComponent":"kubelet","reportingInstance":"kwok-node-0"}`

func TestRenderEvent(t *testing.T) {
	runCases(t, `{"go":"v1.Event","ptr":true,"json":`+event+`}`, []renderCase{
		// the Event is a pointer, so its struct fields are addressable and print with k8s.io/api's
		// generated (*T).String()
		{"{{ .InvolvedObject }}", "&ObjectReference{Kind:Pod,Namespace:prod,Name:web-1,UID:abc,APIVersion:v1,ResourceVersion:12,FieldPath:spec.containers{c1},}"},
		{"{{ .Reason }}: {{ .Message }} ({{ .Count }}x)", "BackOff: Back-off restarting failed container (5x)"},
		{"{{ .FirstTimestamp }}|{{ .LastTimestamp }}|{{ .EventTime }}", "2026-12-01 22:40:00 +0000 UTC|0001-01-01 00:00:00 +0000 UTC|0001-01-01 00:00:00 +0000 UTC"},
		{"{{ .Source }} {{ .Series }} {{ .Related }}", "&EventSource{Component:kubelet,Host:kwok-node-0,} nil nil"},
		{"{{ eq .Count 5 }} {{ gt .Count 3 }} {{ len .Name }} {{ index .Name 0 }}", "true true 9 119"},
		{"{{ .Count.X }}", `ERROR: template: data:1:9: executing "data" at <.Count.X>: can't evaluate field X in type int32`},
		{"{{ .Series.Count }}", `ERROR: template: data:1:10: executing "data" at <.Series.Count>: nil pointer evaluating *v1.EventSeries.Count`},
	})
}

func TestRenderObjectMeta(t *testing.T) {
	ev := `{"metadata":{"name":"x","creationTimestamp":"2026-12-01T22:44:08Z","managedFields":[{"manager":"m","operation":"Apply",
	 "apiVersion":"v1","time":"2026-12-01T22:44:08Z","fieldsType":"FieldsV1","fieldsV1":{"f:count":{},"f:source":{"f:host":{}}}}]}}`
	// generated texts: metav1's Time and FieldsV1 through fmt ("<nil>" for a nil *Time), the rest
	// through their String(); as an item of a collected list, fieldsV1 keeps the list file's
	// indentation (troubleshoot's collector writes the list with MarshalIndent)
	runCases(t, `{"go":"v1.Event","ptr":true,"listItem":true,"json":`+ev+`}`, []renderCase{
		{"{{ .ObjectMeta }}", "&ObjectMeta{Name:x,GenerateName:,Namespace:,SelfLink:,UID:,ResourceVersion:,Generation:0," +
			"CreationTimestamp:2026-12-01 22:44:08 +0000 UTC,DeletionTimestamp:<nil>,DeletionGracePeriodSeconds:nil," +
			"Labels:map[string]string{},Annotations:map[string]string{},OwnerReferences:[]OwnerReference{},Finalizers:[]," +
			"ManagedFields:[]ManagedFieldsEntry{ManagedFieldsEntry{Manager:m,Operation:Apply,APIVersion:v1,Time:2026-12-01 22:44:08 +0000 UTC," +
			"FieldsType:FieldsV1,FieldsV1:{\n              \"f:count\": {},\n              \"f:source\": {\n                \"f:host\": {}\n              }\n            }," +
			"Subresource:,},},}"},
	})
	runCases(t, `{"go":"v1.Event","json":`+ev+`}`, []renderCase{
		{"{{ (index .ManagedFields 0).FieldsV1 }}", `{"f:count":{},"f:source":{"f:host":{}}}`},
	})
}

func TestRenderWorkloads(t *testing.T) {
	dep := `{"go":"v1.Deployment","json":{"spec":{"replicas":3,"strategy":{"rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}}},
	 "status":{"replicas":3,"readyReplicas":2,"conditions":[{"lastTransitionTime":"2026-12-01T22:44:08.123456Z"}]}}}`
	runCases(t, dep, []renderCase{
		{"{{ .Status.ReadyReplicas }}/{{ .Spec.Replicas }}", "2/3"},
		{"{{ .Spec.Strategy.RollingUpdate.MaxSurge }} {{ .Spec.Strategy.RollingUpdate.MaxUnavailable }} {{ .Spec.Strategy.RollingUpdate.MaxSurge.IntVal }}", "1 25% 1"},
		{"{{ range .Status.Conditions }}{{ .LastTransitionTime }}{{ end }}", "2026-12-01 22:44:08.123456 +0000 UTC"},
		{"{{ .Spec.Replicas.X }}", `ERROR: template: data:1:8: executing "data" at <.Spec.Replicas.X>: can't evaluate field X in type *int32`},
	})
	svc := `{"go":"v1.Service","json":{"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443,"targetPort":"https"}]}}}`
	runCases(t, svc, []renderCase{
		{"{{ range .Spec.Ports }}{{ .Port }}->{{ .TargetPort }} {{ end }}", "80->8080 443->https "},
		{"{{ .Spec.IPFamilyPolicy }}", "<nil>"},
	})
	secret := `{"go":"v1.Secret","json":{"data":{"k":"aGk="}}}`
	runCases(t, secret, []renderCase{
		{`{{ .Data.k }} {{ printf "%s" .Data.k }} {{ toString .Data.k }} {{ printf "%x" .Data.k }}`, "[104 105] hi hi 6869"},
	})
}

func TestRenderQuantities(t *testing.T) {
	pod := `{"go":"v1.Pod","json":{"spec":{"volumes":[{"name":"a","emptyDir":{"sizeLimit":"1000m"}},{"name":"b","emptyDir":{"sizeLimit":"1536Mi"}},
	 {"name":"c","emptyDir":{"sizeLimit":"1.5"}},{"name":"d","emptyDir":{"sizeLimit":"2048Ki"}},{"name":"e","emptyDir":{"sizeLimit":512}}],
	 "containers":[{"name":"c","resources":{"requests":{"cpu":"100m","memory":"1536Mi","x":"1000m","z":"1.5","w":"1Gi","u":"1e3"}}}]}}}`
	runCases(t, pod, []renderCase{
		// map values are not addressable: fmt prints the struct (int64Amount, inf.Dec, cached text, format)
		{"{{ (index .Spec.Containers 0).Resources.Requests }}", "map[cpu:{{100 -3} {<nil>} 100m DecimalSI} memory:{{1610612736 0} {<nil>}  BinarySI} u:{{1 3} {<nil>} 1e3 DecimalExponent} w:{{1073741824 0} {<nil>} 1Gi BinarySI} x:{{1000 -3} {<nil>}  DecimalSI} z:{{15 -1} {<nil>}  DecimalSI}]"},
		// *Quantity: String(), canonical
		{"{{ range .Spec.Volumes }}{{ .EmptyDir.SizeLimit }} {{ end }}", "1 1536Mi 1500m 2Mi 512 "},
		{"{{ range .Spec.Volumes }}{{ .EmptyDir.SizeLimit.String }} {{ end }}", "1 1536Mi 1500m 2Mi 512 "},
	})
}

func TestRenderTroubleshootStructs(t *testing.T) {
	info := `{"go":"analyzer.matchedContainerInfo","ptr":true,"json":{"Namespace":"ns","PodName":"p","ContainerName":"c","Ready":false,"RestartCount":4,"Message":"m"}}`
	runCases(t, info, []renderCase{
		{"{{ .ContainerName }} in {{ .Namespace }}/{{ .PodName }}: {{ .RestartCount }} {{ .Ready }} {{ .Message }}", "c in ns/p: 4 false m"},
		// text/template prints a pointer's target
		{"{{ . }}", "{ns p c false 4 m}"},
		{"{{ .Nope }}", `ERROR: template: data:1:3: executing "data" at <.Nope>: can't evaluate field Nope in type *analyzer.matchedContainerInfo`},
	})
	// no filters: the embedded pointer is nil
	runCases(t, `{"go":"analyzer.NodeResourceMsg","json":{"NodeCount":2}}`, []renderCase{
		{"{{ .NodeCount }} nodes", "2 nodes"},
		{"{{ .CPUCapacity }}", `ERROR: template: data:1:3: executing "data" at <.CPUCapacity>: reflect: indirection through nil pointer to embedded struct field NodeResourceFilters`},
	})
	msg := `{"go":"analyzer.NodeResourceMsg","json":{"NodeCount":3,"cpuCapacity":"4","taint":{"key":"k","value":"v","effect":"NoSchedule"},
	 "selector":{"matchLabel":{"a":"b"},"matchExpressions":[{"key":"x","operator":"In","values":["1"]}]}}}`
	runCases(t, msg, []renderCase{
		{"{{ .CPUCapacity }} {{ .NodeCount }} {{ if gt .NodeCount 2 }}many{{ end }}", "4 3 many"},
		{"{{ .Taint }}", "&Taint{Key:k,Value:v,Effect:NoSchedule,TimeAdded:<nil>,}"},
		{"{{ .Selector.MatchLabel }} {{ (index .Selector.MatchExpressions 0).Operator }}", "map[a:b] In"},
		{"{{ .MemoryCapacity }}|{{ .Foo }}", `ERROR: template: data:1:25: executing "data" at <.Foo>: can't evaluate field Foo in type analyzer.NodeResourceMsg`},
	})
	runCases(t, `{"go":"analyzer.NodeResourceMsg","json":{"NodeCount":1,"cpuCapacity":""}}`, []renderCase{
		{"{{ .Taint }}|{{ .Selector }}", "nil|<nil>"},
	})
}

func TestRenderBadInput(t *testing.T) {
	if got := renderNode(t, "x", `{"go":"v1.Widget","json":{}}`); !strings.Contains(got, "no Go type v1.Widget") {
		t.Errorf("unknown type: %s", got)
	}
	if got := renderNode(t, "x", `{"weird":1}`); !strings.HasPrefix(got, "ERROR: bad template data: not a template data node") {
		t.Errorf("bad node: %s", got)
	}
}
