/**
 * Python's codec errors for httpkit/parse. CPython's UnicodeError is a ValueError, and API.md maps
 * ValueError to RangeError, so the tree hangs off RangeError; LookupError (unknown codec or error
 * handler) is a bad-argument error too, so it is a RangeError as well.
 */

/** Base of the codec errors (CPython: UnicodeError, a ValueError). */
export class UnicodeError extends RangeError {
  override name = 'UnicodeError';
}

/** Thrown when a string cannot be encoded (CPython: UnicodeEncodeError). */
export class UnicodeEncodeError extends UnicodeError {
  override name = 'UnicodeEncodeError';
  /**
   * @param encoding codec name as CPython prints it ('utf-8', 'ascii', 'latin-1')
   * @param object the string being encoded
   * @param start first bad code point (code-point index, as Python counts)
   * @param end one past the last bad code point
   * @param reason CPython's reason text ('surrogates not allowed', 'ordinal not in range(128)')
   */
  constructor(
    readonly encoding: string,
    readonly object: string,
    readonly start: number,
    readonly end: number,
    readonly reason: string,
    badText: string,
  ) {
    super(end - start === 1
      ? `'${encoding}' codec can't encode character ${badText} in position ${start}: ${reason}`
      : `'${encoding}' codec can't encode characters in position ${start}-${end - 1}: ${reason}`);
  }
}

/** Thrown when bytes cannot be decoded (CPython: UnicodeDecodeError). */
export class UnicodeDecodeError extends UnicodeError {
  override name = 'UnicodeDecodeError';
  /** start/end are byte offsets into `object`. */
  constructor(
    readonly encoding: string,
    readonly object: Uint8Array,
    readonly start: number,
    readonly end: number,
    readonly reason: string,
  ) {
    super(end - start === 1
      ? `'${encoding}' codec can't decode byte 0x${hex2(object[start] ?? 0)} in position ${start}: ${reason}`
      : `'${encoding}' codec can't decode bytes in position ${start}-${end - 1}: ${reason}`);
  }
}

/** Unknown codec or error-handler name (CPython: LookupError). */
export class LookupError extends RangeError {
  override name = 'LookupError';
}

function hex2(b: number): string {
  return (b < 16 ? '0' : '') + b.toString(16);
}
