import { describe, expect, it, vi } from 'vitest'
import { createStore } from './createStore.js'

describe('createStore', () => {
  it('keeps the same snapshot object until a change', () => {
    const store = createStore({ count: 0, name: 'a' })
    const first = store.getState()
    expect(store.getState()).toBe(first)
    store.setState({ count: 0 })
    expect(store.getState()).toBe(first)
    store.setState({ count: 1 })
    expect(store.getState()).not.toBe(first)
    expect(store.getState()).toEqual({ count: 1, name: 'a' })
    expect(first).toEqual({ count: 0, name: 'a' })
  })

  it('freezes snapshots so nobody mutates shared state', () => {
    const store = createStore({ count: 0 })
    expect(Object.isFrozen(store.getState())).toBe(true)
  })

  it('notifies listeners with the new and previous state, and stops after unsubscribe', () => {
    const store = createStore({ count: 0 })
    const listener = vi.fn()
    const unsubscribe = store.subscribe(listener)
    store.setState({ count: 1 })
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listener).toHaveBeenLastCalledWith({ count: 1 }, { count: 0 })
    store.setState({ count: 1 })
    expect(listener).toHaveBeenCalledTimes(1)
    unsubscribe()
    store.setState({ count: 2 })
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('notifies every listener even when one unsubscribes during the notification', () => {
    const store = createStore({ count: 0 })
    const second = vi.fn()
    const unsubscribeFirst = store.subscribe(() => unsubscribeFirst())
    store.subscribe(second)
    store.setState({ count: 1 })
    expect(second).toHaveBeenCalledTimes(1)
  })
})
