/**
 * Case-insensitive prefix checks for URLs and schemes on the request path, without building a
 * lower-cased copy of the URL (they run on every request).
 */

/** `s.toLowerCase().startsWith(prefix.toLowerCase())`, ASCII letters folded, other characters by toLowerCase. */
export function startsWithIgnoreCase(s: string, prefix: string): boolean {
  if (s.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const a = s.charCodeAt(i);
    const b = prefix.charCodeAt(i);
    if (a === b) continue;
    if (a < 0x80 || b < 0x80) {
      if ((a | 0x20) !== (b | 0x20) || !isAsciiLetter(a)) return false;
    } else if (s[i]!.toLowerCase() !== prefix[i]!.toLowerCase()) {
      return false;
    }
  }
  return true;
}

function isAsciiLetter(c: number): boolean {
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x7a;
}
