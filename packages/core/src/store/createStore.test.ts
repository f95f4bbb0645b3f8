import { afterEach, describe, expect, it, vi } from 'vitest'
import { addListener, createStore, notifyListeners, type StoreListener } from './createStore.js'

// The one store primitive of core: the wallet client, the deeplink client and the relay session engine.
describe('listeners that throw', () => {
  const thrown: unknown[] = []
  const onUncaught = (error: unknown) => thrown.push(error)
  afterEach(() => {
    process.off('uncaughtException', onUncaught)
    thrown.splice(0)
  })

  it('do not stop the other listeners nor setState; each error surfaces on its own, later', async () => {
    process.on('uncaughtException', onUncaught)
    const store = createStore({ count: 0 })
    const after = vi.fn()
    const failure = new Error('listener failed')
    store.subscribe(() => {
      throw failure
    })
    store.subscribe(after)
    expect(() => store.setState({ count: 1 })).not.toThrow()
    expect(after).toHaveBeenCalledWith({ count: 1 }, { count: 0 })
    expect(store.getState()).toEqual({ count: 1 })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(thrown).toEqual([failure])
  })

  it('notifyListeners walks a copy: a listener that unsubscribes another during the loop does not skip it', () => {
    const calls: string[] = []
    const listeners = new Set<StoreListener<number>>()
    const second: StoreListener<number> = () => calls.push('second')
    listeners.add(() => {
      calls.push('first')
      listeners.delete(second)
    })
    listeners.add(second)
    notifyListeners(listeners, 1, 0)
    expect(calls).toEqual(['first', 'second'])
  })

  it('keeps the snapshot when a per-key equality says nothing changed', () => {
    const store = createStore(
      { pending: { id: 'a', at: 1 } as { id: string; at: number } | null },
      { isEqual: { pending: (a, b) => a?.id === b?.id } },
    )
    const first = store.getState()
    store.setState({ pending: { id: 'a', at: 2 } })
    expect(store.getState()).toBe(first)
    store.setState({ pending: { id: 'b', at: 2 } })
    expect(store.getState()).not.toBe(first)
  })
})

describe('addListener', () => {
  it('adds a listener and returns the function that removes it, idempotently', () => {
    const listeners = new Set<() => void>()
    const listener = () => {}
    const remove = addListener(listeners, listener)
    expect(listeners.has(listener)).toBe(true)
    remove()
    remove()
    expect(listeners.size).toBe(0)
  })
})
