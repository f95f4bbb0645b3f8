/**
 * `JSON.stringify` that writes `bigint` as a plain JSON integer. Solana's u64 values (lamports,
 * slots, `rentEpoch = 2^64-1`) exceed `Number.MAX_SAFE_INTEGER`, and Solana's RPC writes them as
 * bare integers; clients that care (Kit) parse them as bigint.
 *
 * @example serializeJson({ rentEpoch: 18446744073709551615n }) // '{"rentEpoch":18446744073709551615}'
 */
export function serializeJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  switch (typeof value) {
    case 'bigint':
      return value.toString()
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(serializeJson).join(',')}]`
      const members: string[] = []
      for (const [key, member] of Object.entries(value)) {
        if (member === undefined || typeof member === 'function') continue
        members.push(`${JSON.stringify(key)}:${serializeJson(member)}`)
      }
      return `{${members.join(',')}}`
    }
    default:
      return 'null'
  }
}
