import * as k8s from "@kubernetes/client-node";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { UsageError } from "../errors.ts";
import { bypassProxyLikeKubectl } from "./proxy.ts";

/**
 * A connection to one API server: the loaded kubeconfig (its TLS and credentials serve every raw
 * request, watch and port-forward), the context and the server URL.
 */
export interface Cluster {
  kc: k8s.KubeConfig;
  context: string;
  server: string;
}

export interface ConnectOptions {
  /** Path of a kubeconfig file; default $KUBECONFIG (first entry) then ~/.kube/config. */
  kubeconfig?: string;
  /** Context name; default the kubeconfig's current-context. */
  context?: string;
}

/** Which kubeconfig file will be read, with where that choice came from (for error messages). */
export function kubeconfigPath(opts: ConnectOptions): { file: string; source: string } {
  if (opts.kubeconfig) return { file: opts.kubeconfig, source: "--kubeconfig" };
  const env = process.env.KUBECONFIG?.split(path.delimiter).find((p) => p.length > 0);
  if (env) return { file: env, source: "KUBECONFIG" };
  return { file: path.join(os.homedir(), ".kube", "config"), source: "the default ~/.kube/config" };
}

/**
 * Loads a kubeconfig and builds the clients. Makes no network call.
 * Throws UsageError (exit 2) when the file is missing or malformed, the context does not exist,
 * or the context has no cluster server: each message names the input and the fix.
 */
export function connect(opts: ConnectOptions = {}): Cluster {
  const { file, source } = kubeconfigPath(opts);
  if (!existsSync(file)) throw new UsageError(`kubeconfig ${file} (from ${source}) does not exist: pass --kubeconfig or set KUBECONFIG`);
  const kc = new k8s.KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (err) {
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new UsageError(`kubeconfig ${file} (from ${source}) is not a valid kubeconfig: ${why}`);
  }
  if (opts.context) {
    if (!kc.getContextObject(opts.context)) {
      const known = kc.getContexts().map((c) => c.name).join(", ") || "none";
      throw new UsageError(`--context ${opts.context} is not in ${file} (contexts: ${known})`);
    }
    kc.setCurrentContext(opts.context);
  }
  const context = kc.getCurrentContext();
  const server = kc.getCurrentCluster()?.server;
  if (!context || !server) throw new UsageError(`kubeconfig ${file} has no current context with a cluster server: pass --context or fix the file`);
  bypassProxyLikeKubectl(server);
  return { kc, context, server };
}
