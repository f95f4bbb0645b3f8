import {
  saveSettings,
  validPauseAfterMs,
  validRpcUrl,
  type WalletSettings,
} from '../settings/walletSettings.js'
import type { KeyValueStorage } from '../storage/keyValueStorage.js'
import { h } from '../ui/h.js'
import { renderResetButton } from './resetWalletButton.js'

export type RenderSettingsCardParameters = {
  settings: WalletSettings
  storage: KeyValueStorage
  /** Reloads the wallet at its home page once the settings are saved or the wallet is reset. */
  navigate: (url: string) => void
  origin: string
}

/** The settings card: RPC URL and relay pause threshold ("Save and reload"), and "Reset wallet". */
export function renderSettingsCard({
  settings,
  storage,
  navigate,
  origin,
}: RenderSettingsCardParameters): HTMLElement {
  const rpcInput = h('input', {
    testid: 'rpc-url-input',
    type: 'url',
    value: settings.rpcUrl,
    'aria-label': 'RPC URL',
  })
  const pauseInput = h('input', {
    testid: 'pause-after-input',
    type: 'number',
    min: 0,
    step: 100,
    value: settings.pauseAfterMs,
    'aria-label': 'Pause after (ms)',
  })
  const message = h('p', { class: 'hint', testid: 'settings-message' })
  const save = h('button', { class: 'primary', testid: 'save-settings', type: 'button' }, 'Save and reload')
  save.addEventListener('click', () => {
    const rpcUrl = validRpcUrl(rpcInput.value.trim())
    const pauseAfterMs = validPauseAfterMs(pauseInput.value)
    if (rpcUrl === undefined || pauseAfterMs === undefined) {
      message.textContent = 'Enter an http(s) RPC URL and a pause threshold between 0 and 600000 ms.'
      return
    }
    saveSettings(storage, { rpcUrl, pauseAfterMs })
    navigate(`${origin}/`)
  })
  return h(
    'section',
    { class: 'card settings' },
    h('h2', {}, 'Settings'),
    h('label', {}, h('span', { class: 'label' }, 'RPC URL (local cluster, devnet, …)'), rpcInput),
    h(
      'label',
      {},
      h('span', { class: 'label' }, 'Relay: pause after this long in the background (ms)'),
      pauseInput,
    ),
    message,
    h('div', { class: 'actions' }, renderResetButton({ storage, navigate, origin }), save),
  )
}
