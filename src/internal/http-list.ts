/**
 * CPython urllib.request.parse_http_list (RFC 2068 §2 lists): items split at commas, except
 * inside double-quoted strings (backslash escapes kept verbatim); each item stripped. Shared by
 * Requests' header utilities and urllib's auth handlers, which may not import each other.
 */
export function parseHttpList(s: string): string[] {
  const res: string[] = [];
  let part = '';
  let escape = false;
  let quote = false;
  for (const cur of s) {
    if (escape) {
      part += cur;
      escape = false;
    } else if (quote) {
      if (cur === '\\') escape = true;
      else {
        if (cur === '"') quote = false;
        part += cur;
      }
    } else if (cur === ',') {
      res.push(part);
      part = '';
    } else {
      if (cur === '"') quote = true;
      part += cur;
    }
  }
  if (part) res.push(part);
  return res.map((p) => p.trim());
}
