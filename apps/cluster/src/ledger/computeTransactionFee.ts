import type { Address, CompiledTransactionMessage } from '@solana/kit'

/** Lamports per signature; litesvm and every public cluster charge 5000. */
export const lamportsPerSignature = 5000n

const computeBudgetProgram = 'ComputeBudget111111111111111111111111111111'
const maxComputeUnitLimit = 1_400_000n
const defaultInstructionComputeUnitLimit = 200_000n
// Agave reserves only 3000 units for a builtin's instruction when no limit is set; priority fees
// are price × limit, so this decides the fee of a plain SOL transfer with a priority price.
const builtinInstructionComputeUnitLimit = 3_000n
const builtinPrograms = new Set<string>([
  '11111111111111111111111111111111',
  computeBudgetProgram,
  'AddressLookupTab1e1111111111111111111111111',
  'BPFLoader1111111111111111111111111111111111',
  'BPFLoader2111111111111111111111111111111111',
  'BPFLoaderUpgradeab1e11111111111111111111111',
  'LoaderV411111111111111111111111111111111111',
  'Config1111111111111111111111111111111111111',
  'Stake11111111111111111111111111111111111111',
  'Vote111111111111111111111111111111111111111',
  'ZkE1Gama1Proof11111111111111111111111111111',
])
// Precompiles charge one signature fee per signature they verify (count in data[0]).
const signatureVerifyingPrecompiles = new Set<string>([
  'Ed25519SigVerify111111111111111111111111111',
  'KeccakSecp256k11111111111111111111111111111',
  'Secp256r1SigVerify1111111111111111111111111',
])

function readUintLe(data: Uint8Array | undefined, offset: number, length: number): bigint | undefined {
  if (!data || data.length < offset + length) return undefined
  let value = 0n
  for (let index = length - 1; index >= 0; index--) value = (value << 8n) | BigInt(data[offset + index]!)
  return value
}

/**
 * The fee Solana charges for a legacy or v0 message, in lamports: 5000 per signature (including
 * precompile signatures) plus the priority fee `ceil(computeUnitPrice × computeUnitLimit / 10^6)`.
 *
 * @example computeTransactionFee(getCompiledTransactionMessageDecoder().decode(messageBytes)) // 5000n
 */
export function computeTransactionFee(message: CompiledTransactionMessage): bigint {
  if (message.version === 1) throw new Error('Version 1 transaction messages are not supported.')
  const accounts: readonly Address[] = message.staticAccounts
  let signatures = BigInt(message.header.numSignerAccounts)
  let unitPrice = 0n
  let unitLimit: bigint | undefined
  let defaultLimit = 0n
  for (const instruction of message.instructions) {
    const program = accounts[instruction.programAddressIndex] ?? ''
    const data = instruction.data as Uint8Array | undefined
    if (signatureVerifyingPrecompiles.has(program)) signatures += BigInt(data?.[0] ?? 0)
    defaultLimit += builtinPrograms.has(program)
      ? builtinInstructionComputeUnitLimit
      : defaultInstructionComputeUnitLimit
    if (program !== computeBudgetProgram) continue
    // ComputeBudgetInstruction: 2 = SetComputeUnitLimit(u32), 3 = SetComputeUnitPrice(u64 micro-lamports).
    if (data?.[0] === 2) unitLimit = readUintLe(data, 1, 4) ?? unitLimit
    if (data?.[0] === 3) unitPrice = readUintLe(data, 1, 8) ?? unitPrice
  }
  const limit = unitLimit ?? defaultLimit
  const cappedLimit = limit > maxComputeUnitLimit ? maxComputeUnitLimit : limit
  const priorityFee = (unitPrice * cappedLimit + 999_999n) / 1_000_000n
  return signatures * lamportsPerSignature + priorityFee
}
