/**
 * Requests' `merge_setting` / `merge_hooks` (requests/sessions.py): a request setting over the
 * session's; dict-like settings are merged key by key (request keys win, keeping the session's
 * key order; a `null` value removes the key). API.md makes objects, Maps and pair arrays all
 * dict-like; pair arrays keep repeated keys (their values grouped) for `params`.
 */
import type { FormValue } from './body.js';
import { defaultHooks, hookList, type Hook, type HookMap, type HooksInput } from './hooks.js';
import type { HeadersInput, ParamsInput } from './models.js';
import { CaseInsensitiveDict, entriesOf, type DictInput } from './structures.js';

/** merge_setting for scalars: the request's unless it is null/undefined. */
export function pick<T>(request: T | null | undefined, session: T): T {
  return request === null || request === undefined ? session : request;
}

/** Headers: session's, then the request's over them (case-insensitively); null values removed. */
export function mergeHeaders(request: HeadersInput, session: CaseInsensitiveDict<string | null>): CaseInsensitiveDict<string> {
  const merged = new CaseInsensitiveDict<string | null>(session);
  if (request !== null && request !== undefined) merged.update(request as DictInput<string | null>);
  const out = new CaseInsensitiveDict<string>();
  for (const [k, v] of merged) if (v !== null && v !== undefined) out.set(k, v);
  return out;
}

/** Params: a string on either side is not merged (the request's wins); dicts merged by key. */
export function mergeParams(request: ParamsInput, session: DictInput<FormValue> | string | null | undefined): ParamsInput {
  if (session === null || session === undefined) return request;
  if (request === null || request === undefined) return session;
  if (typeof request === 'string' || typeof session === 'string') return request;
  const sessionPairs = entriesOf(session);
  if (sessionPairs.length === 0) return request;
  const merged = new Map<string, FormValue[]>();
  for (const [k, v] of sessionPairs) merged.set(k, [v]);
  const fromRequest = new Set<string>();
  for (const [k, v] of entriesOf(request)) {
    if (!fromRequest.has(k)) merged.set(k, []);
    fromRequest.add(k);
    merged.get(k)?.push(v);
  }
  const out: Array<[string, FormValue]> = [];
  for (const [k, vs] of merged) {
    const values = vs.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== null && v !== undefined);
    if (values.length === 1) out.push([k, values[0] as FormValue]);
    else if (values.length > 1) out.push([k, values as FormValue]);
  }
  return out;
}

/** merge_hooks: an empty `response` list on either side yields the other; else the request's events win. */
export function mergeHooks(request: HooksInput | HookMap | null | undefined, session: HookMap | null | undefined): HookMap {
  if ((request === null || request === undefined) && (session === null || session === undefined || hookList(session.response).length === 0)) return defaultHooks();
  const req = normalise(request);
  const sess = normalise(session);
  if (session === null || session === undefined || sess.response.length === 0) return req;
  if (request === null || request === undefined || req.response.length === 0) return sess;
  return { ...sess, ...req };
}

function normalise(hooks: HooksInput | HookMap | null | undefined): HookMap {
  const out = defaultHooks();
  if (hooks === null || hooks === undefined) return out;
  out.response = hookList(hooks.response as Hook | readonly Hook[] | null | undefined);
  return out;
}
