/**
 * One 'abort' listener per AbortSignal, however many exchanges share it: a pool running 64
 * requests under one signal must not trip Node's MaxListenersExceededWarning (11 listeners on
 * an EventTarget) nor pay 64 listener registrations. Callbacks are kept in a Set per signal and
 * the listener is removed when the last one unsubscribes.
 */

type Callback = () => void;

const registry = new WeakMap<AbortSignal, Set<Callback>>();

/** Calls `cb` once when `signal` aborts; returns the function that cancels the subscription. */
export function onAbort(signal: AbortSignal, cb: Callback): () => void {
  let set = registry.get(signal);
  if (set === undefined) {
    const callbacks = new Set<Callback>();
    set = callbacks;
    registry.set(signal, callbacks);
    const listener = (): void => {
      registry.delete(signal);
      for (const f of [...callbacks]) f();
      callbacks.clear();
    };
    signal.addEventListener('abort', listener, { once: true });
    listeners.set(callbacks, listener);
  }
  const callbacks = set;
  callbacks.add(cb);
  return () => {
    if (!callbacks.delete(cb) || callbacks.size > 0) return;
    const listener = listeners.get(callbacks);
    if (listener !== undefined) signal.removeEventListener('abort', listener);
    listeners.delete(callbacks);
    if (registry.get(signal) === callbacks) registry.delete(signal);
  };
}

const listeners = new WeakMap<Set<Callback>, () => void>();
