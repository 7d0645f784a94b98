/**
 * Chunking and line splitting for streamed bodies: fixed-size re-chunking (urllib3's
 * `stream(amt)`), and Requests' `iter_lines` algorithm with Python's `splitlines` rules (bytes:
 * \n, \r, \r\n; str additionally \v \f \x1c-\x1e \x85 \u2028 \u2029). Faithful to Requests,
 * including its known quirk: a \r\n split across two chunks yields an extra empty line.
 */

/** Re-chunks a byte stream into pieces of exactly `size` bytes (the last may be shorter); null: unchanged. */
export async function* sliceChunks(source: AsyncIterable<Uint8Array>, size: number | null): AsyncGenerator<Uint8Array> {
  if (size === null || size <= 0) {
    yield* source;
    return;
  }
  // Whole pieces inside one source chunk go out as views, and a piece that straddles chunks is
  // joined from views: each byte is copied at most once. Views are safe to keep: the pool's
  // chunks are never overwritten (engine/types.ts, BodyReader) and decoded chunks are fresh.
  let pieces: Uint8Array[] = [];
  let pending = 0;
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    let pos = 0;
    if (pending > 0) {
      const take = Math.min(size - pending, chunk.length);
      pieces.push(take === chunk.length ? chunk : chunk.subarray(0, take));
      pending += take;
      pos = take;
      if (pending < size) continue;
      yield Buffer.concat(pieces, size);
      pieces = [];
      pending = 0;
    }
    // A chunk of exactly `size` (a 64 KiB read for chunkSize 65536) goes on as it is, no view.
    if (pos === 0 && chunk.length === size) {
      yield chunk;
      continue;
    }
    for (; chunk.length - pos >= size; pos += size) yield chunk.subarray(pos, pos + size);
    if (pos < chunk.length) {
      pieces.push(pos === 0 ? chunk : chunk.subarray(pos));
      pending = chunk.length - pos;
    }
  }
  if (pending > 0) yield pieces.length === 1 ? (pieces[0] as Uint8Array) : Buffer.concat(pieces, pending);
}

const STR_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/** Python `str.splitlines()`. */
export function splitLinesStr(s: string): string[] {
  if (s === '') return [];
  const parts = s.split(new RegExp(STR_BREAKS.source, 'g'));
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Python `bytes.splitlines()`. */
export function splitLinesBytes(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c !== 0x0a && c !== 0x0d) continue;
    out.push(b.subarray(start, i));
    if (c === 0x0d && b[i + 1] === 0x0a) i++;
    start = i + 1;
  }
  if (start < b.length) out.push(b.subarray(start));
  return out;
}

function splitOn(chunk: Uint8Array | string, delimiter: string | Uint8Array): Array<Uint8Array | string> {
  if (typeof chunk === 'string') return chunk.split(typeof delimiter === 'string' ? delimiter : Buffer.from(delimiter).toString('latin1'));
  const delim = typeof delimiter === 'string' ? Buffer.from(delimiter, 'utf8') : delimiter;
  const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = buf.indexOf(delim, start); i !== -1; i = buf.indexOf(delim, start)) {
    out.push(buf.subarray(start, i));
    start = i + delim.length;
  }
  out.push(buf.subarray(start));
  return out;
}

function concat(a: Uint8Array | string, b: Uint8Array | string): Uint8Array | string {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  return Buffer.concat([toBuf(a), toBuf(b)]);
}

function toBuf(x: Uint8Array | string): Uint8Array {
  return typeof x === 'string' ? Buffer.from(x, 'utf8') : x;
}

function lastUnit(x: Uint8Array | string): number | string | undefined {
  return typeof x === 'string' ? x[x.length - 1] : x[x.length - 1];
}

/** Requests' `iter_lines` over chunks (bytes, or strings when decoded). */
export async function* iterLinesOf(chunks: AsyncIterable<Uint8Array | string>, delimiter: string | Uint8Array | null): AsyncGenerator<Uint8Array | string> {
  let pending: Uint8Array | string | null = null;
  for await (const piece of chunks) {
    const chunk: Uint8Array | string = pending !== null ? concat(pending, piece) : piece;
    let lines: Array<Uint8Array | string>;
    if (delimiter !== null && delimiter.length > 0) lines = splitOn(chunk, delimiter);
    else lines = typeof chunk === 'string' ? splitLinesStr(chunk) : splitLinesBytes(chunk);
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length > 0 && chunk.length > 0 && lastUnit(last) === lastUnit(chunk)) {
      pending = copyOf(lines.pop() as Uint8Array | string);
    } else {
      pending = null;
    }
    for (const line of lines) yield typeof line === 'string' ? line : new Uint8Array(line);
  }
  if (pending !== null) yield pending;
}

function copyOf(x: Uint8Array | string): Uint8Array | string {
  return typeof x === 'string' ? x : new Uint8Array(x);
}
