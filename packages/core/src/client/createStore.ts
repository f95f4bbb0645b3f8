/** A listener of a store: called with the new and the previous snapshot. */
export type StoreListener<state> = (state: state, previousState: state) => void

/** A minimal external store: one immutable snapshot, replaced on every change. */
export type Store<state> = {
  /** The current snapshot. The same object until the next change (React's `useSyncExternalStore` needs it). */
  getState(): state
  /** Merges `patch` into a new snapshot and notifies listeners; a patch that changes nothing is ignored. */
  setState(patch: Partial<state>): void
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: StoreListener<state>): () => void
}

/**
 * Creates a store of immutable snapshots. Framework-free on purpose: the React and Vue bindings only
 * subscribe to it.
 *
 * @example
 * const store = createStore({ count: 0 })
 * const unsubscribe = store.subscribe((state) => console.log(state.count))
 * store.setState({ count: 1 })
 */
export function createStore<state extends object>(initialState: state): Store<state> {
  let state = Object.freeze({ ...initialState }) as state
  const listeners = new Set<StoreListener<state>>()

  return {
    getState: () => state,
    setState(patch) {
      let changed = false
      for (const key of Object.keys(patch) as (keyof state)[]) {
        if (!Object.is(state[key], patch[key])) changed = true
      }
      // Keeping the old object when nothing changed spares every subscriber a re-render.
      if (!changed) return
      const previousState = state
      state = Object.freeze({ ...state, ...patch }) as state
      // A copy, so a listener that unsubscribes (or subscribes) during the loop does not skip another.
      for (const listener of [...listeners]) listener(state, previousState)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
