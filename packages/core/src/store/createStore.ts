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

/** Per-key equality for values that stay "the same" without being the same object (default `Object.is`). */
export type StoreEquality<state> = { [key in keyof state]?: (a: state[key], b: state[key]) => boolean }

/**
 * Creates a store of immutable snapshots: the one store primitive of core (the wallet client, the deeplink
 * client and the relay session engine all keep their state in one). Framework-free on purpose: the React
 * and Vue bindings only subscribe to it.
 *
 * A listener that throws does not stop the others nor the caller of `setState`: every listener runs, and
 * each error is re-thrown on its own in a microtask, where the host reports it as uncaught.
 *
 * @example
 * const store = createStore({ count: 0 })
 * const unsubscribe = store.subscribe((state) => console.log(state.count))
 * store.setState({ count: 1 })
 */
export function createStore<state extends object>(
  initialState: state,
  options: { isEqual?: StoreEquality<state> } = {},
): Store<state> {
  let state = Object.freeze({ ...initialState }) as state
  const listeners = new Set<StoreListener<state>>()
  const isEqual: StoreEquality<state> = options.isEqual ?? {}

  return {
    getState: () => state,
    setState(patch) {
      let changed = false
      for (const key of Object.keys(patch) as (keyof state)[]) {
        const equal = isEqual[key] ?? Object.is
        if (!equal(state[key], patch[key] as state[typeof key])) changed = true
      }
      // Keeping the old object when nothing changed spares every subscriber a re-render.
      if (!changed) return
      const previousState = state
      state = Object.freeze({ ...state, ...patch }) as state
      notifyListeners(listeners, state, previousState)
    },
    subscribe: (listener) => addListener(listeners, listener),
  }
}

/**
 * Calls every listener with the new and previous snapshot. A copy of the set is walked, so a listener that
 * unsubscribes (or subscribes) during the loop does not skip another; a throwing listener is isolated.
 */
export function notifyListeners<state>(
  listeners: ReadonlySet<StoreListener<state>>,
  state: state,
  previousState: state,
): void {
  for (const listener of [...listeners]) callListener(listener, state, previousState)
}

/**
 * Calls one listener. One that throws must not break the caller's bookkeeping nor keep the value from the
 * other listeners: its error surfaces on its own, outside this call.
 */
export function callListener<args extends unknown[]>(listener: (...args: args) => void, ...args: args): void {
  try {
    listener(...args)
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}

/** Adds `listener` to `listeners`; returns the function that removes it (a `watch*` return value). */
export function addListener<listener>(listeners: Set<listener>, listener: listener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
