/**
 * multipart/form-data as Requests builds it (models.py `_encode_files` on urllib3's
 * `encode_multipart_formdata` and `RequestField`): `data` fields first, then files; each part
 * `--boundary\r\n` + headers (Content-Disposition, Content-Type, Content-Location, then custom
 * ones) + `\r\n\r\n` + data + `\r\n`; closing `--boundary--\r\n`. Parameters are quoted the
 * HTML5 way (urllib3 1.26 `format_header_param_html5`). The boundary is 32 random hex digits.
 *
 * Unlike Requests, file streams are not read into memory: when any part is a stream the body is
 * an async iterable (with a length when every stream's size is known); otherwise it is bytes.
 */
import { randomBytes } from 'node:crypto';
import { entriesOf, type DictInput } from './structures.js';
import { guessFilename, isStreamLike, pyStr, toBytes, toStream, utf8 } from './body.js';

/** File content: bytes, a string, or a stream (Node Readable, web ReadableStream, Blob, async iterable). */
export type FileContent = string | Uint8Array | ArrayBuffer | Blob | AsyncIterable<unknown> | Iterable<Uint8Array> | NodeJS.ReadableStream;

/** Requests' file tuple forms: `content`, `[filename, content]`, `[filename, content, contentType]`, `[filename, content, contentType, headers]`. */
export type FileSpec =
  | FileContent
  | null
  | readonly [string | null, FileContent | null]
  | readonly [string | null, FileContent | null, string | null]
  | readonly [string | null, FileContent | null, string | null, DictInput<string> | null];

/** A built multipart body: bytes when everything was in memory, else a stream. */
export interface MultipartBody {
  readonly body: Uint8Array | AsyncIterable<Uint8Array>;
  readonly contentType: string;
  /** Total bytes, null when a stream's size is unknown. */
  readonly length: number | null;
}

type Part = { head: Uint8Array; data: Uint8Array } | { head: Uint8Array; stream: AsyncIterable<Uint8Array>; length: number | null };

const CRLF = utf8('\r\n');

/** urllib3's `choose_boundary`: 16 random bytes as hex. */
export function chooseBoundary(): string {
  return randomBytes(16).toString('hex');
}

/** `_encode_files(files, data)`. Throws RangeError/TypeError as Requests' ValueError. */
export function encodeFiles(files: DictInput<FileSpec>, data: DictInput<unknown> | null, boundary = chooseBoundary()): MultipartBody {
  const fileEntries = entriesOf(files);
  if (fileEntries.length === 0) throw new RangeError('Files must be provided.');
  if (typeof data === 'string') throw new TypeError('Data must not be a string.');
  const parts: Part[] = [];
  for (const [field, val] of entriesOf(data ?? {})) {
    for (const v of Array.isArray(val) ? val : [val]) {
      if (v === null || v === undefined) continue;
      parts.push({ head: partHead(boundary, field, null, null, null), data: v instanceof Uint8Array ? v : utf8(pyStr(v)) });
    }
  }
  for (const [field, spec] of fileEntries) {
    const part = filePart(boundary, field, spec);
    if (part !== null) parts.push(part);
  }
  return assemble(parts, boundary);
}

function filePart(boundary: string, field: string, spec: FileSpec): Part | null {
  let filename: string | null;
  let content: FileContent | null;
  let contentType: string | null = null;
  let headers: DictInput<string> | null = null;
  if (Array.isArray(spec)) {
    [filename, content] = spec as [string | null, FileContent | null];
    contentType = (spec[2] as string | null | undefined) ?? null;
    headers = (spec[3] as DictInput<string> | null | undefined) ?? null;
  } else {
    content = spec as FileContent | null;
    filename = guessFilename(content) ?? field;
  }
  if (content === null || content === undefined) return null;
  const head = partHead(boundary, field, filename, contentType, headers);
  if (typeof content === 'string') return { head, data: utf8(content) };
  if (content instanceof Uint8Array || content instanceof ArrayBuffer || ArrayBuffer.isView(content)) return { head, data: toBytes(content) };
  if (isStreamLike(content)) {
    const { stream, length } = toStream(content as object);
    return { head, stream, length };
  }
  return { head, data: utf8(pyStr(content)) };
}

/** `RequestField.make_multipart` + `render_headers`, preceded by the boundary line. */
function partHead(boundary: string, name: string, filename: string | null, contentType: string | null, extra: DictInput<string> | null): Uint8Array {
  let disposition = `form-data; name="${html5Param(name)}"`;
  if (filename !== null) disposition += `; filename="${html5Param(filename)}"`;
  const lines = [`--${boundary}`, `Content-Disposition: ${disposition}`];
  if (contentType !== null && contentType !== '') lines.push(`Content-Type: ${contentType}`);
  for (const [k, v] of entriesOf(extra ?? {})) {
    // make_multipart overwrites these three; the sorted keys come first (urllib3 render_headers).
    if (k === 'Content-Disposition' || k === 'Content-Type' || k === 'Content-Location') continue;
    if (v) lines.push(`${k}: ${v}`);
  }
  return utf8(`${lines.join('\r\n')}\r\n\r\n`);
}

/** urllib3 `format_header_param_html5`: `"` → %22, `\` → `\\`, controls (but ESC) → %XX. */
function html5Param(value: string): string {
  let out = '';
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '%22';
    else if (ch === '\\') out += '\\\\';
    else if (c <= 0x1f && c !== 0x1b) out += `%${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

function assemble(parts: Part[], boundary: string): MultipartBody {
  const contentType = `multipart/form-data; boundary=${boundary}`;
  const tail = utf8(`--${boundary}--\r\n`);
  if (parts.every((p) => 'data' in p)) {
    const chunks: Uint8Array[] = [];
    for (const p of parts as Array<{ head: Uint8Array; data: Uint8Array }>) chunks.push(p.head, p.data, CRLF);
    chunks.push(tail);
    const body = Buffer.concat(chunks);
    return { body, contentType, length: body.length };
  }
  let length: number | null = tail.length;
  for (const p of parts) {
    const size = 'data' in p ? p.data.length : p.length;
    length = length === null || size === null ? null : length + p.head.length + size + CRLF.length;
  }
  return { body: streamParts(parts, tail), contentType, length };
}

async function* streamParts(parts: Part[], tail: Uint8Array): AsyncGenerator<Uint8Array> {
  for (const p of parts) {
    yield p.head;
    if ('data' in p) yield p.data;
    else yield* p.stream;
    yield CRLF;
  }
  yield tail;
}
