// Request bodies as Werkzeug 2.2's FormDataParser reads them: application/x-www-form-urlencoded
// and multipart/form-data (RFC 7578; its MultipartDecoder also accepts bare CR or LF line breaks).
// Any malformed multipart body yields an empty form, as Werkzeug's silent parser does.
import { decodeReplace, parseQuery, type Pairs } from './url.js';

/** One uploaded file part. */
export interface FilePart {
  readonly name: string;
  readonly filename: string;
  /** The part's Content-Type header, if any. */
  readonly contentType: string | undefined;
  readonly content: Buffer;
}

/** The parsed form: `fields` as (name, value) pairs and file parts, both in body order. */
export interface ParsedForm {
  readonly isForm: boolean;
  readonly fields: Pairs;
  readonly files: FilePart[];
}

/** Werkzeug's `parse_options_header`: the lower-cased media type and its parameters. */
export function parseOptionsHeader(value: string | undefined): { type: string; params: Record<string, string> } {
  if (value === undefined || value === '') return { type: '', params: {} };
  const semi = value.indexOf(';');
  const type = (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase();
  const params = Object.create(null) as Record<string, string>;
  if (semi === -1) return { type, params };
  const re = /;\s*([^\s;,=*]+)(\*)?\s*(?:=\s*(?:([\w-]+)'[\w-]*')?("(?:[^"\\]|\\.)*"|[^;,]+))?/gy;
  re.lastIndex = semi;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    const key = m[1]!.toLowerCase();
    let v = m[4] === undefined ? '' : unquoteHeaderValue(m[4].trim());
    if (m[2] !== undefined && m[3] !== undefined) v = decodeExtended(v, m[3]);
    params[key] = v;
  }
  return { type, params };
}

// Werkzeug unquote_header_value: drop the quotes, undo \\ and \" escapes.
function unquoteHeaderValue(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\(["\\])/g, '$1');
  return v;
}

// RFC 2231 / 5987 extended value: charset''percent-encoded.
function decodeExtended(v: string, charset: string): string {
  const bytes = Buffer.from(v.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  return /^utf-?8$/i.test(charset) ? decodeReplace(bytes) : bytes.toString('latin1');
}

const NOT_FORM: ParsedForm = { isForm: false, fields: [], files: [] };
const EMPTY_FORM: ParsedForm = { isForm: true, fields: [], files: [] };

/** Parse `body` according to `contentType` as `request.form` / `request.files` would. */
export function parseForm(contentType: string | undefined, body: Buffer): ParsedForm {
  const { type, params } = parseOptionsHeader(contentType);
  if (type === 'application/x-www-form-urlencoded' || type === 'application/x-url-encoded') {
    return { isForm: true, fields: parseQuery(body.toString('latin1')), files: [] };
  }
  if (type !== 'multipart/form-data') return NOT_FORM;
  const boundary = params['boundary'] ?? '';
  if (boundary === '') return EMPTY_FORM;
  try {
    return parseMultipart(body, Buffer.from(boundary, 'latin1'));
  } catch {
    return EMPTY_FORM;
  }
}

const LB = '(?:\\r\\n|\\n|\\r)';
const HWS = '[^\\S\\n\\r]*';

function escapeRe(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

interface PartHead {
  readonly name: string;
  readonly filename: string | undefined;
  readonly contentType: string | undefined;
}

// Works on the body as a latin1 string so regex offsets are byte offsets.
function parseMultipart(body: Buffer, boundary: Buffer): ParsedForm {
  const text = body.toString('latin1');
  const b = escapeRe(boundary);
  const first = new RegExp(`${LB}?--${b}(--${HWS}${LB}?|${HWS}${LB})`, 'g');
  const next = new RegExp(`${LB}--${b}(--${HWS}${LB}?|${HWS}${LB})`, 'g');
  const m = first.exec(text);
  if (m === null) throw new Error('no boundary');
  const fields: Pairs = [];
  const files: FilePart[] = [];
  let pos = m.index + m[0].length;
  let done = m[1]!.startsWith('--');
  for (let guard = 0; !done && guard < 100_000; guard++) {
    const blank = /\r\n\r\n|\r\r|\n\n/g;
    blank.lastIndex = pos;
    const hm = blank.exec(text);
    if (hm === null) throw new Error('unterminated part head');
    const head = parsePartHead(text.slice(pos, hm.index));
    next.lastIndex = hm.index + hm[0].length;
    const dm = next.exec(text);
    if (dm === null) throw new Error('unterminated part');
    const data = body.subarray(hm.index + hm[0].length, dm.index);
    addPart(head, Buffer.from(data), fields, files);
    pos = dm.index + dm[0].length;
    done = dm[1]!.startsWith('--');
  }
  return { isForm: true, fields, files };
}

function parsePartHead(raw: string): PartHead {
  const headers = new Map<string, string>();
  // RFC 2231-style continuation lines are folded into one line first.
  const unfolded = raw.replace(/(?:\r\n|\n|\r)[ \t]/g, ' ');
  for (const line of unfolded.split(/\r\n|\n|\r/)) {
    if (line.trim() === '') continue;
    const decoded = Buffer.from(line, 'latin1').toString('utf8').trim();
    const colon = decoded.indexOf(':');
    if (colon === -1) throw new Error('bad part header');
    const key = decoded.slice(0, colon).trim().toLowerCase();
    if (!headers.has(key)) headers.set(key, decoded.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition');
  if (disposition === undefined) throw new Error('Missing Content-Disposition header');
  const { params } = parseOptionsHeader(disposition);
  // A part without a name is filed under None, which Flask's JSON writes as "null".
  return { name: params['name'] ?? 'null', filename: params['filename'], contentType: headers.get('content-type') };
}

function addPart(head: PartHead, data: Buffer, fields: Pairs, files: FilePart[]): void {
  if (head.filename !== undefined) {
    files.push({ name: head.name, filename: head.filename, contentType: head.contentType, content: data });
    return;
  }
  // Werkzeug decodes a field with its part's charset, UTF-8 by default, errors="replace".
  const charset = parseOptionsHeader(head.contentType).params['charset'];
  const latin = charset !== undefined && /^(latin-?1|iso-?8859-?1)$/i.test(charset);
  fields.push([head.name, latin ? data.toString('latin1') : decodeReplace(data)]);
}
