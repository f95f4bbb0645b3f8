import { decodeSystemTransfer, type SystemTransfer } from './decodeSystemTransfer.js'
import { readTransactionMessage } from './readTransactionMessage.js'

/** What the approve screen shows about one transaction. */
export type TransactionSummary = {
  version: 'legacy' | 0
  /** base58 of the fee payer. */
  feePayer: string
  instructionCount: number
  /** The System transfers found among the instructions, in order. */
  transfers: SystemTransfer[]
  /** Instructions that are not System transfers (shown as a count, with their program ids). */
  otherPrograms: string[]
  usesLookupTables: boolean
}

/**
 * Summarizes a serialized transaction for the approve screen, or returns undefined when it cannot be read.
 *
 * @example
 * const summary = summarizeTransaction(request.transaction.bytes)
 */
export function summarizeTransaction(bytes: Uint8Array): TransactionSummary | undefined {
  const message = readTransactionMessage(bytes)
  if (!message) return undefined
  const transfers: SystemTransfer[] = []
  const otherPrograms: string[] = []
  for (const instruction of message.instructions) {
    const transfer = decodeSystemTransfer(instruction, message.accountKeys)
    if (transfer) transfers.push(transfer)
    else otherPrograms.push(message.accountKeys[instruction.programIdIndex] ?? '(lookup table account)')
  }
  return {
    version: message.version,
    feePayer: message.accountKeys[0]!,
    instructionCount: message.instructions.length,
    transfers,
    otherPrograms,
    usesLookupTables: message.usesLookupTables,
  }
}
