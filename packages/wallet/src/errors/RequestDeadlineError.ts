import type { RequestDeadlineProblem } from '@dapplink/core/relay'
import { InvalidRequestError, type WalletRequestErrorParameters } from './walletRequestError.js'

/**
 * The wallet refused a relay request for its deadline (-32000, answered to the dapp): none (`missing`), one
 * that passed (`expired`: the dapp no longer waits, e.g. a relay held the request), or one too far ahead
 * (`tooFar`). Also the abort reason of `onRequest`'s signal when the deadline passes during approval.
 */
export class RequestDeadlineError extends InvalidRequestError {
  override name = 'RequestDeadlineError'
  readonly problem: RequestDeadlineProblem

  constructor(
    problem: RequestDeadlineProblem,
    shortMessage: string,
    parameters: WalletRequestErrorParameters = {},
  ) {
    super(shortMessage, parameters)
    this.problem = problem
  }
}
