/**
 * Case-insensitive checks for URLs, schemes and methods on the request path, without building a
 * lower- or upper-cased copy (they run on every request).
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

/** `s.toUpperCase()`, but `s` itself when it has no ASCII lower-case letter and no other character (no new string). */
export function upperCased(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || c >= 0x80) return s.toUpperCase();
  }
  return s;
}

function isAsciiLetter(c: number): boolean {
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x7a;
}
