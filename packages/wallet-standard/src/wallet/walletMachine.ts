// The lifecycle of one Wallet Standard wallet, as a pure step function: the I/O shell in
// createStandardWallet.ts feeds it the session's events and performs its outputs.

/** The account the wallet exposes while a session is connected. */
export type MachineAccount = {
  /** base58 of the public key. */
  address: string
  publicKey: Uint8Array
}

/**
 * Where the wallet is. A paused or reconnecting relay session keeps its account: requests wait in the relay
 * queue, so the dapp must not see a disconnect.
 */
export type WalletMachineState =
  | { step: 'disconnected' }
  | { step: 'connecting' }
  | { step: 'connected'; account: MachineAccount; session: 'active' | 'paused' | 'reconnecting' }

/** What happened: a call of the dapp, or an event of the session underneath. */
export type WalletMachineInput =
  | { type: 'connectStarted' }
  | { type: 'connectFailed' }
  | { type: 'accountShared'; account: MachineAccount }
  | { type: 'sessionPaused' }
  | { type: 'sessionReconnecting' }
  | { type: 'sessionResumed' }
  | { type: 'sessionEnded' }

/** What the shell must do: tell `standard:events` listeners that the accounts changed. */
export type WalletMachineOutput = { type: 'accountsChanged'; accounts: readonly MachineAccount[] }

export type WalletMachineStep = { state: WalletMachineState; outputs: readonly WalletMachineOutput[] }

export const initialWalletMachineState: WalletMachineState = { step: 'disconnected' }

/** The accounts a state exposes: one while connected (also paused), none otherwise. */
export function accountsOf(state: WalletMachineState): readonly MachineAccount[] {
  return state.step === 'connected' ? [state.account] : []
}

/** Advances the wallet by one input. Pure: the same state and input always give the same step. */
export function walletMachine(state: WalletMachineState, input: WalletMachineInput): WalletMachineStep {
  const next = nextState(state, input)
  const before = accountsOf(state)
  const after = accountsOf(next)
  const changed = before.length !== after.length || before[0]?.address !== after[0]?.address
  return { state: next, outputs: changed ? [{ type: 'accountsChanged', accounts: after }] : [] }
}

function nextState(state: WalletMachineState, input: WalletMachineInput): WalletMachineState {
  switch (input.type) {
    case 'connectStarted':
      // A connected wallet stays connected while the dapp asks again: connect answers with its account.
      return state.step === 'connected' ? state : { step: 'connecting' }
    case 'connectFailed':
      return state.step === 'connecting' ? { step: 'disconnected' } : state
    case 'accountShared':
      if (state.step === 'connected' && state.account.address === input.account.address) return state
      return { step: 'connected', account: input.account, session: 'active' }
    case 'sessionPaused':
      return state.step === 'connected' ? { ...state, session: 'paused' } : state
    case 'sessionReconnecting':
      return state.step === 'connected' ? { ...state, session: 'reconnecting' } : state
    case 'sessionResumed':
      return state.step === 'connected' && state.session !== 'active'
        ? { ...state, session: 'active' }
        : state
    case 'sessionEnded':
      return state.step === 'disconnected' ? state : { step: 'disconnected' }
  }
}
