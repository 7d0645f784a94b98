/**
 * How `PreparedRequest.prepareAuth` applies an `auth` argument: a `[user, pass]` pair is Basic
 * (requests models.py special case), an AuthBase's `call`, or a plain function `(r) => r`.
 */
import { AuthBase, HTTPBasicAuth } from './auth.js';
import type { PreparedRequest } from './models.js';

/** What `auth` may be. `false`/`null` mean none. */
export type AuthInput = readonly [string, string] | AuthBase | ((r: PreparedRequest) => PreparedRequest | void) | null | undefined | false;

/** Applies `auth` to `r`; when a handler returns another request, its state is copied into `r`. */
export function applyAuth(auth: Exclude<AuthInput, null | undefined | false>, r: PreparedRequest): void {
  let handler: AuthBase | ((r: PreparedRequest) => PreparedRequest | void);
  if (Array.isArray(auth) && auth.length === 2) handler = new HTTPBasicAuth(String(auth[0]), String(auth[1]));
  else handler = auth as AuthBase | ((r: PreparedRequest) => PreparedRequest | void);
  const result = typeof handler === 'function' ? handler(r) : handler.call(r);
  if (result !== undefined && result !== null && result !== r) {
    r.method = result.method;
    r.url = result.url;
    r.headers = result.headers;
    r.body = result.body;
    r.bodyLength = result.bodyLength;
    r.cookieJar = result.cookieJar;
    r.hooks = result.hooks;
  }
}
