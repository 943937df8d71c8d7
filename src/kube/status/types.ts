import type { KStatus } from "../../install/events.ts";

export type { KStatus };

/**
 * A Kubernetes object as plain JSON, exactly as the API server returns it (watch events, list
 * items, GET bodies). Typed loosely on purpose: the readiness rules read fields defensively, so
 * a missing or oddly-typed field never throws out of the public functions.
 */
export type KubeObject = object;

/**
 * The outcome of a readiness rule (the kstatus `Result`, without the synthesized conditions).
 * `reason` is the CamelCase reason kstatus puts on its Reconciling/Stalled condition
 * (e.g. `LessReplicas`); it is absent for Current, Terminating and NotFound.
 */
export interface StatusResult {
  status: KStatus;
  reason?: string;
  message: string;
}

/** One entry of `status.conditions`, as most Kubernetes types shape it. */
export interface Condition {
  type: string;
  /** "True" | "False" | "Unknown" (any other string is kept as is). */
  status: string;
  reason?: string;
  message?: string;
  /** RFC 3339 timestamp, when the object carries one. */
  lastTransitionTime?: string;
}

/** Options shared by the readiness rules. */
export interface ComputeOptions {
  /**
   * The current time, epoch milliseconds. Only the Pod rule reads it (the 15 s scheduling
   * window). Defaults to `Date.now()`; pass it explicitly to keep the call pure.
   */
  now?: number;
}

/** A per-kind readiness rule: object in, result out. */
export type KindRule = (obj: KubeObject, opts: Required<ComputeOptions>) => StatusResult;
