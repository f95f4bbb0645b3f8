// The Multichain API session (CAIP-25) as pure functions over a tagged-union state: what
// wallet_createSession grants, what wallet_getSession reads, what wallet_invokeMethod may call.

/** One granted scope of a session, as `sessionScopes` lists it. */
export type SessionScope = { methods: string[]; notifications: string[]; accounts: string[] }

/** The wallet's session with one dapp. */
export type MultichainSessionState =
  | { step: 'none' }
  | {
      step: 'active'
      sessionScopes: Record<string, SessionScope>
      sessionProperties: Record<string, unknown>
    }

/** What this wallet can grant: its chains (CAIP-2) and addresses per namespace. */
export type WalletCapabilities = {
  solana: { scopes: readonly string[]; addresses: readonly string[] }
  evm?: { scopes: readonly string[]; addresses: readonly string[] } | undefined
}

/** A JSON-RPC error to answer with. */
export type RpcError = { code: number; message: string }

export const solanaMethods = ['signAndSendTransaction', 'signIn', 'signMessage', 'signTransaction'] as const
export const evmMethods = ['eth_accounts', 'eth_chainId', 'eth_requestAccounts', 'personal_sign'] as const

/** Solana's CAIP-2 chains as MetaMask names them. */
export const solanaScopes = {
  mainnet: 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp',
  devnet: 'solana:EtWTRABZaYq6iMfeYKouRu166VU2xqa1',
  testnet: 'solana:4uhcVJyU9pJkvQyS88uRDiswHXSCkY3z',
} as const

const maxScopes = 32

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A proposed session for the user to approve, or the error to answer with. */
export type SessionProposal =
  | {
      kind: 'proposal'
      sessionScopes: Record<string, SessionScope>
      sessionProperties: Record<string, unknown>
    }
  | { kind: 'error'; error: RpcError }

/**
 * What `wallet_createSession` would grant: every requested scope this wallet supports, with its
 * methods and the wallet's accounts on it. Error 5100 when none is supported, 5302 for an empty
 * `sessionProperties`, -32602 for params of the wrong shape (MetaMask's middleware codes).
 */
export function proposeSession(params: unknown, capabilities: WalletCapabilities): SessionProposal {
  if (!isRecord(params)) return invalidParams('wallet_createSession takes an object')
  const requested: string[] = []
  for (const key of ['requiredScopes', 'optionalScopes'] as const) {
    const scopes = params[key]
    if (scopes === undefined) continue
    if (!isRecord(scopes)) return invalidParams(`${key} must be an object of CAIP-2 chains`)
    requested.push(...Object.keys(scopes))
  }
  if (requested.length > maxScopes) return invalidParams(`at most ${maxScopes} scopes may be requested`)
  const properties = params['sessionProperties']
  if (properties !== undefined && (!isRecord(properties) || Object.keys(properties).length === 0)) {
    return { kind: 'error', error: { code: 5302, message: 'Invalid sessionProperties requested' } }
  }
  const sessionScopes: Record<string, SessionScope> = {}
  for (const scope of new Set(requested)) {
    if (capabilities.solana.scopes.includes(scope)) {
      sessionScopes[scope] = {
        methods: [...solanaMethods],
        notifications: [],
        accounts: capabilities.solana.addresses.map((address) => `${scope}:${address}`),
      }
    } else if (capabilities.evm?.scopes.includes(scope)) {
      sessionScopes[scope] = {
        methods: [...evmMethods],
        notifications: [],
        accounts: capabilities.evm.addresses.map((address) => `${scope}:${address}`),
      }
    }
  }
  if (Object.keys(sessionScopes).length === 0) {
    return { kind: 'error', error: { code: 5100, message: 'Requested scopes are not supported' } }
  }
  return { kind: 'proposal', sessionScopes, sessionProperties: properties ?? {} }
}

/** The state once the user approved a proposal. */
export function approveSession(
  proposal: Extract<SessionProposal, { kind: 'proposal' }>,
): MultichainSessionState {
  return {
    step: 'active',
    sessionScopes: proposal.sessionScopes,
    sessionProperties: proposal.sessionProperties,
  }
}

/** `wallet_getSession`'s result: the granted scopes, `{}` without a session. */
export function getSessionResult(state: MultichainSessionState): {
  sessionScopes: Record<string, SessionScope>
} {
  return { sessionScopes: state.step === 'active' ? state.sessionScopes : {} }
}

/** A `wallet_invokeMethod` call this session allows, or error 4100. */
export type InvokeAuthorization =
  | { kind: 'allowed'; scope: string; method: string; params: unknown; accounts: string[] }
  | { kind: 'error'; error: RpcError }

/** Checks that a `wallet_invokeMethod` call's scope and method are in the session. */
export function authorizeInvoke(state: MultichainSessionState, params: unknown): InvokeAuthorization {
  if (!isRecord(params) || typeof params['scope'] !== 'string' || !isRecord(params['request'])) {
    return invalidParams('wallet_invokeMethod takes { scope, request: { method, params } }')
  }
  const request = params['request']
  const method = request['method']
  if (typeof method !== 'string') return invalidParams('request.method must be a string')
  const scope = params['scope']
  const granted = state.step === 'active' ? state.sessionScopes[scope] : undefined
  if (!granted?.methods.includes(method)) {
    return {
      kind: 'error',
      error: {
        code: 4100,
        message: 'The requested account and/or method has not been authorized by the user.',
      },
    }
  }
  // CAIP-10 accounts back to addresses.
  const accounts = granted.accounts.map((account) => account.slice(scope.length + 1))
  return { kind: 'allowed', scope, method, params: request['params'], accounts }
}

function invalidParams(message: string): { kind: 'error'; error: RpcError } {
  return { kind: 'error', error: { code: -32602, message: `Invalid params: ${message}` } }
}
