/**
 * Header parsing helpers of requests/utils.py: `parse_http_list` (urllib.request),
 * `parse_dict_header`, `unquote_header_value`, `_parse_content_type_header`,
 * `get_encoding_from_headers`, `parse_header_links`, `guess_json_utf`.
 */
import { parseHttpList } from '../internal/http-list.js';

/** werkzeug's unquote_header_value as Requests ships it. */
export function unquoteHeaderValue(value: string, isFilename = false): string {
  if (value.length > 0 && value[0] === '"' && value[value.length - 1] === '"') {
    const inner = value.slice(1, -1);
    if (!isFilename || !inner.startsWith('\\\\')) return inner.replace(/\\\\/g, '\\').replace(/\\"/g, '"');
    return inner;
  }
  return value;
}

/** requests.utils.parse_dict_header: `a=1, b="x, y", c` → { a: '1', b: 'x, y', c: null }. */
export function parseDictHeader(value: string): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const item of parseHttpList(value)) {
    const eq = item.indexOf('=');
    if (eq === -1) {
      result[item] = null;
      continue;
    }
    const name = item.slice(0, eq);
    let v = item.slice(eq + 1);
    if (v.length >= 1 && v[0] === '"' && v[v.length - 1] === '"') v = unquoteHeaderValue(v.slice(1, -1));
    result[name] = v;
  }
  return result;
}

/** `_parse_content_type_header`: the media type and lower-cased parameters (`true` for bare ones). */
export function parseContentType(header: string): [string, Record<string, string | true>] {
  const tokens = header.split(';');
  const params: Record<string, string | true> = {};
  for (const raw of tokens.slice(1)) {
    const param = raw.trim();
    if (param === '') continue;
    const eq = param.indexOf('=');
    if (eq === -1) {
      params[param.toLowerCase()] = true;
      continue;
    }
    params[stripChars(param.slice(0, eq).trim(), `"' `).toLowerCase()] = stripChars(param.slice(eq + 1).trim(), `"' `);
  }
  return [(tokens[0] ?? '').trim(), params];
}

/** Python's `str.strip(chars)`. */
export function stripChars(s: string, chars: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && chars.includes(s[a] ?? '')) a++;
  while (b > a && chars.includes(s[b - 1] ?? '')) b--;
  return s.slice(a, b);
}

/** `get_encoding_from_headers`: charset param; text/* → ISO-8859-1; application/json → utf-8; else null. */
export function getEncodingFromHeaders(contentType: string | undefined | null): string | null {
  if (contentType === undefined || contentType === null || contentType === '') return null;
  // Every response is asked; a client mostly sees one content type again and again.
  if (contentType === lastEncoding.contentType) return lastEncoding.encoding;
  const encoding = encodingFromContentType(contentType);
  lastEncoding = { contentType, encoding };
  return encoding;
}

let lastEncoding: { contentType: string; encoding: string | null } = { contentType: '', encoding: null };

function encodingFromContentType(contentType: string): string | null {
  if (!contentType.includes(';')) return encodingForType(contentType.trim());
  const [type, params] = parseContentType(contentType);
  const charset = params['charset'];
  if (charset !== undefined) return charset === true ? 'True' : stripChars(charset, `'"`);
  return encodingForType(type);
}

/** The default charset of a media type without one (RFC 2616 text/*, RFC 4627 JSON). */
function encodingForType(type: string): string | null {
  if (type.includes('text')) return 'ISO-8859-1';
  if (type.includes('application/json')) return 'utf-8';
  return null;
}

/** `parse_header_links`: `<url>; rel=next, <url2>; rel=last` → [{ url, rel }, ...]. */
export function parseHeaderLinks(value: string): Array<Record<string, string>> {
  const links: Array<Record<string, string>> = [];
  const replace = ` '"`;
  const v = stripChars(value, replace);
  if (v === '') return links;
  for (const val of v.split(/, *</)) {
    const semi = val.indexOf(';');
    const url = semi === -1 ? val : val.slice(0, semi);
    const params = semi === -1 ? '' : val.slice(semi + 1);
    const link: Record<string, string> = { url: stripChars(url, `<> '"`) };
    for (const param of params.split(';')) {
      const pieces = param.split('=');
      if (pieces.length !== 2) break;
      link[stripChars(pieces[0] ?? '', replace)] = stripChars(pieces[1] ?? '', replace);
    }
    links.push(link);
  }
  return links;
}

/** `guess_json_utf`: the UTF flavour of a JSON document from its first four bytes (null if unsure). */
export function guessJsonUtf(data: Uint8Array): string | null {
  const s = data.subarray(0, 4);
  const b = (i: number): number => s[i] ?? -1;
  if ((b(0) === 0xff && b(1) === 0xfe && b(2) === 0 && b(3) === 0) || (b(0) === 0 && b(1) === 0 && b(2) === 0xfe && b(3) === 0xff)) return 'utf-32';
  if (b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf) return 'utf-8-sig';
  if ((b(0) === 0xff && b(1) === 0xfe) || (b(0) === 0xfe && b(1) === 0xff)) return 'utf-16';
  const nulls = [...s].filter((x) => x === 0).length;
  if (nulls === 0) return 'utf-8';
  if (nulls === 2) {
    if (b(0) === 0 && b(2) === 0) return 'utf-16-be';
    if (b(1) === 0 && b(3) === 0) return 'utf-16-le';
  }
  if (nulls === 3) {
    if (b(0) === 0 && b(1) === 0 && b(2) === 0) return 'utf-32-be';
    if (b(1) === 0 && b(2) === 0 && b(3) === 0) return 'utf-32-le';
  }
  return null;
}
