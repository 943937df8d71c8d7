import type { WizardState } from "./state.ts";

/**
 * When the wizard opens with every input already given (flags and env), it walks its steps by
 * itself, as if the operator pressed Enter on each, up to the first step that needs an answer or
 * a look: a failed or warning check, an existing install to confirm, an app Config, the Review.
 * Pure: for the current state, press Enter now, wait (a check is running), or stop walking.
 */
export function autoAdvance(s: WizardState): "enter" | "wait" | "stop" {
  switch (s.step) {
    case "cluster":
      if (s.cluster.status === "idle" || s.cluster.status === "loading") return "wait";
      return s.cluster.status === "done" && s.cluster.value.reachable ? "enter" : "stop";
    case "namespace":
      if (s.namespace.checking) return "wait";
      if (s.namespace.error) return "stop";
      // an Admin Console already there: the operator confirms installing over it
      return s.namespace.info?.hasInstall && s.namespace.info.name === s.namespace.value ? "stop" : "enter";
    case "password":
      return s.password.error || !s.password.value ? "stop" : "enter";
    case "license":
      if (s.license.checking) return "wait";
      return s.license.error ? "stop" : "enter";
    case "config":
      if (s.config.status === "idle" || s.config.status === "loading") return "wait";
      return s.config.status === "none" ? "enter" : "stop";
    case "preflights":
      if (s.preflights.status === "idle" || s.preflights.status === "running") return "wait";
      return s.preflights.status === "done" && s.preflights.results.every((r) => r.outcome === "pass") ? "enter" : "stop";
    case "registry":
      if (s.registry.check?.status === "checking") return "wait";
      return s.registry.error || s.registry.check?.status === "failed" ? "stop" : "enter";
    case "review":
    case "apply":
      return "stop";
  }
}
