import { describe, expect, it } from 'vitest'
import {
  approveSession,
  authorizeInvoke,
  getSessionResult,
  type MultichainSessionState,
  proposeSession,
  solanaScopes,
} from './multichainSession.js'

const capabilities = {
  solana: { scopes: [solanaScopes.mainnet, solanaScopes.devnet], addresses: ['Addr1'] },
  evm: { scopes: ['eip155:1'], addresses: ['0xabc'] },
}

describe('multichainSession', () => {
  it('proposes the supported scopes with the wallet accounts as CAIP-10', () => {
    const proposal = proposeSession(
      {
        optionalScopes: {
          [solanaScopes.devnet]: { methods: [], notifications: [], accounts: [] },
          'bip122:x': {},
        },
        sessionProperties: { solana_accountChanged_notifications: true },
      },
      capabilities,
    )
    expect(proposal).toEqual({
      kind: 'proposal',
      sessionScopes: {
        [solanaScopes.devnet]: {
          methods: ['signAndSendTransaction', 'signIn', 'signMessage', 'signTransaction'],
          notifications: [],
          accounts: [`${solanaScopes.devnet}:Addr1`],
        },
      },
      sessionProperties: { solana_accountChanged_notifications: true },
    })
  })

  it('answers MetaMask middleware errors: 5100 unsupported scopes, 5302 empty properties, -32602 bad shape', () => {
    expect(proposeSession({ optionalScopes: { 'bip122:x': {} } }, capabilities)).toMatchObject({
      error: { code: 5100 },
    })
    expect(
      proposeSession({ optionalScopes: { 'eip155:1': {} }, sessionProperties: {} }, capabilities),
    ).toMatchObject({ error: { code: 5302 } })
    expect(proposeSession('nope', capabilities)).toMatchObject({ error: { code: -32602 } })
    expect(proposeSession({ optionalScopes: [] }, capabilities)).toMatchObject({ error: { code: -32602 } })
  })

  it('reads an empty session before approval and the scopes after, and authorizes only granted calls', () => {
    const none: MultichainSessionState = { step: 'none' }
    expect(getSessionResult(none)).toEqual({ sessionScopes: {} })
    const call = {
      scope: solanaScopes.mainnet,
      request: { method: 'signMessage', params: { message: 'AA==' } },
    }
    expect(authorizeInvoke(none, call)).toMatchObject({ kind: 'error', error: { code: 4100 } })
    const proposal = proposeSession({ optionalScopes: { [solanaScopes.mainnet]: {} } }, capabilities)
    if (proposal.kind !== 'proposal') throw new Error('expected a proposal')
    const active = approveSession(proposal)
    expect(Object.keys(getSessionResult(active).sessionScopes)).toEqual([solanaScopes.mainnet])
    expect(authorizeInvoke(active, call)).toEqual({
      kind: 'allowed',
      scope: solanaScopes.mainnet,
      method: 'signMessage',
      params: { message: 'AA==' },
      accounts: ['Addr1'],
    })
    expect(authorizeInvoke(active, { ...call, scope: solanaScopes.devnet })).toMatchObject({
      error: { code: 4100 },
    })
    expect(authorizeInvoke(active, { ...call, request: { method: 'drainWallet' } })).toMatchObject({
      error: { code: 4100 },
    })
    expect(authorizeInvoke(active, { scope: 1 })).toMatchObject({ error: { code: -32602 } })
  })
})
