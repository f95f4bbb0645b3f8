import { type Address, isAddress, isSignature } from '@solana/kit'
import { invalidParams } from '../errors/JsonRpcError.js'

/** A method's config object (the optional last positional parameter). */
export type RpcConfig = Record<string, unknown>

/** The positional parameters of a request; Solana takes arrays only. */
export function readParamsArray(params: unknown): unknown[] {
  if (params === undefined || params === null) return []
  if (!Array.isArray(params)) throw invalidParams('params must be an array of positional parameters')
  return params
}

export function readString(value: unknown, name: string): string {
  if (typeof value !== 'string') throw invalidParams(`${name} must be a string, got ${describe(value)}`)
  return value
}

export function readAddress(value: unknown, name: string): Address {
  const text = readString(value, name)
  if (!isAddress(text)) throw invalidParams(`${name} is not a base58 public key of 32 bytes: ${clip(text)}`)
  return text
}

export function readSignature(value: unknown, name: string): string {
  const text = readString(value, name)
  if (!isSignature(text)) throw invalidParams(`${name} is not a base58 signature of 64 bytes: ${clip(text)}`)
  return text
}

/** A non-negative integer that fits in a u64 (JSON numbers are exact up to 2^53). */
export function readU64(value: unknown, name: string): bigint {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidParams(`${name} must be a non-negative integer, got ${describe(value)}`)
  }
  return BigInt(value)
}

/** The optional config object; `undefined` and `null` mean none. */
export function readConfig(value: unknown, name = 'config'): RpcConfig {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParams(`${name} must be an object, got ${describe(value)}`)
  }
  return value as RpcConfig
}

export function readOptionalBoolean(config: RpcConfig, key: string): boolean | undefined {
  const value = config[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw invalidParams(`${key} must be a boolean, got ${describe(value)}`)
  return value
}

export function readOptionalEnum<T extends string>(
  config: RpcConfig,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const value = config[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw invalidParams(`${key} must be one of ${allowed.join(', ')}, got ${describe(value)}`)
  }
  return value as T
}

/** Rejects more positional parameters than a method takes. */
export function expectAtMost(params: unknown[], count: number): void {
  if (params.length > count) throw invalidParams(`expected at most ${count} parameters, got ${params.length}`)
}

function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `the string "${clip(value)}"`
  if (typeof value === 'object') return 'an object'
  return `${typeof value} ${String(value)}`
}
