package v1

import (
	"fmt"
	"strings"
)

// String is (*Taint).String as k8s.io/api v0.36.3's generated code prints it, which
// troubleshoot's nodeResources messages show for `{{ .Taint }}`:
// "&Taint{Key:k,Value:v,Effect:NoSchedule,TimeAdded:<nil>,}"; "nil" for a nil pointer.
func (x *Taint) String() string {
	if x == nil {
		return "nil"
	}
	added := strings.Replace(fmt.Sprintf("%v", x.TimeAdded), "Time", "v1.Time", 1)
	return fmt.Sprintf("&Taint{Key:%v,Value:%v,Effect:%v,TimeAdded:%s,}", x.Key, x.Value, x.Effect, added)
}
