import { recoverMessageAddress } from 'viem'

export type PersonalSignCheck = {
  /** The address that signed, recovered from the signature (EIP-191). */
  recoveredAddress: string
  /** Whether it is the account the provider reported (addresses compare case-insensitively). */
  verified: boolean
}

/**
 * Checks a `personal_sign` answer in the page: recovers the signer of `message` and compares it with `address`.
 * A malformed signature is "not verified", never an exception the page has to catch.
 *
 * @example const { recoveredAddress, verified } = await verifyPersonalSign({ message, signature, address })
 */
export async function verifyPersonalSign(parameters: {
  message: string
  signature: string
  address: string
}): Promise<PersonalSignCheck> {
  const { message, signature, address } = parameters
  try {
    const recoveredAddress = await recoverMessageAddress({ message, signature: signature as `0x${string}` })
    return { recoveredAddress, verified: recoveredAddress.toLowerCase() === address.toLowerCase() }
  } catch {
    return { recoveredAddress: '', verified: false }
  }
}
