/** The tab's sessionStorage, or undefined where it is blocked (some privacy modes throw on access). */
export function sessionStorageOrUndefined(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage
  } catch {
    return undefined
  }
}
