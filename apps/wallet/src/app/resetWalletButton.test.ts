// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMapStorage } from '../test/createMapStorage.js'
import { renderResetButton } from './resetWalletButton.js'

afterEach(() => {
  vi.unstubAllGlobals()
})

function setup(confirmed: boolean) {
  const storage = createMapStorage()
  storage.setItem('dapplink.wallet.account', 'secret')
  storage.setItem('dapplink.wallet.sessions', '[]')
  storage.setItem('other.app', 'kept')
  const visited: string[] = []
  vi.stubGlobal('confirm', () => confirmed)
  const button = renderResetButton({
    storage,
    navigate: (url) => visited.push(url),
    origin: 'https://wallet.example',
  })
  return { storage, visited, button }
}

describe('renderResetButton', () => {
  it('deletes every dapplink.wallet.* key of the storage it was given, keeps the rest, and goes home', () => {
    const { storage, visited, button } = setup(true)
    button.click()
    expect(storage.getItem('dapplink.wallet.account')).toBeNull()
    expect(storage.getItem('dapplink.wallet.sessions')).toBeNull()
    expect(storage.getItem('other.app')).toBe('kept')
    expect(visited).toEqual(['https://wallet.example/'])
  })

  it('deletes nothing when the confirm is declined', () => {
    const { storage, visited, button } = setup(false)
    button.click()
    expect(storage.size()).toBe(3)
    expect(visited).toEqual([])
  })
})
