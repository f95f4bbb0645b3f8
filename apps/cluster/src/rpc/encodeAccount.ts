import { getBase58Decoder, type MaybeEncodedAccount } from '@solana/kit'
import { invalidParams, JsonRpcError, jsonRpcErrorCode } from '../errors/JsonRpcError.js'
import { type RpcConfig, readConfig, readOptionalEnum, readU64 } from './readParams.js'

/** Every account on a current cluster is rent-exempt and reports this rent epoch (u64::MAX). */
const rentExemptEpoch = 18446744073709551615n
const maxBase58Bytes = 128

export type AccountEncoding = 'binary' | 'base58' | 'base64' | 'jsonParsed'

/** How a request wants account data: its encoding and optional slice. */
export type AccountDataRequest = { encoding: AccountEncoding; slice?: { offset: number; length: number } }

/** Reads `encoding` and `dataSlice` from a getAccountInfo-style config. */
export function readAccountDataRequest(config: RpcConfig): AccountDataRequest {
  // Solana's default (no encoding) is the legacy "binary" form: a bare base58 string.
  const encoding =
    readOptionalEnum(config, 'encoding', [
      'binary',
      'base58',
      'base64',
      'base64+zstd',
      'jsonParsed',
    ] as const) ?? 'binary'
  if (encoding === 'base64+zstd') {
    throw invalidParams('encoding base64+zstd is not supported by this local cluster; use base64')
  }
  if (config['dataSlice'] === undefined || config['dataSlice'] === null) return { encoding }
  const slice = readConfig(config['dataSlice'], 'dataSlice')
  return {
    encoding,
    slice: {
      offset: Number(readU64(slice['offset'], 'dataSlice.offset')),
      length: Number(readU64(slice['length'], 'dataSlice.length')),
    },
  }
}

/**
 * An account in RPC form (`UiAccount`), or `null` when it does not exist. `jsonParsed` falls back
 * to base64 as Solana does when it has no parser for the owner program.
 */
export function encodeAccount(account: MaybeEncodedAccount, request: AccountDataRequest): unknown {
  if (!account.exists) return null
  const full = account.data as Uint8Array
  const data = request.slice
    ? full.subarray(request.slice.offset, request.slice.offset + request.slice.length)
    : full
  let encoded: unknown
  if (request.encoding === 'base64' || request.encoding === 'jsonParsed') {
    encoded = [Buffer.from(data).toString('base64'), 'base64']
  } else {
    if (data.length > maxBase58Bytes) {
      throw new JsonRpcError(
        'Encoded binary (base 58) data should be less than 128 bytes, please use Base64 encoding.',
        { code: jsonRpcErrorCode.invalidRequest },
      )
    }
    const base58 = getBase58Decoder().decode(data)
    encoded = request.encoding === 'base58' ? [base58, 'base58'] : base58
  }
  return {
    data: encoded,
    executable: account.executable,
    lamports: account.lamports,
    owner: account.programAddress,
    rentEpoch: rentExemptEpoch,
    space: BigInt(full.length),
  }
}
