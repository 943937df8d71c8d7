package kotstemplate

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Op is one operation the TS bridge can call: it takes the JSON the bridge sent and returns a
// value the bridge receives as JSON, or an error whose text the bridge receives as is.
type Op func(in json.RawMessage) (any, error)

var ops = map[string]Op{}

// Register adds an operation under name (called from init functions; a name taken twice panics).
func Register(name string, op Op) {
	if _, dup := ops[name]; dup {
		panic("kotstemplate: op registered twice: " + name)
	}
	ops[name] = op
}

// Call runs the operation name on in. It returns the JSON of {"result": …} or {"error": "…"};
// a panic inside the op becomes {"error": "panic: …"} so one bad template cannot stop the module.
func Call(name string, in []byte) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out, _ = json.Marshal(map[string]string{"error": fmt.Sprintf("panic: %v", r)})
		}
	}()
	op, ok := ops[name]
	if !ok {
		out, _ = json.Marshal(map[string]string{"error": "unknown op " + name})
		return out
	}
	res, err := op(in)
	if err != nil {
		out, _ = json.Marshal(map[string]string{"error": err.Error()})
		return out
	}
	out, err = json.Marshal(map[string]any{"result": res})
	if err != nil {
		out, _ = json.Marshal(map[string]string{"error": "encoding the result: " + err.Error()})
	}
	return out
}

// OpNames lists the registered operations, sorted.
func OpNames() []string {
	names := make([]string, 0, len(ops))
	for n := range ops {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
