import type { KeyValueStorage } from '../storage/keyValueStorage.js'
import { h } from '../ui/h.js'

export type RenderResetButtonParameters = {
  storage: KeyValueStorage
  /** Reloads the wallet at its home page once its keys are gone. */
  navigate: (url: string) => void
  origin: string
}

/** "Reset wallet": after a confirm, deletes every `dapplink.wallet.*` key (the account and dapp sessions). */
export function renderResetButton({ storage, navigate, origin }: RenderResetButtonParameters): HTMLElement {
  const button = h('button', { class: 'danger', testid: 'reset-wallet', type: 'button' }, 'Reset wallet')
  button.addEventListener('click', () => {
    if (!window.confirm('Delete this wallet’s key and every dapp session? The account cannot be recovered.'))
      return
    const keys: string[] = []
    // Listed from the same storage it deletes from (the app's localStorage, a Map in tests).
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index)
      if (key?.startsWith('dapplink.wallet.')) keys.push(key)
    }
    for (const key of keys) storage.removeItem(key)
    navigate(`${origin}/`)
  })
  return button
}
