// Request bodies as Werkzeug 2.2's FormDataParser reads them: application/x-www-form-urlencoded
// and multipart/form-data (RFC 7578; its MultipartDecoder also accepts bare CR or LF line breaks).
// Any malformed multipart body yields an empty form, as Werkzeug's silent parser does.
import { decodeReplace, decodeStrict, parseQuery, type Pairs } from './url.js';

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

// Werkzeug 2.2 _option_header_piece_re: `; key[*n][*=charset'lang'|=]value`, quoted or token.
const PIECE = /;\s*,?\s*("[^"\\]*(?:\\.[^"\\]*)*"|[^\s;,=*]+)(?:\*(\d+))?\s*(?:(?:\*\s*=\s*(?:(\S+?)'(\S*?)')?|=\s*)("[^"\\]*(?:\\.[^"\\]*)*"|[^;,]+)?)?\s*/y;

/**
 * Werkzeug's `parse_options_header`: the lower-cased media type and its parameters. Parameters
 * are only read when `;` or `,` follows the type directly ("type ; a=b" has none), and reading
 * stops at the first piece that does not parse, as Werkzeug's loop does.
 */
export function parseOptionsHeader(value: string | undefined): { type: string; params: Record<string, string> } {
  const params = Object.create(null) as Record<string, string>;
  const head = value ? /^,\s*([^;,\s]+)([;,]\s*[\s\S]+)?/.exec(',' + value.replace(/\n/g, ',')) : null;
  if (head === null) return { type: '', params };
  let rest = head[2] ?? '';
  let continued: string | undefined;
  for (let guard = 0; rest !== '' && guard < 1000; guard++) {
    PIECE.lastIndex = 0;
    const m = PIECE.exec(rest);
    if (m === null) break;
    let encoding = m[3];
    if (m[2] === undefined) continued = undefined;
    else continued = encoding = encoding ?? continued;
    const option = unquoteHeaderValue(m[1]!, false).toLowerCase();
    let optionValue = m[5] === undefined ? undefined : unquoteHeaderValue(m[5], option === 'filename');
    if (optionValue !== undefined && encoding !== undefined) optionValue = decodeExtended(optionValue, encoding);
    if (m[2] === undefined) {
      if (optionValue !== undefined) params[option] = optionValue;
      else delete params[option];
    } else if (optionValue !== undefined) {
      params[option] = (params[option] ?? '') + optionValue;
    }
    rest = rest.slice(m[0].length);
  }
  return { type: head[1]!.toLowerCase(), params };
}

// Werkzeug unquote_header_value: drop the quotes, undo \\ and \" escapes (not for UNC filenames).
function unquoteHeaderValue(v: string, isFilename: boolean): string {
  if (v.length === 0 || v[0] !== '"' || v[v.length - 1] !== '"') return v;
  const inner = v.slice(1, -1);
  if (isFilename && inner.startsWith('\\\\')) return inner;
  return inner.replace(/\\\\/g, '\\').replace(/\\"/g, '"');
}

// RFC 2231 / 5987 extended value: percent-decoded bytes in the named charset (strict, as Python).
function decodeExtended(v: string, charset: string): string {
  const bytes = Buffer.from(v.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  if (/^utf-?8$/i.test(charset)) {
    const text = decodeStrict(bytes);
    if (text === undefined) throw new Error('undecodable extended parameter');
    return text;
  }
  if (/^(latin-?1|iso-?8859-?1|l1)$/i.test(charset)) return bytes.toString('latin1');
  if (/^(us-)?ascii$/i.test(charset) && bytes.every((b) => b < 128)) return bytes.toString('latin1');
  throw new Error(`unsupported charset ${charset}`);
}

const NOT_FORM: ParsedForm = { isForm: false, fields: [], files: [] };
const EMPTY_FORM: ParsedForm = { isForm: true, fields: [], files: [] };

/** Parse `body` according to `contentType` as `request.form` / `request.files` would. */
export function parseForm(contentType: string | undefined, body: Buffer): ParsedForm {
  let parsed: ReturnType<typeof parseOptionsHeader>;
  try {
    parsed = parseOptionsHeader(contentType);
  } catch {
    return NOT_FORM;
  }
  const { type, params } = parsed;
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
