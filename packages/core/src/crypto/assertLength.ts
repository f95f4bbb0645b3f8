import { InvalidArgumentError } from '../errors/deeplink.js'

/** Throws {@link InvalidArgumentError} unless `bytes` has `length` bytes; `label` names the value. */
export function assertLength(bytes: Uint8Array, length: number, label: string): void {
  if (bytes.length !== length)
    throw new InvalidArgumentError(`The ${label} is ${bytes.length} bytes; it must be ${length}.`)
}
