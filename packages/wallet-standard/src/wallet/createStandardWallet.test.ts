import { NotConnectedError } from '@dapplink/core'
import { SolanaSignMessage } from '@solana/wallet-standard-features'
import { StandardConnect, StandardDisconnect, StandardEvents } from '@wallet-standard/features'
import { describe, expect, it } from 'vitest'
import type { WalletSession } from '../session/walletSession.js'
import { createStandardWallet } from './createStandardWallet.js'
import { qrCodeIcon } from './walletIcons.js'
import type { MachineAccount, WalletMachineInput } from './walletMachine.js'

const account: MachineAccount = {
  address: 'Alice1111111111111111111111111111111111111',
  publicKey: new Uint8Array(32).fill(7),
}

/**
 * A session that answers at once and records what it was asked: the shell's own behaviour (lazy loading,
 * ordering, checks) is what these tests look at; the real transports are tested over a real relay and a
 * real deeplink wallet in registerDapplinkWallets.*.test.ts.
 */
function recordingSession() {
  const calls: string[] = []
  let report: ((input: WalletMachineInput) => void) | undefined
  const session: WalletSession = {
    async connect({ silent }) {
      calls.push(`connect silent=${silent}`)
      return silent ? null : account
    },
    async disconnect() {
      calls.push('disconnect')
    },
    async signMessage(message) {
      calls.push(`signMessage ${message[0]} start`)
      // A few turns of the microtask queue: a second request started meanwhile would log in between.
      for (let turn = 0; turn < 3; turn++) await Promise.resolve()
      calls.push(`signMessage ${message[0]} end`)
      return new Uint8Array(64).fill(message[0]!)
    },
    signTransaction: async (transaction) => transaction,
    signAndSendTransaction: async () => new Uint8Array(64),
    watch(listener) {
      report = listener
      return () => {
        report = undefined
      }
    },
  }
  return { session, calls, report: (input: WalletMachineInput) => report?.(input) }
}

function walletOver(loadSession: () => Promise<WalletSession>, mayRestore?: () => boolean) {
  return createStandardWallet({
    name: 'Test',
    icon: qrCodeIcon(),
    chains: ['solana:devnet'],
    loadSession,
    mayRestore,
  })
}

describe('createStandardWallet', () => {
  it('a silent connect of a wallet that cannot restore loads nothing', async () => {
    let loads = 0
    const wallet = walletOver(
      async () => {
        loads += 1
        return recordingSession().session
      },
      () => false,
    )
    expect(await wallet.features[StandardConnect].connect({ silent: true })).toEqual({ accounts: [] })
    expect(loads).toBe(0)
    await wallet.features[StandardDisconnect].disconnect()
    expect(loads).toBe(0)
  })

  it('a failed load rejects connect with its error, and the next connect loads again', async () => {
    const recording = recordingSession()
    const offline = new TypeError('Failed to fetch dynamically imported module')
    let loads = 0
    const wallet = walletOver(async () => {
      loads += 1
      if (loads === 1) throw offline
      return recording.session
    })
    await expect(wallet.features[StandardConnect].connect()).rejects.toBe(offline)
    expect(wallet.state).toEqual({ step: 'disconnected' })
    const { accounts } = await wallet.features[StandardConnect].connect()
    expect(accounts.map(({ address }) => address)).toEqual([account.address])
    expect(loads).toBe(2)
  })

  it('signs several messages one after the other, in order, and refuses before connect', async () => {
    const recording = recordingSession()
    const wallet = walletOver(async () => recording.session)
    const message = { account: { ...account, chains: [], features: [] }, message: new Uint8Array([1]) }
    await expect(wallet.features[SolanaSignMessage].signMessage(message)).rejects.toBeInstanceOf(
      NotConnectedError,
    )
    const [connected] = (await wallet.features[StandardConnect].connect()).accounts
    const outputs = await wallet.features[SolanaSignMessage].signMessage(
      { account: connected!, message: new Uint8Array([1]) },
      { account: connected!, message: new Uint8Array([2]) },
    )
    expect(outputs.map(({ signature }) => signature[0])).toEqual([1, 2])
    expect(recording.calls.filter((call) => call.startsWith('signMessage'))).toEqual([
      'signMessage 1 start',
      'signMessage 1 end',
      'signMessage 2 start',
      'signMessage 2 end',
    ])
  })

  it('tells each change listener once per change and stops after unsubscribe', async () => {
    const recording = recordingSession()
    const wallet = walletOver(async () => recording.session)
    const seen: number[] = []
    const listener = ({ accounts }: { accounts?: readonly unknown[] }) => seen.push(accounts?.length ?? -1)
    const off = wallet.features[StandardEvents].on('change', listener)
    const offTwice = wallet.features[StandardEvents].on('change', listener)
    await wallet.features[StandardConnect].connect()
    recording.report({ type: 'sessionPaused' })
    expect(wallet.accounts).toHaveLength(1)
    offTwice()
    recording.report({ type: 'sessionEnded' })
    off()
    await wallet.features[StandardConnect].connect()
    expect(seen).toEqual([1, 1, 0])
  })
})
