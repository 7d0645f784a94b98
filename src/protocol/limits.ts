/**
 * Every bound the protocol core enforces, named once. A response that exceeds one fails with a
 * ProtocolError whose code names the limit; nothing grows without bound on a hostile peer.
 */

/**
 * Longest status, header, chunk-size or trailer line, terminator included.
 * CPython http.client: `_MAXLINE = 65536` (readline(_MAXLINE + 1), then `len(line) > _MAXLINE`).
 */
export const MAX_LINE_BYTES = 65536;

/**
 * CPython http.client `_MAXHEADERS = 100`: the most lines of a head's field section, counted as
 * CPython counts them, the terminating blank line included, so 99 fields pass and 100 fail.
 */
export const MAX_HEADERS = 100;

/**
 * Most bytes in one response head (status line + fields + blank line). CPython has no total
 * bound beyond 100 × 64 KiB; we choose 256 KiB: 16× Node's and undici's 16 KiB default, so real
 * servers (large Set-Cookie, CSP headers) pass while a hostile peer cannot make us hold megabytes.
 */
export const MAX_HEAD_BYTES = 256 * 1024;

/**
 * Most bytes of chunk extensions on one chunk-size line. RFC 9112 §7.1.1 leaves the bound to
 * the recipient; extensions carry nothing we use, so 4 KiB is generous.
 */
export const MAX_CHUNK_EXT_BYTES = 4096;

/** Most bytes in a chunked body's trailer section (RFC 9112 §7.1.2), blank line included. */
export const MAX_TRAILER_BYTES = 64 * 1024;

/** Most trailer fields; the same bound as header fields (CPython: _MAXHEADERS for trailers). */
export const MAX_TRAILERS = MAX_HEADERS;

/** Most interim (1xx) responses skipped before the final one. */
export const MAX_INTERIM_RESPONSES = 32;

/** Most hex digits in a chunk size (2^52 fits a JavaScript number exactly). */
export const MAX_CHUNK_SIZE_DIGITS = 13;
