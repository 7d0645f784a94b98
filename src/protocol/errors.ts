/**
 * The protocol core's one error class. Each failure carries a machine-readable `code`; the
 * public layers translate it (client/ into http.client's HTTPException tree, pool/ and requests/
 * into Requests' tree) in exactly one function per boundary, keeping this error as `cause`.
 */

export type ProtocolErrorCode =
  /** Request side: bad method, target, header name or value; nothing was written. */
  | 'INVALID_REQUEST'
  /** A status or header line longer than MAX_LINE_BYTES (CPython: LineTooLong). */
  | 'LINE_TOO_LONG'
  /** More than MAX_HEADERS header fields (CPython: "got more than 100 headers"). */
  | 'TOO_MANY_HEADERS'
  /** The whole response head (status line + headers) exceeds MAX_HEAD_BYTES. */
  | 'HEAD_TOO_LARGE'
  /** The status line is not HTTP/1.x NNN [reason] (CPython: BadStatusLine); `line` holds it. */
  | 'BAD_STATUS_LINE'
  /** The status line names a protocol other than HTTP/1.x, e.g. HTTP/2.0 (CPython: UnknownProtocol); `line` holds the version. */
  | 'UNKNOWN_PROTOCOL'
  /** A header line that is not `name: value` (obs-fold, space before colon, bare CR, NUL...). */
  | 'BAD_HEADER'
  /** Content-Length invalid, or several conflicting values. */
  | 'BAD_CONTENT_LENGTH'
  /** Transfer-Encoding the client cannot read (CPython: UnknownTransferEncoding). */
  | 'UNKNOWN_TRANSFER_ENCODING'
  /** Malformed chunk size line, extension or trailer, or an over-long extension. */
  | 'BAD_CHUNK'
  /** More interim (1xx) responses than MAX_INTERIM_RESPONSES. */
  | 'TOO_MANY_INTERIM'
  /** The peer closed before sending any byte of a status line (CPython: RemoteDisconnected). */
  | 'REMOTE_DISCONNECTED'
  /** The peer closed in the middle of the head or the body (CPython: IncompleteRead). */
  | 'INCOMPLETE'
  /** An event was sent in a state that does not allow it (a bug in the caller). */
  | 'ILLEGAL_STATE';

export class ProtocolError extends Error {
  override name = 'ProtocolError';
  /** The offending line (status line or header line) where there is one, latin-1 decoded. */
  line?: string;
  /** For INCOMPLETE: the body bytes received in the current read before the close. */
  partial?: Uint8Array;
  /** For INCOMPLETE: how many more bytes were expected, or null when unknown (chunked). */
  expected?: number | null;

  constructor(readonly code: ProtocolErrorCode, message: string, extra?: { line?: string; partial?: Uint8Array; expected?: number | null; cause?: unknown }) {
    super(message, extra?.cause === undefined ? undefined : { cause: extra.cause });
    if (extra?.line !== undefined) this.line = extra.line;
    if (extra?.partial !== undefined) this.partial = extra.partial;
    if (extra?.expected !== undefined) this.expected = extra.expected;
  }
}
