import type { DapplinkError } from '../errors/base.js'
import type { DeeplinkClientState, DeeplinkResponse } from './deeplinkClient.js'
import type { DeeplinkClientConfig } from './deeplinkClientConfig.js'
import type { PendingRequestRecord, SessionRecord } from './deeplinkRecords.js'

/**
 * Derives the client's state; returns `previous` itself when nothing changed (a pending request is the
 * same while its id is), so a snapshot stays the same object until something changes.
 */
export function deeplinkClientSnapshot(
  previous: DeeplinkClientState | undefined,
  session: SessionRecord | null,
  pending: PendingRequestRecord | null,
  lastResponse: DeeplinkResponse | null,
  lastError: DapplinkError | null,
  /** The client's own profile (shown when no session or connect names another), cluster and request TTL. */
  { profile, cluster, requestTtlMs }: Pick<DeeplinkClientConfig, 'profile' | 'cluster' | 'requestTtlMs'>,
): DeeplinkClientState {
  const connecting = pending?.method === 'connect'
  const next: DeeplinkClientState = {
    status: connecting ? 'connecting' : session ? 'connected' : 'disconnected',
    publicKey: session?.publicKey ?? null,
    wallet: (connecting ? pending!.profile.id : session?.profile.id) ?? profile.id,
    cluster: session?.cluster ?? cluster ?? null,
    sessionVerified: session?.sessionVerified ?? null,
    pendingRequest: pending && {
      id: pending.id,
      method: pending.method,
      createdAt: pending.createdAt,
      expiresAt: pending.createdAt + requestTtlMs,
      context: pending.context,
    },
    lastResponse,
    lastError,
  }
  if (
    previous &&
    (Object.keys(next) as (keyof DeeplinkClientState)[]).every((key) =>
      key === 'pendingRequest' ? previous[key]?.id === next[key]?.id : previous[key] === next[key],
    )
  )
    return previous
  return next
}
