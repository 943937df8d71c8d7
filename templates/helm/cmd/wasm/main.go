//go:build js && wasm

// Command wasm is the WebAssembly entry point of the Helm renderer (GOOS=js GOARCH=wasm). It
// defines globalThis.__kotsHelmCall(op: string, jsonIn: string): string (kotshelm.Call's JSON) and
// blocks so the function stays callable. The TS bridge (src/helm/engine.ts) loads it with Go's
// wasm_exec.js, only when a release holds a kots.io/v1beta1 HelmChart.
package main

import (
	"runtime/debug"
	"syscall/js"

	kotshelm "kots-tui.dev/helm"
)

func main() {
	debug.SetGCPercent(400)
	js.Global().Set("__kotsHelmCall", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 2 {
			return `{"error":"__kotsHelmCall(op, jsonIn) takes 2 arguments"}`
		}
		return string(kotshelm.Call(args[0].String(), []byte(args[1].String())))
	}))
	select {}
}
