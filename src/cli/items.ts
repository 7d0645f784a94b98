/**
 * HTTPie's request-item syntax (httpie/cli/argtypes.py + requestitems.py), pure parsing:
 *
 *   Header:Value   header            Header:       remove a default header    Header;   empty header
 *   Header:@file   header value read from a file
 *   name==value    query parameter   name==@file   query value from a file
 *   field=value    data field (a JSON string, or a form field with --form)
 *   field:=json    raw JSON value    field:=@file  raw JSON read from a file
 *   field=@file    data field whose value is the file's text
 *   field@file     file upload (multipart; needs --form). `field@file;type=mime/type` sets its type.
 *
 * Separator choice, as HTTPie: the leftmost separator wins; of several starting at the same
 * position, the longest. A backslash escapes a separator character (`a\:b:c` is header `a:b`).
 */

/** Every separator, as HTTPie names them. */
export const SEP = {
  header: ':',
  headerEmpty: ';',
  headerFile: ':@',
  query: '==',
  queryFile: '==@',
  data: '=',
  dataFile: '=@',
  json: ':=',
  jsonFile: ':=@',
  file: '@',
} as const;

export type Separator = (typeof SEP)[keyof typeof SEP];

// Sorted by length so a longer separator at the same position replaces a shorter one (HTTPie).
const SEPARATORS: readonly Separator[] = (Object.values(SEP) as Separator[]).sort((a, b) => a.length - b.length);
const SPECIAL = new Set(SEPARATORS.join(''));

/** Separators that carry request data (their presence makes the default method POST). */
export const DATA_SEPARATORS: ReadonlySet<Separator> = new Set([SEP.data, SEP.dataFile, SEP.json, SEP.jsonFile, SEP.file]);

/** One parsed request item. */
export interface Item {
  key: string;
  value: string;
  sep: Separator;
  /** The argument as typed. */
  orig: string;
}

/** An item argument that matches no separator. */
export class ItemSyntaxError extends Error {
  constructor(arg: string) {
    super(`${JSON.stringify(arg)} is not a valid value`);
    this.name = 'ItemSyntaxError';
  }
}

type Token = { text: string; escaped: boolean };

/** Splits on backslash escapes of separator characters; other backslashes stay as typed. */
function tokenize(s: string): Token[] {
  const tokens: Token[] = [{ text: '', escaped: false }];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== '\\') {
      tokens[tokens.length - 1]!.text += ch;
      continue;
    }
    const next = s[++i] ?? '';
    if (SPECIAL.has(next)) tokens.push({ text: next, escaped: true }, { text: '', escaped: false });
    else tokens[tokens.length - 1]!.text += '\\' + next;
  }
  return tokens;
}

/** Leftmost, then longest separator in `text`, or null. */
function findSeparator(text: string): { pos: number; sep: Separator } | null {
  let best: { pos: number; sep: Separator } | null = null;
  for (const sep of SEPARATORS) {
    const pos = text.indexOf(sep);
    if (pos < 0) continue;
    if (!best || pos < best.pos || (pos === best.pos && sep.length >= best.sep.length)) best = { pos, sep };
  }
  return best;
}

/** Parses one `key<sep>value` argument. Throws ItemSyntaxError when it has no separator. */
export function parseItem(arg: string): Item {
  const tokens = tokenize(arg);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.escaped) continue;
    const found = findSeparator(tok.text);
    if (!found) continue;
    const before = tokens.slice(0, i).map((t) => t.text).join('');
    const after = tokens.slice(i + 1).map((t) => t.text).join('');
    return {
      key: before + tok.text.slice(0, found.pos),
      value: tok.text.slice(found.pos + found.sep.length) + after,
      sep: found.sep,
      orig: arg,
    };
  }
  throw new ItemSyntaxError(arg);
}

/** True when `arg` parses as an item (used to tell `METHOD URL` from `URL ITEM`). */
export function isItem(arg: string): boolean {
  try {
    parseItem(arg);
    return true;
  } catch {
    return false;
  }
}

/** `path;type=mime` of a file upload → path and optional MIME type (HTTPie's SEPARATOR_FILE_UPLOAD_TYPE). */
export function splitUploadType(value: string): { path: string; type: string | null } {
  const i = value.lastIndexOf(';type=');
  if (i < 0) return { path: value, type: null };
  return { path: value.slice(0, i), type: value.slice(i + ';type='.length) || null };
}
