/**
 * httpkit: Python's Requests for TypeScript (plus urllib3's Retry). See API.md for the
 * translation rules (camelCase, options objects, milliseconds, async network calls).
 */
export { request, get, options, head, post, put, patch, delete } from './requests/api.js';
export type { RequestOptions } from './requests/api.js';
export { Session, DEFAULT_REDIRECT_LIMIT } from './requests/session.js';
export type { SendOptions } from './requests/session.js';
export { Request, PreparedRequest } from './requests/models.js';
export { Response } from './requests/response.js';
export { HTTPAdapter, BaseAdapter } from './requests/adapters.js';
export type { HTTPAdapterOptions, AdapterSendOptions, Timeout as TimeoutOption } from './requests/adapters.js';
export { Retry } from './pool/retry.js';
export { AuthBase, HTTPBasicAuth, HTTPDigestAuth, HTTPProxyAuth } from './requests/auth.js';
export { RequestsCookieJar, cookiejarFromDict, mergeCookies } from './requests/cookies.js';
export { CaseInsensitiveDict, LookupDict } from './requests/structures.js';
export { codes } from './requests/status-codes.js';
export {
  RequestException,
  ConnectionError,
  ProxyError,
  SSLError,
  Timeout,
  ConnectTimeout,
  ReadTimeout,
  HTTPError,
  TooManyRedirects,
  URLRequired,
  MissingSchema,
  InvalidSchema,
  InvalidURL,
  InvalidHeader,
  InvalidProxyURL,
  InvalidJSONError,
  JSONDecodeError,
  ChunkedEncodingError,
  ContentDecodingError,
  StreamConsumedError,
  RetryError,
  UnrewindableBodyError,
  CookieConflictError,
} from './requests/errors.js';
