import {
  type Address,
  type Blockhash,
  type CompiledTransactionMessage,
  type CompiledTransactionMessageWithLifetime,
  getBase58Decoder,
  getCompiledTransactionMessageDecoder,
  getTransactionEncoder,
  lamports,
  type Signature,
  type Transaction,
} from '@solana/kit'
import { FailedTransactionMetadata, LiteSVM, type TransactionMetadata } from 'litesvm'
import { JsonRpcError, jsonRpcErrorCode } from '../errors/JsonRpcError.js'
import { computeTransactionFee } from './computeTransactionFee.js'
import { createFaucet, type Faucet } from './createFaucet.js'
import {
  type DescribedTransactionError,
  namedTransactionError,
  type TransactionErrorJson,
  transactionErrorToJson,
} from './transactionErrorToJson.js'

/** Solana's MAX_PROCESSING_AGE: a blockhash stays usable for this many blocks. */
export const blockhashValidityBlocks = 150n
const maxStoredTransactions = 100_000
// litesvm's history detects duplicates; it must outlive the blockhash window, or a transaction
// could be replayed while its blockhash is still valid.
const litesvmHistoryCapacity = 1_000n
const faucetLamports = 1n << 62n

/** A decoded legacy or v0 message (this cluster does not take v1). */
export type DecodedMessage = Exclude<CompiledTransactionMessage, { version: 1 }> &
  CompiledTransactionMessageWithLifetime

/** Program return data in RPC form. */
export type ReturnDataJson = { programId: string; data: [string, 'base64'] }

/** What the cluster remembers about a transaction that landed (succeeded or failed with fee charged). */
export type TransactionRecord = {
  signature: string
  slot: bigint
  blockTime: number
  err: TransactionErrorJson | null
  fee: bigint
  preBalances: bigint[]
  postBalances: bigint[]
  logs: string[]
  computeUnitsConsumed: bigint
  returnData: ReturnDataJson | null
  signatures: string[]
  message: DecodedMessage
  /** The transaction as it was sent, in wire format. */
  wireTransaction: Uint8Array
}

/** The `value` of a `simulateTransaction` answer. */
export type SimulationResult = {
  err: TransactionErrorJson | null
  logs: string[]
  accounts: null
  unitsConsumed: bigint
  returnData: ReturnDataJson | null
  innerInstructions: null
  replacementBlockhash: { blockhash: string; lastValidBlockHeight: bigint } | null
}

export type SendOptions = {
  /** Skip the preflight simulation: a transaction that fails in execution then lands with its error. */
  skipPreflight?: boolean | undefined
}

export type SimulateOptions = {
  sigVerify?: boolean | undefined
  replaceRecentBlockhash?: boolean | undefined
}

function decodeMessage(messageBytes: Transaction['messageBytes']): DecodedMessage {
  let message: CompiledTransactionMessage & CompiledTransactionMessageWithLifetime
  try {
    message = getCompiledTransactionMessageDecoder().decode(messageBytes)
  } catch (cause) {
    throw new JsonRpcError(`Invalid params: the transaction message does not decode: ${String(cause)}`, {
      code: jsonRpcErrorCode.invalidParams,
      cause,
    })
  }
  if (message.version === 1) {
    throw new JsonRpcError('Invalid params: version 1 transactions are not supported by this local cluster', {
      code: jsonRpcErrorCode.invalidParams,
    })
  }
  return message
}

function returnDataOf(meta: TransactionMetadata): ReturnDataJson | null {
  const returnData = meta.returnData()
  const data = returnData.data()
  if (data.length === 0) return null
  return {
    programId: getBase58Decoder().decode(returnData.programId()),
    data: [Buffer.from(data).toString('base64'), 'base64'],
  }
}

function signatureVerificationFailure(): JsonRpcError {
  return new JsonRpcError('Transaction signature verification failure', {
    code: jsonRpcErrorCode.transactionSignatureVerificationFailure,
  })
}

/**
 * The chain state behind the RPC: a litesvm instance plus what a validator adds around it — slots,
 * a window of recent blockhashes, signature statuses and a faucet. Every landed transaction makes
 * one block: the slot and block height advance and a new blockhash is issued, so a client that
 * fetches a fresh blockhash can send the same transfer again without it being a duplicate.
 */
export class Ledger {
  /** The litesvm instance, for tests and tools that need to set up state directly. */
  readonly svm: LiteSVM
  readonly genesisHash: string
  readonly faucet: Faucet
  #slot: bigint
  #blockHeight = 0n
  readonly #blockhashes = new Map<string, bigint>()
  readonly #records = new Map<string, TransactionRecord>()

  constructor() {
    // The blockhash check is ours: litesvm accepts only its single latest blockhash, which would
    // reject a wallet's transaction as soon as any other transaction landed first.
    this.svm = new LiteSVM().withBlockhashCheck(false).withTransactionHistory(litesvmHistoryCapacity)
    this.#slot = this.svm.getClock().slot
    this.genesisHash = this.svm.latestBlockhash()
    this.#setClockToNow()
    this.#blockhashes.set(this.genesisHash, this.#blockHeight + blockhashValidityBlocks)
    this.faucet = createFaucet()
    this.svm.setAccount({
      address: this.faucet.address,
      lamports: lamports(faucetLamports),
      data: new Uint8Array(),
      programAddress: '11111111111111111111111111111111' as Address,
      executable: false,
      space: 0n,
    })
  }

  get slot(): bigint {
    return this.#slot
  }

  get blockHeight(): bigint {
    return this.#blockHeight
  }

  /** The newest blockhash and the last block height at which it is accepted. */
  latestBlockhash(): { blockhash: Blockhash; lastValidBlockHeight: bigint } {
    const blockhash = this.svm.latestBlockhash()
    return { blockhash, lastValidBlockHeight: this.#blockhashes.get(blockhash) ?? this.#blockHeight }
  }

  isBlockhashValid(blockhash: string): boolean {
    const lastValid = this.#blockhashes.get(blockhash)
    return lastValid !== undefined && lastValid >= this.#blockHeight
  }

  getRecord(signature: string): TransactionRecord | undefined {
    return this.#records.get(signature)
  }

  /** The fee of a wire-format message in lamports, or `null` when its blockhash is not valid (as Solana answers). */
  feeForMessage(messageBytes: Transaction['messageBytes']): bigint | null {
    const message = decodeMessage(messageBytes)
    if (!this.isBlockhashValid(message.lifetimeToken)) return null
    return computeTransactionFee(message)
  }

  /**
   * Executes a signed transaction. Without `skipPreflight` a failing transaction is refused with
   * -32002 and changes nothing; with it, an execution failure lands (fee charged) and its status
   * carries the error. A transaction that could never land (bad signature, unknown blockhash,
   * duplicate, fee payer unable to pay) is refused in both modes: a real cluster would drop it
   * silently, and a local cluster is more useful when it says why.
   */
  send(transaction: Transaction, options: SendOptions = {}): string {
    const message = decodeMessage(transaction.messageBytes)
    const signatures = Object.values(transaction.signatures)
    if (signatures.length === 0 || signatures.some((signature) => signature === null)) {
      throw signatureVerificationFailure()
    }
    const signature = getBase58Decoder().decode(signatures[0]!)
    const verb = options.skipPreflight ? 'Transaction rejected' : 'Transaction simulation failed'
    if (!this.isBlockhashValid(message.lifetimeToken)) {
      throw this.#refusal(verb, namedTransactionError('BlockhashNotFound'), [], 0n, null)
    }
    if (!options.skipPreflight) {
      const simulated = this.#runSimulation(transaction)
      if (simulated instanceof FailedTransactionMetadata) {
        const described = transactionErrorToJson(simulated.err())
        if (described.json === 'SignatureFailure') throw signatureVerificationFailure()
        const meta = simulated.meta()
        throw this.#refusal(verb, described, meta.logs(), meta.computeUnitsConsumed(), returnDataOf(meta))
      }
    }
    const preBalances = this.#balances(message.staticAccounts)
    const result = this.#runLitesvm(() => this.svm.sendTransaction(transaction))
    let err: TransactionErrorJson | null = null
    let meta: TransactionMetadata
    if (result instanceof FailedTransactionMetadata) {
      const described = transactionErrorToJson(result.err())
      meta = result.meta()
      // litesvm keeps in its history exactly the failed transactions that were charged a fee.
      const landed =
        described.json !== 'AlreadyProcessed' && this.svm.getTransaction(signature as Signature) !== null
      if (!landed) {
        if (described.json === 'SignatureFailure') throw signatureVerificationFailure()
        throw this.#refusal(verb, described, meta.logs(), meta.computeUnitsConsumed(), returnDataOf(meta))
      }
      err = described.json
    } else {
      meta = result
    }
    const postBalances = this.#balances(message.staticAccounts)
    const hasLookups = message.version === 0 && (message.addressTableLookups?.length ?? 0) > 0
    // Lamports are conserved except the burnt fee, so the fee is measured, not assumed — unless
    // accounts from lookup tables (not in these lists) took part.
    const fee = hasLookups
      ? computeTransactionFee(message)
      : preBalances.reduce((sum, balance) => sum + balance, 0n) -
        postBalances.reduce((sum, balance) => sum + balance, 0n)
    this.#store({
      signature,
      slot: this.#slot,
      blockTime: Math.floor(Date.now() / 1000),
      err,
      fee,
      preBalances,
      postBalances,
      logs: meta.logs(),
      computeUnitsConsumed: meta.computeUnitsConsumed(),
      returnData: returnDataOf(meta),
      signatures: signatures.map((bytes) => getBase58Decoder().decode(bytes!)),
      message,
      wireTransaction: new Uint8Array(getTransactionEncoder().encode(transaction)),
    })
    this.#advance()
    return signature
  }

  /** Runs a transaction without committing anything, as `simulateTransaction` does. */
  simulate(transaction: Transaction, options: SimulateOptions = {}): SimulationResult {
    const message = decodeMessage(transaction.messageBytes)
    const sigVerify = options.sigVerify ?? false
    if (sigVerify && Object.values(transaction.signatures).some((signature) => signature === null)) {
      throw signatureVerificationFailure()
    }
    const replacementBlockhash = options.replaceRecentBlockhash ? this.latestBlockhash() : null
    if (!replacementBlockhash && !this.isBlockhashValid(message.lifetimeToken)) {
      return {
        err: 'BlockhashNotFound',
        logs: [],
        accounts: null,
        unitsConsumed: 0n,
        returnData: null,
        innerInstructions: null,
        replacementBlockhash: null,
      }
    }
    const simulated = this.#runSimulation(transaction, sigVerify)
    const failed = simulated instanceof FailedTransactionMetadata
    const meta = simulated.meta()
    const err = failed ? transactionErrorToJson(simulated.err()).json : null
    if (err === 'SignatureFailure' && sigVerify) throw signatureVerificationFailure()
    return {
      err,
      logs: meta.logs(),
      accounts: null,
      unitsConsumed: meta.computeUnitsConsumed(),
      returnData: returnDataOf(meta),
      innerInstructions: null,
      replacementBlockhash,
    }
  }

  /** Pays `lamports` from the faucet to `recipient` with a real, recorded system transfer. */
  airdrop(recipient: Address, amount: bigint): string {
    if (recipient === this.faucet.address) {
      throw new JsonRpcError('Invalid params: the faucet cannot airdrop to itself', {
        code: jsonRpcErrorCode.invalidParams,
      })
    }
    const transaction = this.faucet.airdropTransaction(recipient, amount, this.svm.latestBlockhash())
    return this.send(transaction)
  }

  #runSimulation(transaction: Transaction, sigVerify = true) {
    if (sigVerify) return this.#runLitesvm(() => this.svm.simulateTransaction(transaction))
    this.svm.withSigverify(false)
    try {
      return this.#runLitesvm(() => this.svm.simulateTransaction(transaction))
    } finally {
      this.svm.withSigverify(true)
    }
  }

  // litesvm throws plain Errors for input its wrapper rejects (missing signatures, unknown versions).
  #runLitesvm<T>(run: () => T): T {
    try {
      return run()
    } catch (cause) {
      const text = cause instanceof Error ? cause.message : String(cause)
      if (/signature/i.test(text)) throw signatureVerificationFailure()
      throw new JsonRpcError(`Invalid params: the transaction cannot be executed: ${text}`, {
        code: jsonRpcErrorCode.invalidParams,
        cause,
      })
    }
  }

  #refusal(
    verb: string,
    described: DescribedTransactionError,
    logs: string[],
    unitsConsumed: bigint,
    returnData: ReturnDataJson | null,
  ): JsonRpcError {
    return new JsonRpcError(`${verb}: ${described.message}`, {
      code: jsonRpcErrorCode.sendTransactionPreflightFailure,
      data: {
        accounts: null,
        err: described.json,
        innerInstructions: null,
        logs,
        replacementBlockhash: null,
        returnData,
        unitsConsumed,
      },
    })
  }

  #balances(addresses: readonly Address[]): bigint[] {
    return addresses.map((address) => this.svm.getBalance(address) ?? 0n)
  }

  #store(record: TransactionRecord): void {
    this.#records.set(record.signature, record)
    if (this.#records.size > maxStoredTransactions) {
      const oldest = this.#records.keys().next().value
      if (oldest !== undefined) this.#records.delete(oldest)
    }
  }

  #setClockToNow(): void {
    const clock = this.svm.getClock()
    clock.slot = this.#slot
    clock.unixTimestamp = BigInt(Math.floor(Date.now() / 1000))
    this.svm.setClock(clock)
  }

  #advance(): void {
    this.#slot += 1n
    this.#blockHeight += 1n
    this.#setClockToNow()
    this.svm.expireBlockhash()
    this.#blockhashes.set(this.svm.latestBlockhash(), this.#blockHeight + blockhashValidityBlocks)
    for (const [blockhash, lastValid] of this.#blockhashes) {
      if (lastValid >= this.#blockHeight) break
      this.#blockhashes.delete(blockhash)
    }
  }
}
