import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../deeplink/deeplinkStorage.js'
import { createWalletClient } from './createWalletClient.js'
import { walletActions } from './walletActions.js'
import { initialWalletState, type WalletState, type WalletStatus, walletStatusFlags } from './walletState.js'

describe('walletActions', () => {
  it('hands out exactly the client actions, unbound copies that still work', async () => {
    const client = createWalletClient({ appUrl: 'https://dapp.example', storage: createMemoryStorage() })
    const actions = walletActions(client)
    expect(Object.keys(actions).sort()).toEqual(
      [
        'cancelPendingRequest',
        'clearError',
        'clearLastResponse',
        'connect',
        'disconnect',
        'signAllTransactions',
        'signAndSendTransaction',
        'signMessage',
        'signTransaction',
        'wakeUp',
      ].sort(),
    )
    for (const [name, action] of Object.entries(actions))
      expect(action, name).toBe(client[name as keyof typeof actions])
    const { disconnect } = actions
    await expect(disconnect()).resolves.toBeUndefined()
  })
})

describe('walletStatusFlags', () => {
  it('counts an account as connected while connected, paused or reconnecting', () => {
    const withAccount: WalletState = { ...initialWalletState, publicKey: 'Acc0unt' }
    const connectedFor = (status: WalletStatus, state = withAccount) =>
      walletStatusFlags({ ...state, status }).connected
    expect(connectedFor('connected')).toBe(true)
    expect(connectedFor('paused')).toBe(true)
    expect(connectedFor('reconnecting')).toBe(true)
    expect(connectedFor('connecting')).toBe(false)
    expect(connectedFor('disconnected')).toBe(false)
    expect(connectedFor('connected', initialWalletState)).toBe(false)
    expect(walletStatusFlags({ ...withAccount, status: 'connecting' })).toEqual({
      connected: false,
      connecting: true,
      disconnecting: false,
    })
    expect(walletStatusFlags({ ...withAccount, status: 'disconnecting' }).disconnecting).toBe(true)
  })
})
