/**
 * `kots reset-password`: sets a new Admin Console password as KOTS v1.88.0 does
 * (cmd/kots/cli/reset-password.go → pkg/password ChangePassword):
 *   - Secret kotsadm-password gets exactly `passwordBcrypt` (bcrypt, cost 10) and
 *     `passwordUpdatedAt` (RFC 3339, seconds); its lockout labels `numAttempts` and `lastFailure`
 *     go (a locked-out console opens again). kotsadm rejects every session issued before
 *     `passwordUpdatedAt` (pkg/handlers/session.go), and
 *   - Secret kotsadm-sessions (kotsadm's session store) is emptied, as KOTS's deleteAllSessions does;
 *     failing that is a warning, not an error (the password is changed already).
 * When kotsadm-password is missing but a kotsadm workload exists, the Secret is created (KOTS
 * does too; kotsadm would otherwise fall back to its SHARED_PASSWORD_BCRYPT env).
 */
import type { Cluster } from "../kube/cluster.ts";
import { FIELD_MANAGER, type K8sObject } from "../kube/apply.ts";
import { apiMessage, isNotFound } from "../kube/errors.ts";
import { collectionPath, objectPath } from "../kube/paths.ts";
import { requestJson } from "../kube/watch.ts";
import { CliError } from "../errors.ts";
import { KOTSADM_LABELS, NAMES } from "../manifests/constants.ts";
import { hashAdminPassword } from "../manifests/secrets.ts";
import { b64 } from "../manifests/secret-objects.ts";
import { isOurs, managersOf } from "../install/ownership.ts";
import { retryTransient } from "../install/retry.ts";

/** kotsadm's session store (KOTS v1.88 pkg/util SessionsSecretName): one data key per session. */
export const SESSIONS_SECRET = "kotsadm-sessions";
/** Labels kotsadm keeps failed logins in (pkg/store/kotsstore/user_store.go); > 10 attempts locks logins. */
export const LOCKOUT_LABELS = ["numAttempts", "lastFailure"] as const;

/** Go's `time.Now().Format(time.RFC3339)` in a UTC process: `2006-01-02T15:04:05Z` (whole seconds). */
export function rfc3339Seconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Metadata fit for a PUT: the server's bookkeeping (managedFields) left out, the rest as read. */
function writableMetadata(obj: K8sObject): K8sObject["metadata"] {
  const { managedFields: _m, ...rest } = obj.metadata;
  return rest;
}

/**
 * kotsadm-password after a reset, pure: `existing` with its data replaced by exactly
 * passwordBcrypt and passwordUpdatedAt (as KOTS replaces it) and without the lockout labels.
 */
export function resetPasswordSecret(existing: K8sObject, bcrypt: string, now: number): K8sObject {
  const md = writableMetadata(existing);
  const labels = { ...(md.labels ?? {}) };
  for (const l of LOCKOUT_LABELS) delete labels[l];
  return {
    ...existing,
    apiVersion: "v1",
    kind: "Secret",
    metadata: { ...md, labels },
    data: { passwordBcrypt: b64(bcrypt), passwordUpdatedAt: b64(rfc3339Seconds(now)) },
  };
}

/** A new kotsadm-password (the Admin Console has none), with our labels, pure. */
export function newPasswordSecret(namespace: string, bcrypt: string, now: number): K8sObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    type: "Opaque",
    metadata: { name: NAMES.passwordSecret, namespace, labels: { ...KOTSADM_LABELS } },
    data: { passwordBcrypt: b64(bcrypt), passwordUpdatedAt: b64(rfc3339Seconds(now)) },
  };
}

/** kotsadm-sessions with no session left, pure. */
export function clearedSessionsSecret(existing: K8sObject): K8sObject {
  return { ...existing, apiVersion: "v1", kind: "Secret", metadata: writableMetadata(existing), data: {} };
}

export interface ResetResult {
  /** kotsadm-password was changed in place, or created (there was none). */
  secret: "updated" | "created";
  /** The lockout labels were there and are gone (logins were being counted or locked). */
  unlocked: boolean;
  /** How many sessions were signed out (0 when kotsadm-sessions does not exist), or why not. */
  sessions: { cleared: number } | { warning: string };
}

const get = async (cluster: Cluster, kind: string, name: string, namespace: string, signal?: AbortSignal): Promise<K8sObject | undefined> => {
  try {
    return (await requestJson(cluster, "GET", objectPath(kind, name, namespace), undefined, undefined, signal)) as K8sObject;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
};

/** PUT `build(current)` with current's resourceVersion, re-reading on a 409 conflict (3 tries). */
async function updateWithRetry(cluster: Cluster, kind: string, name: string, namespace: string, build: (current: K8sObject) => K8sObject, signal?: AbortSignal): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await get(cluster, kind, name, namespace, signal);
    if (!current) throw Object.assign(new Error(`${kind} ${name} was deleted meanwhile`), { code: 404 });
    try {
      await requestJson(cluster, "PUT", `${objectPath(kind, name, namespace)}?fieldManager=${FIELD_MANAGER}`, build(current), "application/json", signal);
      return;
    } catch (err) {
      if ((err as { code?: number }).code !== 409 || attempt >= 3) throw err;
    }
  }
}

/** True when a kotsadm Deployment or StatefulSet carrying our label runs in `namespace`. */
async function hasKotsadmWorkload(cluster: Cluster, namespace: string, signal?: AbortSignal): Promise<boolean> {
  for (const kind of ["Deployment", "StatefulSet"]) {
    const obj = await get(cluster, kind, NAMES.kotsadm, namespace, signal);
    if (obj && isOurs(obj)) return true;
  }
  return false;
}

/**
 * Sets the Admin Console password of `namespace` to `password` (already validated: 6–72 bytes).
 * Transient API errors are retried for 30 s. Throws CliError (exit 1) when the namespace has no
 * Admin Console, or its kotsadm-password was not made by kots/KOTS, or a write fails; messages
 * never contain the password or its hash.
 */
export async function resetAdminPassword(cluster: Cluster, namespace: string, password: string, opts: { signal?: AbortSignal; now?: () => number } = {}): Promise<ResetResult> {
  const { signal } = opts;
  const now = opts.now ?? Date.now;
  const deadline = Date.now() + 30_000;
  const retry = <T>(fn: () => Promise<T>) => retryTransient(fn, deadline, signal);
  const name = NAMES.passwordSecret;
  const hash = await hashAdminPassword(password);

  const existing = await retry(() => get(cluster, "Secret", name, namespace, signal));
  let secret: ResetResult["secret"];
  let unlocked = false;
  if (existing) {
    if (!isOurs(existing))
      throw new CliError(`Secret ${name} in ${namespace} was not made by kots or KOTS (managed by ${managersOf(existing)}): it was not changed; check the namespace`, 1);
    unlocked = LOCKOUT_LABELS.some((l) => existing.metadata.labels?.[l] !== undefined);
    await retry(() => updateWithRetry(cluster, "Secret", name, namespace, (cur) => resetPasswordSecret(cur, hash, now()), signal)).catch((err) => {
      throw signal?.aborted ? err : new CliError(`updating Secret ${name} in ${namespace} failed: ${apiMessage(err)}`, 1);
    });
    secret = "updated";
  } else {
    if (!(await retry(() => hasKotsadmWorkload(cluster, namespace, signal))))
      throw new CliError(`no Admin Console in namespace ${namespace} (no Secret ${name}, no kotsadm Deployment or StatefulSet): check the namespace (kubectl get deploy,sts -A -l app=kotsadm)`, 1);
    await retry(() =>
      requestJson(cluster, "POST", `${collectionPath("Secret", namespace)}?fieldManager=${FIELD_MANAGER}`, newPasswordSecret(namespace, hash, now()), "application/json", signal),
    ).catch((err) => {
      throw signal?.aborted ? err : new CliError(`creating Secret ${name} in ${namespace} failed: ${apiMessage(err)}`, 1);
    });
    secret = "created";
  }
  return { secret, unlocked, sessions: await clearSessions(cluster, namespace, retry, signal) };
}

/** Empties kotsadm-sessions (KOTS's deleteAllSessions); a failure is returned as a warning. */
async function clearSessions(cluster: Cluster, namespace: string, retry: <T>(fn: () => Promise<T>) => Promise<T>, signal?: AbortSignal): Promise<ResetResult["sessions"]> {
  try {
    const sessions = await retry(() => get(cluster, "Secret", SESSIONS_SECRET, namespace, signal));
    if (!sessions) return { cleared: 0 };
    if (!isOurs(sessions)) return { warning: `Secret ${SESSIONS_SECRET} was not made by kotsadm (managed by ${managersOf(sessions)}): left as it is; sessions issued before now are refused anyway` };
    const count = Object.keys((sessions.data as Record<string, string> | undefined) ?? {}).length;
    if (count === 0) return { cleared: 0 };
    await retry(() => updateWithRetry(cluster, "Secret", SESSIONS_SECRET, namespace, clearedSessionsSecret, signal));
    return { cleared: count };
  } catch (err) {
    if (signal?.aborted) throw err;
    return { warning: `the password was changed, but signing out the existing sessions (Secret ${SESSIONS_SECRET}) failed: ${apiMessage(err)}; kotsadm refuses sessions issued before the change anyway` };
  }
}
