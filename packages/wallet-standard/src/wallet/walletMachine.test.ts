import { describe, expect, it } from 'vitest'
import {
  initialWalletMachineState,
  type MachineAccount,
  type WalletMachineInput,
  type WalletMachineState,
  walletMachine,
} from './walletMachine.js'

const alice: MachineAccount = { address: 'alice', publicKey: new Uint8Array(32).fill(1) }
const bob: MachineAccount = { address: 'bob', publicKey: new Uint8Array(32).fill(2) }
const connected = (session: 'active' | 'paused' | 'reconnecting', account = alice): WalletMachineState => ({
  step: 'connected',
  account,
  session,
})

// state, input, next state, the accounts announced by a change event (undefined: no event)
const rows: [WalletMachineState, WalletMachineInput, WalletMachineState, MachineAccount[] | undefined][] = [
  [initialWalletMachineState, { type: 'connectStarted' }, { step: 'connecting' }, undefined],
  [{ step: 'connecting' }, { type: 'accountShared', account: alice }, connected('active'), [alice]],
  [{ step: 'connecting' }, { type: 'connectFailed' }, { step: 'disconnected' }, undefined],
  [{ step: 'disconnected' }, { type: 'accountShared', account: alice }, connected('active'), [alice]],
  [connected('active'), { type: 'connectStarted' }, connected('active'), undefined],
  [connected('active'), { type: 'connectFailed' }, connected('active'), undefined],
  [connected('active'), { type: 'accountShared', account: alice }, connected('active'), undefined],
  [connected('active'), { type: 'accountShared', account: bob }, connected('active', bob), [bob]],
  // A paused session keeps its account: no change event.
  [connected('active'), { type: 'sessionPaused' }, connected('paused'), undefined],
  [connected('paused'), { type: 'sessionResumed' }, connected('active'), undefined],
  [connected('active'), { type: 'sessionReconnecting' }, connected('reconnecting'), undefined],
  [connected('reconnecting'), { type: 'sessionResumed' }, connected('active'), undefined],
  // An ended session announces no accounts.
  [connected('paused'), { type: 'sessionEnded' }, { step: 'disconnected' }, []],
  [connected('active'), { type: 'sessionEnded' }, { step: 'disconnected' }, []],
  [{ step: 'connecting' }, { type: 'sessionEnded' }, { step: 'disconnected' }, undefined],
  [{ step: 'disconnected' }, { type: 'sessionEnded' }, { step: 'disconnected' }, undefined],
  [{ step: 'disconnected' }, { type: 'sessionPaused' }, { step: 'disconnected' }, undefined],
  [{ step: 'connecting' }, { type: 'sessionResumed' }, { step: 'connecting' }, undefined],
]

describe('walletMachine', () => {
  it.each(rows)('%j + %j', (state, input, next, announced) => {
    const step = walletMachine(state, input)
    expect(step.state).toEqual(next)
    expect(step.outputs).toEqual(
      announced === undefined ? [] : [{ type: 'accountsChanged', accounts: announced }],
    )
  })

  it('returns the same state object when nothing changes, so a snapshot stays stable', () => {
    const state = connected('active')
    expect(walletMachine(state, { type: 'sessionResumed' }).state).toBe(state)
    expect(walletMachine(state, { type: 'accountShared', account: alice }).state).toBe(state)
  })
})
