import type { ISessionStore, Session } from '@metamask/mobile-wallet-protocol-core'

/**
 * MetaMask's session store interface over a Map of session objects, for browsers: MetaMask's own
 * `SessionStore` serializes keys with the Node global `Buffer`, which a browser does not have.
 * Sessions past `expiresAt` read as absent, as in MetaMask's store. At most `maxSessions` (20, as
 * MetaMask Mobile) are kept; the oldest goes first.
 */
export function createMwpMemorySessionStore(maxSessions = 20): ISessionStore {
  const sessions = new Map<string, Session>()
  const fresh = (session: Session | undefined) =>
    session && session.expiresAt >= Date.now() ? session : null
  return {
    async set(session) {
      sessions.delete(session.id)
      sessions.set(session.id, session)
      for (const id of sessions.keys()) {
        if (sessions.size <= maxSessions) break
        sessions.delete(id)
      }
    },
    async get(id) {
      const session = fresh(sessions.get(id))
      if (!session) sessions.delete(id)
      return session
    },
    async list() {
      return [...sessions.values()].filter((session) => fresh(session) !== null)
    },
    async delete(id) {
      sessions.delete(id)
    },
  }
}
