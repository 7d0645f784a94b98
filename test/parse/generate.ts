// Seeded generator of URL-like inputs for the differential test against CPython's urllib.parse.
// Everything derives from one mulberry32 stream, so a seed reproduces the exact case list.

/** One call: function name, positional args, options (camelCase keys, as httpkit takes them). */
export interface Case {
  f: string;
  a: unknown[];
  k?: Record<string, unknown>;
}

/** Wire form of bytes (Python side: bytes(list)). */
export interface WireBytes {
  b: number[];
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCHEMES = ['http', 'https', 'HTTP', 'HtTpS', 'ftp', 'file', 'mailto', 'news', 'sip', 'tel', 'svn+ssh', 'git+ssh',
  'ws', 'wss', 'a.b-c+d', '1abc', 'x', 'javascript', 'data', 'urn', 'h\tttp', 'ht tp', 'é', '+a', 'rsync', 'nfs', 'hdl', 'prospero'];
const USERINFO = ['', '', '', 'user@', 'user:pass@', 'u@v@', ':@', '@', 'us%40er:p%3Ass@', '[::1]@', 'ü@', 'a:b:c@', 'user:@', 'x]@', ' @'];
const HOSTS = ['example.com', 'EXAMPLE.Com', '127.0.0.1', 'a', '[::1]', '[::1%eth0]', '[::1%25eth0]', '[fe80::1%tESt]', '[v1.x]',
  '[v1.]', '[vg.x]', '[V1.x]', '[v1a.b:c]', '[1.2.3.4]', '[::ffff:1.2.3.4]', '[::ffff:1.2.3.04]', '[::ffff:1.2.3]', '[1:2:3:4:5:6:7:8]',
  '[1:2:3:4:5:6:7:8:9]', '[::]', '[:::]', '[1::2::3]', '[12345::]', '[g::]', '[', ']', 'a[b', 'a]b', '[::1', '::1]', '[::1]x',
  'x[::1]', '[::1][', '[]', '[%]', '[::1%]', '[::1%a%b]', '[1:2:3:4:5:6:7::]', '[::2:3:4:5:6:7:8]', '[1:2:3:4:5:6::7:8]',
  '[:1:2:3:4:5:6:7]', '[1:2:3:4:5:6:7:]', '[0:0:0:0:0:0:1.2.3.4]', '[::1.2.3.4]', '[ABCD:ef01::]', '[::1 ]', '[v1.x\u00e9]',
  'xn--nxasmq6b', 'ÄÖÜ.de', 'ex\u2100ample', '\uff1a', 'a\uff03b', '\u2048', 'münchen', '😀.com', '\ud800', 'ΑΣ', 'İSTANBUL',
  '', 'a b', 'a%20b', '%zz', 'host\u0000', '\ufe6b', 'a\uff0fb', '\u2101', 'ǅ', 'ẞ', 'K', 'Å'];
const PORTS = ['', '', '', ':', ':80', ':0', ':65535', ':65536', ':080', ':-1', ':+1', ':8o', ':١٢', ':99999999999999999999',
  ': 80', ':80 ', ':0000000080', '::80', ':80:90', ':²', ':' + '9'.repeat(4301), ':' + '0'.repeat(4300)];
const PATHS = ['', '/', '/a/b', '/a/./b/../c', '//x', 'a/b', '/p;params', '/p;a;b/c;d', ';x', '/%', '/%2', '/%zz', '/%C3%A9', '/é',
  '/😀', '/\ud800', '/\udc00x', '/a b', '/..', '/../..', '/a/b/', '/~user', '/%7e', '/a+b', '/%2B%2b', '/%e2%82', '/%ff%fe',
  '/%ED%A0%80', '/%F0%9F%98%80', '/%c3', '/a%', ':b', '/a:b', '/a@b'];
const QUERIES = ['', '', '?', '?a=1', '?a=1&b=2;c', '?a=%20+b', '?x?y', '?a=&b', '?=x', '?%3D=%26', '?a=é', '?a=%E9', '?&&a=1&&'];
const FRAGMENTS = ['', '', '#', '#f', '#a#b', '#f?q', '#%20', '#é'];
const PREFIXES = ['', '', '', ' ', '\u0000', '\t', '  \u001f', '\u007f', '\u00a0', '\n', '\r\n ', '\u0001\u0002'];
const CHAR_POOL = ['Ɤ', 'Σ', '\u{10d50}', '：', '\t', '\n', '\r', ' ', '%', '%2', '%41', '%zz', '#', '?', '&', '=', '+', ';', ':', '@', '/', '[', ']', '\\',
  '\u0000', '\u007f', 'é', '\u00a0', '😀', '\ud800', '\udfff', '\u2100', '\uff1a', 'ß', 'İ', '~', '.', '..', ',', '"', "'"];

// Case-mapping and NFKC corners: final sigma, dotted I, Kelvin, ligatures, fullwidth and small
// forms of URL delimiters, characters newer than Python 3.11's Unicode 14, Deseret, math letters.
const UNICODE_POOL = ['Σ', 'ΑΣ', 'σ', 'ς', 'İ', 'I', 'K', 'Å', 'ẞ', 'ǅ', 'ﬁ', 'Ⅻ', '℀', '℁', '℅', '：', '＠', '＃', '？', '／',
  '﹕', '﹫', '﹟', '﹖', '⁈', '⁇', '¼', '²', 'ｅ', 'Ɤ', '\u1c89', '\u{10d50}', '\u{16ea0}', '\u088f', '𐐀', '𝐀', 'Ꭰ', 'Ა',
  '\u0345', '\u0307', '\u00ad', '\u200d', '\ufeff', '\u2028', '\udbff', '\udc00'];

export class Gen {
  readonly #rand: () => number;
  constructor(seed: number) {
    this.#rand = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.#rand() * n);
  }
  chance(p: number): boolean {
    return this.#rand() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }

  /** A URL assembled from parts, then maybe mutated. */
  url(): string {
    let u = this.pick(PREFIXES);
    const kind = this.int(10);
    if (kind < 7) {
      u += this.pick(SCHEMES) + ':';
      if (this.chance(0.85)) u += '//' + this.netloc();
    } else if (kind < 9) {
      if (this.chance(0.5)) u += '//' + this.netloc();
    }
    u += this.pick(PATHS) + this.pick(QUERIES) + this.pick(FRAGMENTS);
    const mutated = this.mutate(u);
    return joinsSurrogates(mutated) ? mutated.replace(/[\t\n\r]/g, '') : mutated;
  }

  netloc(): string {
    const r = this.int(10);
    const host = r < 5 ? this.pick(HOSTS) : r < 7 ? '[' + this.ipv6() + ']' : r < 9 ? this.unicodeHost() : this.noise(6);
    const port = this.chance(0.8) ? this.pick(PORTS) : ':' + this.digits();
    return this.pick(USERINFO) + host + port;
  }

  /** Mostly-plausible IPv6 text: hextets of 0-5 hex digits, '::', IPv4 tails, zones, stray chars. */
  ipv6(): string {
    const n = this.int(10);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const len = this.chance(0.9) ? this.int(5) : 5;
      let h = '';
      for (let k = 0; k < len; k++) h += this.pick([...'0123456789abcdefABCDEF']);
      parts.push(h);
    }
    if (this.chance(0.4) && parts.length) parts.splice(this.int(parts.length), 0, '');
    let text = parts.join(':');
    if (this.chance(0.15)) text += ':' + this.pick(['1.2.3.4', '255.255.255.255', '1.2.3', '01.2.3.4', '256.1.1.1', '1.2.3.4.5', '١.2.3.4']);
    if (this.chance(0.1)) text = this.pick(['v', 'V', 'v1.', 'vF.']) + text;
    if (this.chance(0.2)) text += '%' + this.pick(['eth0', '', '25', 'a%b', 'é', '%']);
    if (this.chance(0.1)) text = this.mutate(text);
    return text;
  }

  /** A host made of characters whose case mapping or NFKC form is interesting. */
  unicodeHost(): string {
    let s = '';
    const n = this.int(6) + 1;
    for (let i = 0; i < n; i++) {
      const r = this.int(6);
      if (r < 3) s += this.pick(UNICODE_POOL);
      else if (r < 4) s += String.fromCodePoint(0x80 + this.int(0xd800 - 0x80));
      else if (r < 5) s += String.fromCodePoint(0x10000 + this.int(0x20000));
      else s += this.pick(['a', 'B', '.', '-', '%', ':', '@']);
    }
    return s;
  }

  /** Percent-escapes of random bytes mixed with text: valid and invalid UTF-8/16/32. */
  quoted(): string {
    let s = '';
    const n = this.int(8);
    for (let i = 0; i < n; i++) {
      const r = this.int(6);
      if (r < 3) s += '%' + this.int(256).toString(16).padStart(2, '0');
      else if (r < 4) s += this.pick(['%C3%A9', '%F0%9F%98%80', '%ED%A0%80', '%E2%82', '%00', '%D8%00', '%00%D8']);
      else s += this.pick(['a', '+', '%', '%4', 'é', '😀', '\ud800', ' ']);
    }
    return s;
  }

  digits(): string {
    let s = '';
    const n = this.int(8);
    for (let i = 0; i < n; i++) s += String(this.int(10));
    return s;
  }

  /** Insert, delete or replace a few code units (may split surrogate pairs on purpose). */
  mutate(s: string): string {
    const rounds = this.chance(0.5) ? 0 : this.int(3) + 1;
    for (let r = 0; r < rounds; r++) {
      const at = this.int(s.length + 1);
      const op = this.int(3);
      if (op === 0) s = s.slice(0, at) + this.pick(CHAR_POOL) + s.slice(at);
      else if (op === 1) s = s.slice(0, at) + s.slice(at + 1);
      else s = s.slice(0, at) + this.pick(CHAR_POOL) + s.slice(at + 1);
    }
    return s;
  }

  /** A random string from URL-significant characters. */
  noise(max: number): string {
    let s = '';
    const n = this.int(max);
    for (let i = 0; i < n; i++) s += this.pick(CHAR_POOL.concat(['a', 'b', 'Z', '0', '9', '-', '_']));
    return s;
  }

  /** A query string. */
  query(): string {
    const n = this.int(5);
    const fields: string[] = [];
    for (let i = 0; i < n; i++) {
      const name = this.chance(0.8) ? this.pick(['a', 'b', 'x y', 'a+b', '%41', 'é', '%E9', '', '1', '__proto__', 'k%3Dv']) : this.noise(4);
      const sep = this.pick(['=', '=', '', '==']);
      const value = this.chance(0.7) ? this.pick(['1', '', 'x+y', '%20', '%ZZ', '%C3%A9', '%C3', '%ff', 'é', '😀', '\ud800', 'a=b']) : this.noise(5);
      fields.push(name + sep + value);
    }
    return fields.join(this.pick(['&', '&', ';', '&&']));
  }
}

/**
 * True when removing '\t', '\r', '\n' (as urlsplit does) would make a lone high and a lone low
 * surrogate adjacent. Python keeps them two code points; a JavaScript string cannot tell them
 * from one astral character, so such inputs are outside what UTF-16 can express faithfully.
 */
export function joinsSurrogates(s: string): boolean {
  return /[\ud800-\udbff][\t\n\r]+[\udc00-\udfff]/.test(s);
}

/** bytes of a string's UTF-8 encoding, on the wire. */
export function wireBytes(s: string): WireBytes {
  return { b: [...Buffer.from(s, 'utf8')] };
}
