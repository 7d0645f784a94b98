/**
 * Requests' hook system (requests/hooks.py): the only event is `response`. A hook receives the
 * Response and the send options; when it returns a value (or a promise of one) other than
 * null/undefined, that value replaces the response for the following hooks.
 */

/** The events Requests knows. */
export const HOOKS = ['response'] as const;
export type HookEvent = (typeof HOOKS)[number];

/** A response hook. */
export type Hook<R = any, O = any> = (response: R, options: O) => R | void | null | undefined | Promise<R | void | null | undefined>;

/** Hooks as given by users: one function or a list per event. */
export type HooksInput = Partial<Record<HookEvent, Hook | readonly Hook[] | null | undefined>>;

/** Normalised hooks: a list per event. */
export type HookMap = Record<HookEvent, Hook[]>;

/** `default_hooks()`. */
export function defaultHooks(): HookMap {
  return { response: [] };
}

/** Normalises one event's value to a list of functions (non-functions in a list are skipped). */
export function hookList(value: Hook | readonly Hook[] | null | undefined): Hook[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'function') return [value];
  return value.filter((h) => typeof h === 'function');
}

/** `dispatch_hook`: runs every hook of `key` in order. */
export async function dispatchHook<R>(key: HookEvent, hooks: HooksInput | HookMap | null | undefined, data: R, options: unknown): Promise<R> {
  const list = hookList(hooks?.[key] as Hook | readonly Hook[] | null | undefined);
  let current = data;
  for (const hook of list) {
    const result = await hook(current, options);
    if (result !== null && result !== undefined) current = result as R;
  }
  return current;
}
