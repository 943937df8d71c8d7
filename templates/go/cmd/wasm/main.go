//go:build js && wasm

// Command wasm is the WebAssembly entry point of the template engine (GOOS=js GOARCH=wasm).
// It defines globalThis.__kotsTemplatesCall(op: string, jsonIn: string): string, which runs
// kotstemplate.Call and returns its JSON ({"result": …} or {"error": "…"}), then blocks forever
// so the function stays callable. The TS bridge (src/templates/) loads it with Go's wasm_exec.js.
package main

import (
	"runtime/debug"
	"syscall/js"

	kotstemplate "kots-tui.dev/templates"
)

func main() {
	// Each op allocates a few hundred KiB (function maps, parse trees) and frees it all; a collection
	// in wasm stops the one thread, so collect less often (heap ~×4 the live size, a few MiB).
	debug.SetGCPercent(400)
	call := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 2 {
			return `{"error":"__kotsTemplatesCall(op, jsonIn) takes 2 arguments"}`
		}
		return string(kotstemplate.Call(args[0].String(), []byte(args[1].String())))
	})
	js.Global().Set("__kotsTemplatesCall", call)
	js.Global().Set("__kotsTemplatesOps", js.ValueOf(anySlice(kotstemplate.OpNames())))
	if ready := js.Global().Get("__kotsTemplatesReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
