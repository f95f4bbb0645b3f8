import { getBase58Decoder, type TransactionMessageBytes } from '@solana/kit'
import { invalidParams, JsonRpcError, jsonRpcErrorCode } from '../errors/JsonRpcError.js'
import type { Ledger, TransactionRecord } from '../ledger/Ledger.js'
import { decodeWireBytes, decodeWireTransaction } from './decodeWireTransaction.js'
import { encodeAccount, readAccountDataRequest } from './encodeAccount.js'
import {
  expectAtMost,
  type RpcConfig,
  readAddress,
  readConfig,
  readOptionalBoolean,
  readOptionalEnum,
  readSignature,
  readString,
  readU64,
} from './readParams.js'

/**
 * The version this cluster reports. Clients gate features on `solana-core` (for example, whether
 * `getLatestBlockhash` exists), so it names a current Agave line; `litesvm` says what really runs.
 */
export const clusterVersion = { 'solana-core': '2.2.0', litesvm: '1.5.0' } as const

/** What a method needs: the ledger and the cluster's limits. */
export type RpcContext = { ledger: Ledger; maxAirdropLamports: bigint }

export type RpcMethod = (params: unknown[], context: RpcContext) => unknown

const maxSignatureStatuses = 256
const maxMultipleAccounts = 100

function withContext(ledger: Ledger, value: unknown) {
  return { context: { apiVersion: clusterVersion['solana-core'], slot: ledger.slot }, value }
}

function readLastConfig(params: unknown[], index: number): RpcConfig {
  expectAtMost(params, index + 1)
  return readConfig(params[index])
}

function readTransactionEncoding(config: RpcConfig): 'base58' | 'base64' {
  // Solana's default wire encoding for sendTransaction/simulateTransaction is base58.
  return readOptionalEnum(config, 'encoding', ['base58', 'base64'] as const) ?? 'base58'
}

function transactionJson(record: TransactionRecord) {
  const { message } = record
  const base58 = getBase58Decoder()
  return {
    signatures: record.signatures,
    message: {
      accountKeys: message.staticAccounts,
      header: {
        numRequiredSignatures: message.header.numSignerAccounts,
        numReadonlySignedAccounts: message.header.numReadonlySignerAccounts,
        numReadonlyUnsignedAccounts: message.header.numReadonlyNonSignerAccounts,
      },
      recentBlockhash: message.lifetimeToken,
      instructions: message.instructions.map((instruction) => ({
        programIdIndex: instruction.programAddressIndex,
        accounts: instruction.accountIndices ?? [],
        data: base58.decode(instruction.data ?? new Uint8Array()),
        stackHeight: null,
      })),
      ...(message.version === 0
        ? {
            addressTableLookups: (message.addressTableLookups ?? []).map((lookup) => ({
              accountKey: lookup.lookupTableAddress,
              writableIndexes: lookup.writableIndexes,
              readonlyIndexes: lookup.readonlyIndexes,
            })),
          }
        : {}),
    },
  }
}

function metaJson(record: TransactionRecord) {
  return {
    err: record.err,
    status: record.err === null ? { Ok: null } : { Err: record.err },
    fee: record.fee,
    preBalances: record.preBalances,
    postBalances: record.postBalances,
    innerInstructions: [],
    logMessages: record.logs,
    preTokenBalances: [],
    postTokenBalances: [],
    rewards: [],
    loadedAddresses: { writable: [], readonly: [] },
    returnData: record.returnData ?? undefined,
    computeUnitsConsumed: record.computeUnitsConsumed,
  }
}

/** The Solana JSON-RPC methods this cluster answers, by name. */
export const rpcMethods: Record<string, RpcMethod> = {
  getHealth: () => 'ok',

  getVersion: () => clusterVersion,

  getGenesisHash: (_params, { ledger }) => ledger.genesisHash,

  getSlot: (params, { ledger }) => {
    readLastConfig(params, 0)
    return ledger.slot
  },

  getBlockHeight: (params, { ledger }) => {
    readLastConfig(params, 0)
    return ledger.blockHeight
  },

  getLatestBlockhash: (params, { ledger }) => {
    readLastConfig(params, 0)
    return withContext(ledger, ledger.latestBlockhash())
  },

  isBlockhashValid: (params, { ledger }) => {
    const blockhash = readString(params[0], 'blockhash')
    readLastConfig(params, 1)
    return withContext(ledger, ledger.isBlockhashValid(blockhash))
  },

  getBalance: (params, { ledger }) => {
    const address = readAddress(params[0], 'pubkey')
    readLastConfig(params, 1)
    return withContext(ledger, ledger.svm.getBalance(address) ?? 0n)
  },

  getAccountInfo: (params, { ledger }) => {
    const address = readAddress(params[0], 'pubkey')
    const request = readAccountDataRequest(readLastConfig(params, 1))
    return withContext(ledger, encodeAccount(ledger.svm.getAccount(address), request))
  },

  getMultipleAccounts: (params, { ledger }) => {
    const keys = params[0]
    if (!Array.isArray(keys)) throw invalidParams('pubkeys must be an array of base58 public keys')
    if (keys.length > maxMultipleAccounts) {
      throw invalidParams(`too many pubkeys: ${keys.length} (max: ${maxMultipleAccounts})`)
    }
    const addresses = keys.map((key, index) => readAddress(key, `pubkeys[${index}]`))
    const request = readAccountDataRequest(readLastConfig(params, 1))
    return withContext(
      ledger,
      addresses.map((address) => encodeAccount(ledger.svm.getAccount(address), request)),
    )
  },

  getMinimumBalanceForRentExemption: (params, { ledger }) => {
    const dataLength = readU64(params[0] ?? 0, 'data length')
    readLastConfig(params, 1)
    return ledger.svm.minimumBalanceForRentExemption(dataLength)
  },

  getFeeForMessage: (params, { ledger }) => {
    const encoded = readString(params[0], 'message')
    readLastConfig(params, 1)
    const bytes = decodeWireBytes(encoded, 'base64', 'message')
    return withContext(ledger, ledger.feeForMessage(bytes as unknown as TransactionMessageBytes))
  },

  getRecentPrioritizationFees: (params) => {
    if (params[0] !== undefined && !Array.isArray(params[0])) {
      throw invalidParams('the first parameter must be an array of base58 public keys')
    }
    expectAtMost(params, 1)
    // No fee market on a local cluster: every recent slot had a zero priority fee.
    return []
  },

  requestAirdrop: (params, { ledger, maxAirdropLamports }) => {
    const address = readAddress(params[0], 'pubkey')
    const amount = readU64(params[1], 'lamports')
    readLastConfig(params, 2)
    if (amount === 0n || amount > maxAirdropLamports) {
      throw invalidParams(
        `lamports must be between 1 and ${maxAirdropLamports} (the airdrop cap), got ${amount}`,
      )
    }
    return ledger.airdrop(address, amount)
  },

  sendTransaction: (params, { ledger }) => {
    const encoded = readString(params[0], 'transaction')
    const config = readLastConfig(params, 1)
    const transaction = decodeWireTransaction(encoded, readTransactionEncoding(config))
    return ledger.send(transaction, { skipPreflight: readOptionalBoolean(config, 'skipPreflight') })
  },

  simulateTransaction: (params, { ledger }) => {
    const encoded = readString(params[0], 'transaction')
    const config = readLastConfig(params, 1)
    const sigVerify = readOptionalBoolean(config, 'sigVerify')
    const replaceRecentBlockhash = readOptionalBoolean(config, 'replaceRecentBlockhash')
    if (sigVerify && replaceRecentBlockhash) {
      throw invalidParams('sigVerify may not be used with replaceRecentBlockhash')
    }
    const transaction = decodeWireTransaction(encoded, readTransactionEncoding(config))
    return withContext(ledger, ledger.simulate(transaction, { sigVerify, replaceRecentBlockhash }))
  },

  getSignatureStatuses: (params, { ledger }) => {
    const signatures = params[0]
    if (!Array.isArray(signatures)) throw invalidParams('signatures must be an array of base58 signatures')
    if (signatures.length > maxSignatureStatuses) {
      throw invalidParams(`too many signatures: ${signatures.length} (max: ${maxSignatureStatuses})`)
    }
    readLastConfig(params, 1)
    const statuses = signatures.map((value, index) => {
      const record = ledger.getRecord(readSignature(value, `signatures[${index}]`))
      if (!record) return null
      // One node, no forks: a landed transaction is final at once.
      return {
        slot: record.slot,
        confirmations: null,
        err: record.err,
        status: record.err === null ? { Ok: null } : { Err: record.err },
        confirmationStatus: 'finalized',
      }
    })
    return withContext(ledger, statuses)
  },

  getTransaction: (params, { ledger }) => {
    const signature = readSignature(params[0], 'signature')
    expectAtMost(params, 2)
    // The second parameter may be an encoding string (deprecated form) or a config object.
    const config: RpcConfig = typeof params[1] === 'string' ? { encoding: params[1] } : readConfig(params[1])
    const encoding =
      readOptionalEnum(config, 'encoding', ['json', 'jsonParsed', 'base58', 'base64'] as const) ?? 'json'
    if (encoding === 'jsonParsed') {
      throw invalidParams('encoding jsonParsed is not supported by this local cluster; use json or base64')
    }
    const maxVersion = config['maxSupportedTransactionVersion']
    if (maxVersion !== undefined && maxVersion !== null && maxVersion !== 0) {
      throw invalidParams('maxSupportedTransactionVersion must be 0')
    }
    const record = ledger.getRecord(signature)
    if (!record) return null
    const version = record.message.version
    if (version === 0 && maxVersion !== 0) {
      throw new JsonRpcError(
        'Transaction version (0) is not supported by the requesting client. Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": 0',
        { code: jsonRpcErrorCode.unsupportedTransactionVersion },
      )
    }
    const transaction =
      encoding === 'json'
        ? transactionJson(record)
        : encoding === 'base64'
          ? [Buffer.from(record.wireTransaction).toString('base64'), 'base64']
          : [getBase58Decoder().decode(record.wireTransaction), 'base58']
    return {
      slot: record.slot,
      blockTime: record.blockTime,
      meta: metaJson(record),
      transaction,
      ...(maxVersion === 0 ? { version } : {}),
    }
  },
}
