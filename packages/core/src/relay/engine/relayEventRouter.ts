import { RelayClosedError, type SessionCloseReason } from '../../errors/relay.js'
import { type Direction, frameType } from '../constants.js'
import { decodeFrame, type Frame } from '../frame.js'
import type { RelayTransportEvent } from '../relayTransport.js'
import { type ControlMessage, parseSessionMessage } from '../rpc.js'
import type { Delivery } from './delivery.js'
import type { Membership } from './membership.js'
import { readRelayEvent } from './relayEvent.js'
import type { SessionCloseOptions, SessionEngineMessage } from './sessionEngineTypes.js'
import type { SessionHandshake } from './sessionHandshake.js'
import type { SessionLifecycle } from './sessionLifecycle.js'

export type RelayEventRouterParameters = {
  role: 'dapp' | 'wallet'
  channel: string
  channelId: Uint8Array
  /** The direction of the peer's frames. */
  receiveDirection: Direction
  lifecycle: SessionLifecycle
  membership: Membership
  delivery: Delivery
  handshake: SessionHandshake
  report: (error: unknown) => void
  updateStatus: () => void
  close: (reason: SessionCloseReason, options: SessionCloseOptions) => Promise<void>
  onMessage: (message: SessionEngineMessage) => void
}

/**
 * Routes what the relay transport reports (docs/protocol.md sections 3 to 5): membership changes, peer
 * presence, `closed`, and frames, to the handshake or the secure channel; one relay event at a time, in
 * arrival order.
 */
export function createRelayEventRouter(parameters: RelayEventRouterParameters) {
  const { role, channel, channelId, receiveDirection, lifecycle, membership, delivery, report } = parameters
  let inbound: Promise<void> = Promise.resolve()

  async function handleSecureFrame(frame: Frame): Promise<void> {
    const plaintext = await delivery.receive(frame)
    if (!plaintext) return
    const message = parseSessionMessage(plaintext)
    if (message.kind !== 'control') parameters.onMessage(message)
    // A cancel is about one request: the layer that handles requests decides what it means.
    else if (message.control.type === 'cancel')
      parameters.onMessage({ kind: 'cancel', id: message.control.id })
    else handleControl(message.control)
  }

  function handleControl(control: Exclude<ControlMessage, { type: 'cancel' }>): void {
    if (control.type === 'terminate') {
      // Also cuts short our own close, if one is waiting for the relay.
      delivery.releaseWaiters()
      void parameters.close('terminated', { leave: false })
      return
    }
    if (role !== 'dapp') return
    lifecycle.peerPaused = control.type === 'pause'
    parameters.updateStatus()
  }

  function onTransportEvent(event: RelayTransportEvent): void {
    if (lifecycle.cleared) return
    if (event.type === 'connect') return void membership.join()
    if (event.type === 'disconnect') {
      membership.lost()
      delivery.left()
      parameters.updateStatus()
      return
    }
    inbound = inbound.then(() => handleRelayEvent(event)).catch(report)
  }

  async function handleRelayEvent(
    event: Exclude<RelayTransportEvent, { type: 'connect' | 'disconnect' }>,
  ): Promise<void> {
    if (lifecycle.cleared) return
    const read = readRelayEvent(event, channel)
    if (read.kind === 'error') return report(read.error)
    if (read.kind === 'peer') {
      const wasPresent = lifecycle.peerPresent
      lifecycle.peerPresent = read.present
      lifecycle.peerEvents++
      parameters.updateStatus()
      // The peer came back: its relay node may have lost our queued frames, so re-send them.
      if (read.present && !wasPresent && membership.joined) delivery.resendUnacked()
      return
    }
    if (read.kind === 'closed') {
      // Replaced: a paired wallet takes its role back with the session token (someone with the pairing token
      // may have joined before the dapp's `rekey` reached the relay).
      if (read.reason === 'replaced' && membership.canRejoinAfterReplaced) {
        membership.replaced()
        delivery.left()
        parameters.updateStatus()
        return
      }
      // The relay's word, not the peer's: reported as such, never as the peer's `terminated` (section 7).
      delivery.releaseWaiters()
      const error = new RelayClosedError(read.reason)
      void parameters.close(error.reason, { leave: false, error })
      return
    }
    if (read.kind !== 'frame') return
    try {
      const frame = decodeFrame(read.frame, { channelId, direction: receiveDirection })
      if (frame.type < frameType.data) await parameters.handshake.receive(frame)
      else await handleSecureFrame(frame)
    } catch (error) {
      report(error)
    } finally {
      // Every processed frame, accepted or not, leaves the relay queue.
      delivery.releaseRelayQueue(read.queueId)
    }
  }

  return { onTransportEvent, handleSecureFrame }
}
