/**
 * The module-level calls (requests/api.py): each runs on a short-lived Session that is closed
 * afterwards, so nothing is shared between calls (use a Session to reuse connections).
 */
import type { Response } from './response.js';
import { Session, type RequestOptions } from './session.js';

export type { RequestOptions };

/** Sends a request with `method` to `url`. */
export async function request(method: string, url: string | URL, opts: RequestOptions = {}): Promise<Response> {
  const session = new Session();
  try {
    return await session.request(method, url, opts);
  } finally {
    session.close();
  }
}

/** GET (redirects followed by default). */
export function get(url: string | URL, opts: RequestOptions = {}): Promise<Response> {
  return request('GET', url, { allowRedirects: true, ...opts });
}

/** OPTIONS (redirects followed by default). */
export function options(url: string | URL, opts: RequestOptions = {}): Promise<Response> {
  return request('OPTIONS', url, { allowRedirects: true, ...opts });
}

/** HEAD (redirects not followed by default, as Requests). */
export function head(url: string | URL, opts: RequestOptions = {}): Promise<Response> {
  return request('HEAD', url, { allowRedirects: false, ...opts });
}

/** POST with `data`, `json` or `files` in the options. */
export function post(url: string | URL, opts: RequestOptions = {}): Promise<Response> {
  return request('POST', url, opts);
}

export function put(url: string | URL, opts: RequestOptions = {}): Promise<Response> {
  return request('PUT', url, opts);
}

export function patch(url: string | URL, opts: RequestOptions = {}): Promise<Response> {
  return request('PATCH', url, opts);
}

/** DELETE (exported as `delete`). */
function del(url: string | URL, opts: RequestOptions = {}): Promise<Response> {
  return request('DELETE', url, opts);
}

export { del as delete };
