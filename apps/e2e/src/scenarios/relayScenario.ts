import { expect, it } from 'vitest'
import { countAnimationFrames } from '../browser/countAnimationFrames.js'
import { answerInWallet } from './answerInWallet.js'
import { textOf, waitForAttribute, waitForStatus, waitForValue } from './demoPage.js'
import type { DemoSession } from './demoSession.js'
import { expectReloadEndsSession } from './expectReloadEndsSession.js'

/** The relay scenarios of one demo: pairing by QR code, requests over the relay, a paused wallet, reloads. */
export function itRelayScenarios(session: DemoSession) {
  const { demo, services, timings } = session

  /** Clicks "Connect by QR code", opens the dapp's wallet link in the wallet tab, and waits for its Approve. */
  async function pairByRelay() {
    const { dapp, wallet, drive } = session
    await drive(dapp)
    await dapp.getByTestId('connect-relay').click()
    await dapp.getByTestId('pairing-qr').waitFor()
    const walletLink = await dapp.getByTestId('open-in-wallet').getAttribute('href')
    expect(walletLink).toMatch(new RegExp(`^${services.walletUrl}/ul/v1/pair#uri=`))
    await drive(wallet)
    await wallet.goto(walletLink!)
    await wallet.getByTestId('approve').waitFor()
  }

  it('relay: pairing with equal codes, sign requests, a rejection, a paused wallet, disconnect', async () => {
    const { context, dapp, wallet, drive, walletPublicKey, dappFrames, walletFrames, screenshot } = session
    await session.openDapp()
    const pairingStarted = Date.now()
    await pairByRelay()
    const walletCode = await waitForValue(wallet, 'verification-code', '')
    const dappCode = await waitForValue(dapp, 'verification-code')
    expect(dappCode).toMatch(/^\d{6}$/)
    expect(dappCode).toBe(walletCode)
    await screenshot(dapp, 'relay-pairing')
    await drive(wallet)
    await wallet.getByTestId('approve').click()
    await waitForStatus(dapp, 'connected')
    timings.values['relayPairAndConnect'] = Date.now() - pairingStarted
    expect(await textOf(dapp, 'transport')).toBe('relay')
    expect(await textOf(dapp, 'public-key')).toBe(walletPublicKey)
    // The code stays on both sides for the whole session, so the user can still compare them.
    expect(await textOf(dapp, 'verification-code')).toBe(walletCode)
    expect(await textOf(wallet, 'verification-code')).toBe(walletCode)

    // From here on, every request and answer must reach the other side with its first send.
    dappFrames.reset()
    walletFrames.reset()
    await drive(dapp)
    // The page the test acts on renders at full rate (a covered tab gets ~1 frame per second, which made
    // every click wait ~2 s for Playwright's stability check): the timings below measure the SDK.
    expect(await countAnimationFrames(dapp, 250)).toBeGreaterThanOrEqual(5)
    const message = `Hello from the ${demo} demo over the relay`
    await dapp.getByTestId('message-input').fill(message)
    await timings.measure('relaySignMessage', async () => {
      await timings.measure('relayRequestReachesWallet', async () => {
        await dapp.getByTestId('sign-message').click()
        await wallet.getByTestId('message-text').filter({ hasText: message }).waitFor()
      })
      await drive(wallet)
      await timings.measure('relayAnswerReachesDapp', async () => {
        await wallet.getByTestId('approve').click()
        await waitForAttribute(dapp, 'message-verified', 'data-verified', 'true')
      })
    })

    await drive(dapp)
    await timings.measure('relaySignTransaction', async () => {
      await answerInWallet(session, 'sign-transaction', 'signTransaction')
      await waitForAttribute(dapp, 'transaction-verified', 'data-verified', 'true')
    })
    await answerInWallet(session, 'sign-all-transactions', 'signAllTransactions')
    await waitForAttribute(dapp, 'signed-all-verified', 'data-verified', 'true')
    expect(await textOf(dapp, 'signed-all-count')).toBe('2')
    await screenshot(dapp, 'relay-connected')

    await drive(dapp)
    await dapp.getByTestId('message-input').fill('Please reject this one')
    await dapp.getByTestId('sign-message').click()
    await wallet.getByTestId('message-text').filter({ hasText: 'Please reject this one' }).waitFor()
    await drive(wallet)
    await wallet.getByTestId('reject').click()
    await waitForAttribute(dapp, 'error', 'data-name', 'UserRejectedRequestError')
    expect(await textOf(dapp, 'error-message')).toBe('The user rejected the request in the wallet.')
    await waitForStatus(dapp, 'connected')
    // Four requests, four answers (and no re-send of any of them) while both sides were connected.
    expect(dappFrames.dataFrames).toBe(4)
    expect(dappFrames.resent()).toEqual({})
    expect(walletFrames.dataFrames).toBe(4)
    expect(walletFrames.resent()).toEqual({})

    // The wallet goes to the background: after its pause threshold (300 ms) the dapp shows `paused`.
    await timings.measure('relayPause', async () => {
      await wallet.getByTestId('background-toggle').click()
      await waitForStatus(dapp, 'paused')
    })
    await dapp.getByTestId('paused-notice').waitFor()
    expect(await textOf(dapp, 'verification-code')).toBe(walletCode)
    const whilePaused = 'Sent while the wallet was away'
    await drive(dapp)
    await dapp.getByTestId('message-input').fill(whilePaused)
    await dapp.getByTestId('sign-message').click()
    await dapp.locator('[data-testid="pending-method"]', { hasText: 'signMessage' }).waitFor()
    // The request waits: nothing reaches the wallet, and the dapp is still waiting a second later.
    await dapp.waitForTimeout(1_000)
    expect(await wallet.getByTestId('message-text').filter({ hasText: whilePaused }).count()).toBe(0)
    expect(await textOf(dapp, 'pending-method')).toBe('signMessage')
    await waitForStatus(dapp, 'paused')
    await screenshot(dapp, 'relay-paused')
    // "Wake up the wallet" opens the wake-up link in a new tab: the dapp page (and its session) stays, and
    // the new wallet page asks the wallet tab holding the session to resume.
    const dappUrlBefore = dapp.url()
    await timings.measure('relayResumeAndAnswer', async () => {
      const [wakePage] = await Promise.all([
        context.waitForEvent('page'),
        dapp.getByTestId('wake-up').click(),
      ])
      await wakePage.waitForURL(`${services.walletUrl}/ul/v1/relay#channel=*`)
      await waitForAttribute(wallet, 'background-toggle', 'data-background', 'false')
      await wakePage.close()
      await wallet.getByTestId('message-text').filter({ hasText: whilePaused }).waitFor()
      await drive(wallet)
      await wallet.getByTestId('approve').click()
      await waitForAttribute(dapp, 'message-verified', 'data-verified', 'true')
    })
    expect(dapp.url()).toBe(dappUrlBefore)
    expect(await textOf(dapp, 'signed-message-text')).toBe(whilePaused)
    await waitForStatus(dapp, 'connected')
    expect(await textOf(dapp, 'verification-code')).toBe(walletCode)

    await drive(dapp)
    await dapp.getByTestId('disconnect').click()
    await waitForStatus(dapp, 'disconnected')
    expect(await textOf(dapp, 'verification-code')).toBe('—')
    await waitForAttribute(wallet, 'relay-state', 'data-state', 'cleared')
  })

  it('relay: a page reload of the dapp ends the session on both sides', async () => {
    const { dapp, wallet, drive, pageErrors } = session
    await session.openDapp()
    await pairByRelay()
    await wallet.getByTestId('approve').click()
    await waitForStatus(dapp, 'connected')
    await waitForAttribute(wallet, 'relay-state', 'data-state', 'connected')
    await expectReloadEndsSession(dapp, drive)
    await waitForAttribute(wallet, 'relay-state', 'data-state', 'cleared')
    expect(pageErrors).toEqual([])
  })
}
