/**
 * The events the sans-I/O core emits (and accepts, for the request side): a closed,
 * discriminated union on `type`. `NEED_DATA` and `PAUSED` are singletons, compared by identity.
 */

/** Flat header list [name0, value0, ...], wire order, original case (same shape as engine/types.ts). */
export type HeaderList = string[];

/** A final response head (structurally engine/types.ts `ResponseHead`; protocol/ cannot import engine/). */
export interface ResponseHead {
  /** 10 for HTTP/1.0, 11 for HTTP/1.x (x ≥ 1), as http.client's `version`. */
  version: 10 | 11;
  status: number;
  /** Reason phrase, '' when absent. */
  reason: string;
  headers: HeaderList;
  /** Chunked transfer coding. */
  chunked: boolean;
  /** Content-Length when length-delimited, 0 when bodiless, null otherwise. */
  length: number | null;
  /** The connection cannot be reused after this response. */
  willClose: boolean;
}

/** A 1xx interim response that precedes the final one (RFC 9110 §15.2); the core skips it after emitting. */
export interface InformationalEvent {
  readonly type: 'informational';
  readonly version: 10 | 11;
  readonly status: number;
  readonly reason: string;
  readonly headers: HeaderList;
}

/** The final response head with its framing decided (RFC 9112 §6.3). */
export interface ResponseEvent extends ResponseHead {
  readonly type: 'response';
}

/** Body bytes: a view into a received chunk, valid as long as the caller keeps it. */
export interface DataEvent {
  readonly type: 'data';
  readonly data: Uint8Array;
}

/** The end of a message; `trailers` for a chunked body (possibly empty), else null. */
export interface EndOfMessageEvent {
  readonly type: 'end';
  readonly trailers: HeaderList | null;
}

/** More bytes are needed before the next event. */
export const NEED_DATA = Object.freeze({ type: 'need-data' as const });
/** Nothing to read in this state (no response expected, or the response already ended). */
export const PAUSED = Object.freeze({ type: 'paused' as const });

export type ReceiveEvent = InformationalEvent | ResponseEvent | DataEvent | EndOfMessageEvent;
export type NextEvent = ReceiveEvent | typeof NEED_DATA | typeof PAUSED;

/** Request side: the head; framing per writers.chooseFraming unless `addFraming` is false. */
export interface RequestEvent {
  readonly type: 'request';
  readonly method: string;
  readonly target: string;
  readonly headers: HeaderList;
  /** Body length; null: unknown (chunked); undefined: no body. */
  readonly bodyLength?: number | null | undefined;
  readonly encodeChunked?: boolean;
  readonly addFraming?: boolean;
}

export type SendEvent = RequestEvent | DataEvent | { readonly type: 'end' };
