import type { SessionClosedError } from '../../errors/relay.js'
import type { Frame } from '../frame.js'
import { type DappHandshakeState, initialDappHandshake, stepDappHandshake } from './dappHandshake.js'
import { type HandshakeSecrets, runDappHandshakeCrypto, runWalletHandshakeCrypto } from './handshakeCrypto.js'
import type { HandshakeEffect, HandshakeTimerInput, SessionKeys } from './handshakeStep.js'
import { initialWalletHandshake, stepWalletHandshake, type WalletHandshakeState } from './walletHandshake.js'

/** What the handshake needs from the session around it. */
export type HandshakeHooks = {
  send(frame: Uint8Array): void
  report(error: unknown): void
  /** The handshake began (status `handshaking`; the dapp starts its timers). */
  started(): void
  verificationCode(code: string): void
  /**
   * This side holds the session keys (dapp: KEY sent; wallet: KEY opened), before the handshake completes:
   * the wallet may need its session token to rejoin the relay already (docs/protocol.md section 3).
   */
  keysAgreed?(keys: SessionKeys): void
  /** Done; `verificationCode` is set when this side learns the code only now (the dapp). */
  complete(keys: SessionKeys, verificationCode: string | undefined): void | Promise<void>
  timedOut(): void
  /** The peer broke the handshake in a way only it could: end the session with `error`. */
  failed(error: SessionClosedError): void
}

/** The role-specific handshake behind one interface: the inputs both roles share. */
export type HandshakeDriver = {
  readonly step: string
  /** Feeds a relay frame, a timer or a (re-)join; runs the crypto and effects it leads to. */
  feed(input: HandshakeTimerInput | { type: 'frame'; frame: Frame; now: number }): Promise<void>
}

type Machine<State, Input, Crypto> = {
  initial: State
  step(
    state: State,
    input: Input,
    retryIntervalMs: number,
  ): { state: State; effects: HandshakeEffect<Crypto>[] }
  runCrypto(effect: Crypto): Promise<Input>
}

/** The handshake of `role`, driven by its pure step function; `secrets` resolves once (derived lazily). */
export function createHandshakeDriver(
  role: { role: 'dapp'; dappSecretKey: Uint8Array } | { role: 'wallet' },
  secrets: () => Promise<HandshakeSecrets>,
  retryIntervalMs: number,
  now: () => number,
  hooks: HandshakeHooks,
): HandshakeDriver {
  if (role.role === 'dapp') {
    const { dappSecretKey } = role
    return drive<
      DappHandshakeState,
      Parameters<typeof stepDappHandshake>[1],
      Parameters<typeof runDappHandshakeCrypto>[0]
    >(
      {
        initial: initialDappHandshake,
        step: stepDappHandshake,
        runCrypto: async (effect) =>
          runDappHandshakeCrypto(effect, { ...(await secrets()), dappSecretKey }, now),
      },
      retryIntervalMs,
      hooks,
    )
  }
  return drive<
    WalletHandshakeState,
    Parameters<typeof stepWalletHandshake>[1],
    Parameters<typeof runWalletHandshakeCrypto>[0]
  >(
    {
      initial: initialWalletHandshake,
      step: stepWalletHandshake,
      runCrypto: async (effect) => runWalletHandshakeCrypto(effect, await secrets(), now),
    },
    retryIntervalMs,
    hooks,
  )
}

function drive<State extends { step: string }, Input, Crypto extends { type: string }>(
  machine: Machine<State, Input, Crypto>,
  retryIntervalMs: number,
  hooks: HandshakeHooks,
): HandshakeDriver {
  let state = machine.initial
  let agreedKeys: SessionKeys | undefined
  async function feed(input: Input): Promise<void> {
    const result = machine.step(state, input, retryIntervalMs)
    state = result.state
    // Keys the step kept in its state (not ones it discarded) are agreed.
    const keys = (state as { keys?: SessionKeys }).keys
    if (keys && keys !== agreedKeys) {
      agreedKeys = keys
      hooks.keysAgreed?.(keys)
    }
    for (const effect of result.effects) await run(effect)
  }
  async function run(effect: HandshakeEffect<Crypto>): Promise<void> {
    switch (effect.type) {
      case 'send':
        for (const frame of (effect as { frames: Uint8Array[] }).frames) hooks.send(frame)
        return
      case 'reject':
        hooks.report((effect as { error: unknown }).error)
        return
      case 'started':
        hooks.started()
        return
      case 'verificationCode':
        hooks.verificationCode((effect as { verificationCode: string }).verificationCode)
        return
      case 'complete': {
        const { keys, verificationCode } = effect as { keys: SessionKeys; verificationCode?: string }
        await hooks.complete(keys, verificationCode)
        return
      }
      case 'timedOut':
        hooks.timedOut()
        return
      case 'failed':
        hooks.failed((effect as { error: SessionClosedError }).error)
        return
      default: {
        // A crypto effect: a failed check throws (reported by the caller); the state stays as it was.
        const next = await machine.runCrypto(effect as Crypto)
        await feed(next)
      }
    }
  }
  return {
    get step() {
      return state.step
    },
    feed: (input) => feed(input as Input),
  }
}
