import { PublicKey, SystemProgram, Transaction } from '@solana/web3.js'

export type BuildTransferParameters = {
  /** base58 of the payer (the connected account). */
  from: string
  /** base58 of the recipient. */
  to: string
  lamports: number
  recentBlockhash: string
}

/** An unsigned System transfer paid by `from`, ready for the wallet to sign. */
export function buildTransfer(parameters: BuildTransferParameters): Transaction {
  const { from, to, lamports, recentBlockhash } = parameters
  if (!Number.isSafeInteger(lamports) || lamports <= 0)
    throw new RangeError(`A transfer needs a positive whole number of lamports, not ${lamports}.`)
  const payer = new PublicKey(from)
  return new Transaction({ feePayer: payer, recentBlockhash }).add(
    SystemProgram.transfer({ fromPubkey: payer, toPubkey: new PublicKey(to), lamports }),
  )
}
