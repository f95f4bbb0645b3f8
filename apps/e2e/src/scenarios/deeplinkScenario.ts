import { expect, it } from 'vitest'
import { connectWasOffered } from '../browser/recordConnectOffered.js'
import { feeLamports, rpc, transferLamports } from './clusterRpc.js'
import { textOf, waitForAttribute, waitForStatus, waitForValue } from './demoPage.js'
import type { DemoSession } from './demoSession.js'

/** The deeplink scenario of one demo: every request leaves the dapp for the wallet tab and comes back. */
export function itDeeplinkScenario(session: DemoSession) {
  const { demo, services, demoUrl, timings } = session

  /** Clicks `testId` on the dapp, and waits until the wallet, in the same tab, shows the `method` request. */
  async function deeplinkRoundTrip(testId: string, method: string, answer: 'approve' | 'reject' = 'approve') {
    const { dapp } = session
    await dapp.getByTestId(testId).click()
    await dapp.waitForURL(`${services.walletUrl}/ul/v1/${method}**`)
    await dapp.getByTestId(answer).waitFor()
    return dapp
  }

  /** Answers the request the wallet shows in the dapp's tab, and waits until the tab is back at the dapp. */
  async function answerAndReturn(answer: 'approve' | 'reject' = 'approve') {
    await session.dapp.getByTestId(answer).click()
    await session.dapp.waitForURL(`${demoUrl}/**`, { timeout: 45_000 })
  }

  /**
   * Reloads the dapp after a handled deeplink answer: the answer must be gone from the address bar, so the
   * reload shows no error (no ReplayError), the same connected session, and no frame of Connect buttons.
   */
  async function reloadAfterAnswer() {
    const { dapp, drive } = session
    await drive(dapp)
    expect(new URL(dapp.url()).searchParams.has('dapplink_id')).toBe(false)
    await dapp.reload()
    await waitForStatus(dapp, 'connected')
    await dapp.waitForTimeout(300)
    expect(await dapp.getByTestId('error').count()).toBe(0)
    expect(await dapp.getByTestId('demo-error').count()).toBe(0)
    expect(await connectWasOffered(dapp)).toBe(false)
  }

  it('deeplink: connect, signMessage, a rejected request, a transfer with the balance change, disconnect', async () => {
    const { dapp, walletPublicKey, screenshot } = session
    await session.openDapp()
    await timings.measure('deeplinkConnect', async () => {
      await deeplinkRoundTrip('connect-deeplink', 'connect')
      await answerAndReturn()
      await waitForStatus(dapp, 'connected')
    })
    expect(await textOf(dapp, 'transport')).toBe('deeplink')
    expect(await textOf(dapp, 'public-key')).toBe(walletPublicKey)
    // The page that came back from the wallet restored the session before its first frame.
    expect(await connectWasOffered(dapp)).toBe(false)
    await reloadAfterAnswer()

    await dapp.getByTestId('airdrop').click()
    await waitForAttribute(dapp, 'balance', 'data-lamports', '1000000000')
    expect(await textOf(dapp, 'balance')).toBe('1 SOL')

    const message = `Hello from the ${demo} demo by deeplink`
    await dapp.getByTestId('message-input').fill(message)
    await timings.measure('deeplinkSignMessage', async () => {
      await deeplinkRoundTrip('sign-message', 'signMessage')
      expect(await textOf(dapp, 'message-text')).toBe(message)
      await answerAndReturn()
      await waitForAttribute(dapp, 'message-verified', 'data-verified', 'true')
    })
    // The message shown came back with the answer, as the context of the signMessage call.
    expect(await textOf(dapp, 'signed-message-text')).toBe(message)
    expect(await connectWasOffered(dapp)).toBe(false)
    await reloadAfterAnswer()
    expect(await textOf(dapp, 'signed-message-text')).toBe(message)

    // Back from the wallet without answering: the page waits for signMessage; Cancel frees it.
    await deeplinkRoundTrip('sign-message', 'signMessage')
    await dapp.goBack()
    await dapp.waitForURL(`${demoUrl}/**`)
    await waitForStatus(dapp, 'connected')
    await dapp.locator('[data-testid="pending-method"]', { hasText: 'signMessage' }).waitFor()
    expect(await dapp.getByTestId('sign-message').isDisabled()).toBe(true)
    await dapp.getByTestId('cancel-request').click()
    await waitForValue(dapp, 'pending-method', 'signMessage')
    expect(await textOf(dapp, 'pending-method')).toBe('—')
    expect(await dapp.getByTestId('sign-message').isEnabled()).toBe(true)
    expect(await dapp.getByTestId('error').count()).toBe(0)

    await deeplinkRoundTrip('sign-message', 'signMessage')
    await answerAndReturn('reject')
    await waitForAttribute(dapp, 'error', 'data-name', 'UserRejectedRequestError')
    expect(await textOf(dapp, 'error-message')).toBe('The user rejected the request in the wallet.')
    await waitForStatus(dapp, 'connected')
    await screenshot(dapp, 'deeplink-rejected')
    // The error can be dismissed, and a reload does not bring it (or a ReplayError) back.
    await dapp.getByTestId('dismiss-error').click()
    expect(await dapp.getByTestId('error').count()).toBe(0)
    await reloadAfterAnswer()

    await timings.measure('deeplinkSignAndSend', async () => {
      await deeplinkRoundTrip('sign-and-send', 'signAndSendTransaction')
      expect(await textOf(dapp, 'tx-transfer-amount')).toBe('0.01 SOL')
      await answerAndReturn()
      await dapp.getByTestId('balance-change').waitFor({ timeout: 45_000 })
    })
    const before = Number(await dapp.getByTestId('balance-before').getAttribute('data-lamports'))
    const after = Number(await dapp.getByTestId('balance-after').getAttribute('data-lamports'))
    expect(before).toBe(1_000_000_000)
    expect(after).toBe(before - transferLamports - feeLamports)
    expect(await textOf(dapp, 'balance-change')).toContain('-0.010005 SOL')
    expect(await dapp.getByTestId('error').count()).toBe(0)
    // The cluster agrees: the recipient got the amount.
    const recipient = await textOf(dapp, 'transfer-recipient')
    const received = await rpc<{ value: number }>(services.clusterUrl, 'getBalance', [recipient])
    expect(received.value).toBe(transferLamports)
    await screenshot(dapp, 'deeplink-transfer')
    await reloadAfterAnswer()
    expect(await textOf(dapp, 'transfer-recipient')).toBe(recipient)

    await dapp.getByTestId('disconnect').click()
    await waitForStatus(dapp, 'disconnected')
    expect(await textOf(dapp, 'public-key')).toBe('—')
  })
}
