/** The synchronous Web Storage subset the wallet uses (`localStorage` in the app, a Map in tests). */
export type KeyValueStorage = {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
  /** How many keys it holds, and the key at `index` (to list them, as "Reset wallet" does). */
  readonly length: number
  key(index: number): string | null
}
