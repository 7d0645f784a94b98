/**
 * The pool layer's contract (the urllib3 analogue): what requests/ calls.
 *
 * Where things live (import files, not barrels):
 *   manager.ts      `class PoolManager implements PoolManagerLike` (+ `stats`: pools, idle and checked-out
 *                   connections), `class ProxyManager`, `proxyFromUrl(url, opts)`
 *   retry.ts        `class Retry` (immutable, urllib3 2.x semantics; public via `httpkit`), `RequestHistory`.
 *                   Its durations are ms too: backoffFactor 500 = urllib3's backoff_factor=0.5.
 *   timeout.ts      `resolveTimeout(input)` → `ResolvedTimeout` (all ms)
 *   env-proxies.ts  `getEnvironProxies(env?)`, `shouldBypassProxies(url, noProxy?)`, `selectProxy(url, proxies)`
 *   errors.ts       the internal error tree (PoolError, MaxRetryError with `reason`, ...): requests/
 *                   translates it in one function
 *   tls.ts          `caBundleFromEnv(env?)` (REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE) and TLS option resolution
 *
 * Units: every duration is milliseconds. `null` means "no limit" (Python's None).
 * Headers travel as flat `[name, value, ...]` lists in wire order (engine's HeaderList).
 */
import type { HeaderList, RequestBody } from '../engine/types.js';
import type { Retry } from './retry.js';

export type { HeaderList, RequestBody };

/** Headers accepted on input: a flat list, a record, or `[name, value]` pairs (a Map, a CaseInsensitiveDict...). */
export type HeaderInput = HeaderList | Readonly<Record<string, string>> | Iterable<readonly [string, string]>;

/**
 * Timeouts in milliseconds. A number sets connect and read (urllib3's `Timeout(total=None,
 * connect=n, read=n)` as Requests passes it); `null` disables them all.
 */
export interface TimeoutSpec {
  /** TCP + TLS establishment (and the CONNECT exchange with a proxy). Default 10 000. null: none. */
  connect?: number | null;
  /** Between two received bytes while waiting for or reading the response. Default 300 000. null: none. */
  read?: number | null;
  /** Deadline for the whole urlopen() call up to the response head (connect + send + head). Default null. */
  total?: number | null;
  /** How long to wait for a free connection when the pool blocks. Default: the manager's `poolTimeout`. */
  pool?: number | null;
}
export type TimeoutInput = number | TimeoutSpec | null | undefined;

/**
 * TLS options. Every field is part of the pool key: two requests with different options never
 * share a socket. Files are read once and cached (by path + mtime).
 */
export interface PoolTlsOptions {
  /** Verify the server certificate (chain and host name). Default true. Requests' `verify=False` → false. */
  verify?: boolean;
  /** Trusted CA certificates, PEM text or bytes. Replaces Node's roots when given. */
  ca?: string | Uint8Array | ReadonlyArray<string | Uint8Array>;
  /** Path of a CA bundle file (Requests' `verify='/path/ca.pem'`). */
  caFile?: string;
  /** Path of a directory of PEM certificates (Requests' `verify='/path/dir'`); every *.pem/*.crt is loaded. */
  caDir?: string;
  /** Client certificate (PEM text/bytes) or... */
  cert?: string | Uint8Array;
  /** ...its path (Requests' `cert='client.pem'` or `cert=('client.crt', 'client.key')`). */
  certFile?: string;
  /** Client private key, PEM text/bytes, or... */
  key?: string | Uint8Array;
  /** ...its path. */
  keyFile?: string;
  passphrase?: string;
  /** Check the host name against the certificate. Default true (only meaningful when verifying). */
  checkHostname?: boolean;
  /** SNI / name to verify instead of the URL's host (urllib3's server_hostname). */
  servername?: string;
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
  ciphers?: string;
}

/** A proxy to use. `url` is http://[user:pass@]host:port (https:// proxies: see ProxyManager docs). */
export interface ProxyConfig {
  url: string;
  /** Extra headers sent only to the proxy (absolute-form requests and CONNECT). */
  headers?: HeaderInput;
}

export interface PoolManagerOptions {
  /** Maximum number of per-origin pools kept; the least recently used is closed past it. Default 10. */
  numPools?: number;
  /** Idle connections kept per pool (and the in-use bound when `block`). Default 10. */
  maxsize?: number;
  /** true: wait (up to the pool timeout) for a free connection; false: open an extra one that is not kept. Default false. */
  block?: boolean;
  /** Wait for a free connection when `block`, ms. Default null (wait indefinitely, urllib3's pool_timeout=None). */
  poolTimeout?: number | null;
  /** Idle connections older than this are closed instead of reused, ms. Default 60 000. null: no expiry. */
  keepAliveMs?: number | null;
  /** Default headers for every request (urllib3's PoolManager headers). */
  headers?: HeaderInput;
  /** Default TLS options (merged under the per-request ones). */
  tls?: PoolTlsOptions;
  /** Default retry policy. Default `Retry.DEFAULT` (3, urllib3). Requests' adapter passes its own. */
  retries?: Retry | number | false | null;
  /** Default timeouts. */
  timeout?: TimeoutInput;
  /** Cap on decoded (decompressed) body bytes per response. Default 1 GiB. null: none. */
  maxDecodedBytes?: number | null;
  /** Cap on the number of content codings applied to one body. Default 5 (urllib3 2.x's limit). */
  maxContentCodings?: number;
}

export interface UrlopenOptions {
  headers?: HeaderInput;
  /**
   * Request body. Strings and bytes can be replayed on retries; an AsyncIterable cannot, so a
   * request with one is never retried after its body started (urllib3's body_pos rule).
   */
  body?: RequestBody;
  /** Known length of an AsyncIterable body; without it the body goes chunked. */
  bodyLength?: number | null;
  /** Force chunked transfer coding. */
  encodeChunked?: boolean;
  timeout?: TimeoutInput;
  /** Retry policy for this call. A number n means `new Retry({ total: n })`; false: no retries, errors thrown as they are. */
  retries?: Retry | number | false | null;
  /**
   * Follow redirects (urllib3 PoolManager's `redirect`). Default true. Requests passes false and
   * follows them itself.
   */
  redirect?: boolean;
  /**
   * Read the whole body before resolving (the result's `data`). Default true. `'keepErrors'`:
   * read it too, but a failed read does not fail the call: the response comes back with the error
   * in `preloadError` and `data` null, and the read is never retried (Requests reads the body
   * outside urllib3's retries, and reports a broken body only after its hooks ran). `headAt`
   * then tells when the head arrived.
   */
  preloadContent?: boolean | 'keepErrors';
  /** Undo Content-Encoding while reading. Default true. */
  decodeContent?: boolean;
  /** Per-request TLS options (override the manager's). */
  tls?: PoolTlsOptions;
  /** Proxy for this call; null: direct even if the manager has one. undefined: the manager's. */
  proxy?: ProxyConfig | null;
  signal?: AbortSignal;
}

/** One entry of `Retry.history` (urllib3's RequestHistory). */
export interface RequestHistory {
  readonly method: string | null;
  readonly url: string | null;
  readonly error: Error | null;
  readonly status: number | null;
  readonly redirectLocation: string | null;
}

/** Where the response came from. */
export interface ConnectionInfo {
  /** Whether the connection had served a request before this one. */
  readonly reused: boolean;
  readonly secure: boolean;
  /** ALPN protocol negotiated with the origin, null for plain HTTP. */
  readonly alpnProtocol: string | null;
  /** The proxy URL used (credentials removed), or null. */
  readonly proxy: string | null;
}

/**
 * A response. Its body is pulled lazily (unless preloaded) and gives its connection back to the
 * pool when fully read or released; a connection whose response was not complete and
 * well-framed is closed instead. Always consume or release a body (`release()` is cheap).
 */
export interface PoolResponse extends AsyncIterable<Uint8Array> {
  readonly status: number;
  readonly reason: string;
  /** 10 (HTTP/1.0) or 11 (HTTP/1.1). */
  readonly version: 10 | 11;
  /** Flat header list in wire order, original case. */
  readonly headers: HeaderList;
  /** The URL of this response (after pool-level redirects when `redirect` was true). */
  readonly url: string;
  /** The Retry state after this call: its `history` lists every retry and redirect. */
  readonly retries: Retry | null;
  readonly connection: ConnectionInfo;
  /** The whole (decoded) body when `preloadContent` was true, else null. */
  readonly data: Uint8Array | null;
  /** With `preloadContent: 'keepErrors'`: why reading the body failed; undefined otherwise. */
  readonly preloadError?: unknown;
  /** With `preloadContent: 'keepErrors'`: performance.now() when the head arrived, before the body was read. */
  readonly headAt?: number;
  /** performance.now() when this response's exchange started (its connection handed out, or opening). */
  readonly startedAt?: number;
  /** Location when the status is a redirect (301, 302, 303, 307, 308), else null. A false return in urllib3 becomes null. */
  readonly redirectLocation: string | null;
  /** Undecoded body bytes received so far. */
  readonly bytesReceived: number;
  /** True once the body was fully read (or there was none). */
  readonly done: boolean;
  /** The first value of a header (case-insensitive), null if absent. */
  getHeader(name: string): string | null;
  /** All values of a header, in order. */
  getHeaders(name: string): string[];
  /**
   * The next decoded chunk (any size), or null at the end. With `max`, at most `max` bytes.
   * Errors: ProtocolError (incomplete body, bad chunk), ReadTimeoutError, DecodeError.
   */
  read(max?: number): Promise<Uint8Array | null>;
  /** The rest of the body, decoded, in one array. */
  readAll(): Promise<Uint8Array>;
  /** Give up the body: the connection is kept only if the rest was already received, else closed. Idempotent. */
  release(): void;
  /** Read and discard a small remainder (≤ 64 KiB) to keep the connection, else close it. */
  drainAndRelease(): Promise<void>;
  /** Close the connection now (never reused). */
  close(): void;
}

/**
 * @internal What `PoolManager.urlopenFor` hands its outcome to, inside urlopen's own async step:
 * `received` turns the final response into the caller's result, `failed` turns an error into the
 * one to throw.
 */
export interface UrlopenReceiver<T> {
  received(response: PoolResponse): T | Promise<T>;
  failed(error: unknown): unknown;
}

/** The surface requests/ uses; `PoolManager` and `ProxyManager` implement it. */
export interface PoolManagerLike {
  urlopen(method: string, url: string, opts?: UrlopenOptions): Promise<PoolResponse>;
  /** Close every idle connection and forget every pool; in-flight responses finish, then close. */
  clear(): void;
  /** Number of pools currently held (for tests and diagnostics). */
  readonly poolCount: number;
}
