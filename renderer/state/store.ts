/**
 * A minimal external store: immutable state, synchronous notification, and a hook that subscribes a
 * component to one selected slice. Selectors are module-scope functions returning stable values
 * (primitives or objects kept by identity), so a component re-renders only when its slice changes.
 */
import { useSyncExternalStore } from 'react';

export interface Store<T> {
  readonly getState: () => T;
  readonly setState: (update: T | ((state: T) => T)) => void;
  readonly subscribe: (listener: () => void) => () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState: (update) => {
      const next = typeof update === 'function' ? (update as (state: T) => T)(state) : update;
      if (Object.is(next, state)) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStore<T, S>(store: Store<T>, selector: (state: T) => S): S {
  return useSyncExternalStore(
    store.subscribe,
    () => selector(store.getState()),
    () => selector(store.getState()),
  );
}
