import { waitForAttribute } from './demoPage.js'
import type { DappAndWallet } from './openDappAndWallet.js'

/**
 * Clicks `testId` on the dapp, waits until the wallet shows the request for `method`, and answers it there
 * (Approve by default). Returns once the answer is clicked; what the dapp shows next is the caller's check.
 */
export async function answerInWallet(
  { dapp, wallet, drive }: Pick<DappAndWallet, 'dapp' | 'wallet' | 'drive'>,
  testId: string,
  method: string,
  answer: 'approve' | 'reject' = 'approve',
): Promise<void> {
  await drive(dapp)
  await dapp.getByTestId(testId).click()
  await waitForAttribute(wallet, 'request', 'data-method', method)
  await drive(wallet)
  await wallet.getByTestId(answer).click()
}
