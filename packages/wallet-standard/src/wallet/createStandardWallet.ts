import {
  SolanaSignAndSendTransaction,
  type SolanaSignAndSendTransactionFeature,
  type SolanaSignAndSendTransactionInput,
  SolanaSignIn,
  type SolanaSignInFeature,
  type SolanaSignInInput,
  type SolanaSignInOutput,
  SolanaSignMessage,
  type SolanaSignMessageFeature,
  type SolanaSignMessageInput,
  SolanaSignTransaction,
  type SolanaSignTransactionFeature,
  type SolanaSignTransactionInput,
} from '@solana/wallet-standard-features'
import type { IdentifierString, Wallet, WalletAccount, WalletIcon } from '@wallet-standard/base'
import {
  StandardConnect,
  type StandardConnectFeature,
  StandardDisconnect,
  type StandardDisconnectFeature,
  StandardEvents,
  type StandardEventsFeature,
  type StandardEventsListeners,
} from '@wallet-standard/features'
import type { WalletSession, WalletSessionLoader } from '../session/walletSession.js'
import {
  initialWalletMachineState,
  type MachineAccount,
  type WalletMachineInput,
  type WalletMachineState,
  walletMachine,
} from './walletMachine.js'

/** The features every dapplink wallet has. */
export type DapplinkWalletFeatures = StandardConnectFeature &
  StandardDisconnectFeature &
  StandardEventsFeature &
  SolanaSignMessageFeature &
  SolanaSignTransactionFeature &
  SolanaSignAndSendTransactionFeature

/** A Wallet Standard wallet of dapplink, with its typed features (`solana:signIn` only where the transport has it). */
export type DapplinkStandardWallet = Wallet & {
  readonly features: DapplinkWalletFeatures & Partial<SolanaSignInFeature>
  /** Where the wallet is: disconnected, connecting, or connected (active, paused or reconnecting). */
  readonly state: WalletMachineState
}

export type CreateStandardWalletParameters = {
  name: string
  icon: WalletIcon
  chains: readonly IdentifierString[]
  /** Loads the transport's session on first use (a separate chunk). */
  loadSession: WalletSessionLoader
  /**
   * Whether a silent connect may find a session to restore before the session's code is loaded. The relay
   * keeps nothing across page loads, so its silent connect (wallet-adapter's autoConnect) loads nothing.
   */
  mayRestore?: (() => boolean) | undefined
  /** Adds `solana:signIn`: the session must implement `signIn` (MetaMask Mobile does). */
  signIn?: boolean | undefined
}

/** A dapplink wallet that also has `solana:signIn` (the MetaMask Mobile wallet). */
export type DapplinkSignInWallet = DapplinkStandardWallet & {
  readonly features: DapplinkWalletFeatures & SolanaSignInFeature
}

const accountFeatures = [SolanaSignMessage, SolanaSignTransaction, SolanaSignAndSendTransaction] as const
const signInAccountFeatures = [...accountFeatures, SolanaSignIn] as const
const transactionVersions = ['legacy', 0] as const

/**
 * Makes one Wallet Standard wallet over a lazily loaded {@link WalletSession}. The wallet's lifecycle is
 * the pure {@link walletMachine}; this shell feeds it and tells `standard:events` listeners.
 */
export function createStandardWallet(
  parameters: CreateStandardWalletParameters & { signIn: true },
): DapplinkSignInWallet
export function createStandardWallet(parameters: CreateStandardWalletParameters): DapplinkStandardWallet
export function createStandardWallet(parameters: CreateStandardWalletParameters): DapplinkStandardWallet {
  const { name, icon, loadSession } = parameters
  const chains = Object.freeze([...parameters.chains])
  let state = initialWalletMachineState
  let accounts: readonly WalletAccount[] = []
  const listeners = new Set<StandardEventsListeners['change']>()
  let sessionPromise: Promise<WalletSession> | undefined

  function dispatch(input: WalletMachineInput) {
    const step = walletMachine(state, input)
    state = step.state
    for (const output of step.outputs) {
      accounts = output.accounts.map(toWalletAccount)
      for (const listener of [...listeners]) listener({ accounts })
    }
  }

  function toWalletAccount(account: MachineAccount): WalletAccount {
    return Object.freeze({
      address: account.address,
      publicKey: account.publicKey.slice(),
      chains,
      features: parameters.signIn ? signInAccountFeatures : accountFeatures,
    })
  }

  function session(): Promise<WalletSession> {
    sessionPromise ??= loadSession().then((loaded) => {
      loaded.watch(dispatch)
      return loaded
    })
    // A failed load (offline chunk) may be retried by the next call.
    sessionPromise.catch(() => {
      sessionPromise = undefined
    })
    return sessionPromise
  }

  /** The session, once `account` is checked to be this wallet's connected account. */
  async function sessionFor(account: WalletAccount, chain: IdentifierString | undefined, method: string) {
    const connected = state.step === 'connected' ? state.account : undefined
    if (connected && account.address === connected.address && (chain === undefined || chains.includes(chain)))
      return session()
    // Core's error classes load only to throw: registering the wallet stays small.
    const { InvalidArgumentError, NotConnectedError } = await import('@dapplink/core')
    if (!connected) throw new NotConnectedError({ details: `Method: ${method}.` })
    if (account.address !== connected.address) {
      throw new InvalidArgumentError(`The account ${account.address} is not connected to ${name}.`, {
        details: `Connected: ${connected.address}. Pass an account from wallet.accounts.`,
      })
    }
    throw new InvalidArgumentError(`${name} does not support the chain "${chain}".`, {
      details: `Supported chains: ${chains.join(', ')}.`,
    })
  }

  /** Runs one request per input, one after the other (a wallet shows one request at a time). */
  async function each<input, output>(inputs: readonly input[], run: (input: input) => Promise<output>) {
    const outputs: output[] = []
    for (const input of inputs) outputs.push(await run(input))
    return outputs
  }

  const features: DapplinkWalletFeatures & {
    -readonly [key in keyof SolanaSignInFeature]?: SolanaSignInFeature[key]
  } = {
    [StandardConnect]: {
      version: '1.0.0',
      async connect(input) {
        const silent = input?.silent === true
        if (state.step === 'connected') return { accounts }
        if (silent && !sessionPromise && parameters.mayRestore?.() === false) return { accounts }
        if (!silent) dispatch({ type: 'connectStarted' })
        try {
          const account = await (await session()).connect({ silent })
          if (account) dispatch({ type: 'accountShared', account })
          else if (!silent) dispatch({ type: 'connectFailed' })
        } catch (error) {
          dispatch({ type: 'connectFailed' })
          throw error
        }
        return { accounts }
      },
    },
    [StandardDisconnect]: {
      version: '1.0.0',
      async disconnect() {
        if (!sessionPromise) return
        try {
          await (await session()).disconnect()
        } finally {
          dispatch({ type: 'sessionEnded' })
        }
      },
    },
    [StandardEvents]: {
      version: '1.0.0',
      on(event, listener) {
        if (event !== 'change') return () => {}
        // Wrapped, so that the same listener registered twice is also removed once per unsubscribe.
        const wrapped: StandardEventsListeners['change'] = (properties) => listener(properties)
        listeners.add(wrapped)
        return () => listeners.delete(wrapped)
      },
    },
    [SolanaSignMessage]: {
      version: '1.1.0',
      signMessage: (...inputs: readonly SolanaSignMessageInput[]) =>
        each(inputs, async ({ account, message }) => {
          const signature = await (await sessionFor(account, undefined, 'signMessage')).signMessage(message)
          return { signedMessage: message, signature, signatureType: 'ed25519' as const }
        }),
    },
    [SolanaSignTransaction]: {
      version: '1.0.0',
      supportedTransactionVersions: transactionVersions,
      signTransaction: (...inputs: readonly SolanaSignTransactionInput[]) =>
        each(inputs, async ({ account, transaction, chain }) => {
          const current = await sessionFor(account, chain, 'signTransaction')
          return { signedTransaction: await current.signTransaction(transaction) }
        }),
    },
    [SolanaSignAndSendTransaction]: {
      version: '1.0.0',
      supportedTransactionVersions: transactionVersions,
      signAndSendTransaction: (...inputs: readonly SolanaSignAndSendTransactionInput[]) =>
        each(inputs, async ({ account, transaction, chain, options }) => {
          const current = await sessionFor(account, chain, 'signAndSendTransaction')
          return { signature: await current.signAndSendTransaction(transaction, options) }
        }),
    },
  }
  if (parameters.signIn) {
    features[SolanaSignIn] = {
      version: '1.0.0',
      signIn: (...inputs: readonly SolanaSignInInput[]) =>
        each(inputs, async (input): Promise<SolanaSignInOutput> => {
          // The standard's signIn connects first when needed: one prompt for the pairing, one for the sign-in.
          if (state.step !== 'connected') await features[StandardConnect].connect()
          const connected = state.step === 'connected' ? state.account : undefined
          const current = await session()
          if (!connected || !current.signIn) {
            const { NotConnectedError } = await import('@dapplink/core')
            throw new NotConnectedError({ details: 'Method: signIn.' })
          }
          const { address, publicKey, signedMessage, signature } = await current.signIn({
            ...input,
            address: input.address ?? connected.address,
          })
          const account = address === connected.address ? accounts[0] : undefined
          return {
            account: account ?? toWalletAccount({ address, publicKey }),
            signedMessage,
            signature,
            signatureType: 'ed25519',
          }
        }),
    }
  }

  return {
    version: '1.0.0',
    name,
    icon,
    chains,
    features,
    get accounts() {
      return accounts
    },
    get state() {
      return state
    },
  }
}
