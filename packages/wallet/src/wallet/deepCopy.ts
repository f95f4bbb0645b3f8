/**
 * A deep copy of JSON-like data with byte arrays, so what the user saw is what gets signed even if the UI
 * mutates its request object (structuredClone is missing in some React Native engines).
 */
export function deepCopy<value>(value: value): value {
  if (value instanceof Uint8Array) return new Uint8Array(value) as value
  if (Array.isArray(value)) return value.map(deepCopy) as value
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, deepCopy(entry)])) as value
  return value
}
