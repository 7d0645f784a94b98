// Generated requests for the compatibility test: query strings, paths, form and multipart bodies,
// JSON texts and Cookie headers assembled from awkward pieces (escapes, reserved characters,
// non-ASCII, bad UTF-8). A fixed seed keeps every run identical.
import type { CompatCase } from './compat-cases.js';

const PIECES = ['a', 'b', '=', '&', '+', '%', '%2', '%41', '%e9', '%C3%A9', '%FF', ';', '%00', '%20', ' ', '~', '!', '*', "'", '(', ')',
  '/', '?', ':', '@', ',', '$', '[', ']', '%2B', '%3D', '%26', '\u00e9', '€', 'x_y', '.', '-', '#'];
const JSON_TEXTS = ['{"a":', '[1,2', '"\\u00e9"', '1e999', '-', '{"a":1,"a":2}', '[-0, 0.0e0, 1E-400]', '{"x": [true, false, null]}',
  '"\\ud800"', '  [ ]  ', '012', '1.', '.5', '"a\tb"', '{"__proto__": {"p": 1}}', '123456789012345678901234567890'];

/** A small linear congruential generator: deterministic, good enough to vary inputs. */
class Lcg {
  #state: number;

  constructor(seed: number) {
    this.#state = seed;
  }

  next(): number {
    this.#state = (this.#state * 1103515245 + 12345) % 2147483648;
    return this.#state / 2147483648;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  text(maxPieces: number): string {
    return Array.from({ length: Math.floor(this.next() * maxPieces) }, () => this.pick(PIECES)).join('');
  }
}

// encodeURI leaves existing "%" escapes double-encoded; undo that so bad escapes reach the server.
const asTarget = (s: string): string => encodeURI(s).replace(/%25/g, '%').replace(/#/g, '%23');

function multipart(rng: Lcg): CompatCase {
  const b = 'bnd';
  const parts = Array.from({ length: 1 + Math.floor(rng.next() * 3) }, () => {
    const filename = rng.next() < 0.5 ? `; filename="${rng.pick(['x', '', 'y z'])}"` : '';
    const type = rng.next() < 0.3 ? `Content-Type: ${rng.pick(['text/plain', 'image/png', 'text/plain; charset=latin-1'])}\r\n` : '';
    return `--${b}\r\nContent-Disposition: form-data; name="${rng.pick(['a', 'b', 'c d', 'é'])}"${filename}\r\n${type}\r\n${rng.text(6)}\r\n`;
  });
  return { name: 'generated multipart', method: 'POST', path: '/post', headers: { 'Content-Type': `multipart/form-data; boundary=${b}` }, body: Buffer.from(`${parts.join('')}--${b}--\r\n`), compare: 'bytes' };
}

/** `count` generated requests from `seed`. */
export function generatedCases(seed: number, count: number): CompatCase[] {
  const rng = new Lcg(seed);
  const make: Array<() => CompatCase> = [
    () => ({ name: 'generated query', path: '/get?' + asTarget(rng.text(12)), compare: 'bytes' }),
    () => ({ name: 'generated path', path: '/anything/' + asTarget(rng.text(8)).replace(/\?/g, '%3F'), compare: 'bytes' }),
    () => ({ name: 'generated form', method: 'POST', path: '/post', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: rng.text(15), compare: 'bytes' }),
    () => ({ name: 'generated json', method: 'POST', path: '/post', body: rng.pick(JSON_TEXTS), compare: 'bytes' }),
    () => ({ name: 'generated cookie', path: '/cookies', headers: { Cookie: rng.text(10).replace(/[^\x20-\x7e]/g, 'z') }, compare: 'bytes' }),
    () => multipart(rng),
  ];
  return Array.from({ length: count }, () => rng.pick(make)());
}

const CONTENT_TYPES: Array<[string, string]> = [
  ['multipart/form-data;boundary=xx', 'xx'], ['multipart/form-data; boundary=xx; charset=utf-8', 'xx'],
  ['multipart/form-data; charset=utf-8; boundary="x;y"', 'x;y'], ['multipart/form-data; BOUNDARY=xx', 'xx'],
  ['MULTIPART/FORM-DATA; boundary=xx', 'xx'], ['multipart/form-data ; boundary=xx', 'xx'], ['multipart/form-data; boundary = xx', 'xx'],
  ['multipart/form-data; boundary=xx,yy', 'xx,yy'], ['multipart/form-data; boundary=xx, text/plain', 'xx'],
  ['multipart/form-data, text/plain; boundary=xx', 'xx'], ['multipart/form-data; boundary="xx"; boundary=yy', 'xx'],
  ['multipart/form-data; boundary=xx yy', 'xx yy'], ["multipart/form-data; boundary*=UTF-8''xx", 'xx'], ['multipart/mixed; boundary=xx', 'xx'],
];
const DISPOSITIONS = ['form-data; name=k', 'form-data; name="k"; filename=a.txt', 'form-data; name="k;x"', 'form-data; name="a\\"b"',
  'form-data;name=k', 'FORM-DATA; NAME="k"', 'form-data; name="k"; filename="C:\\\\dir\\\\f.txt"', "form-data; name*=UTF-8''%C3%A9",
  "form-data; name=\"k\"; filename*=UTF-8''a%20b.txt; filename=\"fallback\"", 'attachment; name="k"', 'form-data; name=""', 'form-data; name="k"; name="j"'];
const PART_HEADS = ['Content-Type: text/plain\r\nContent-Disposition: form-data; name="k"', 'content-disposition: form-data; name="k"',
  'Content-Disposition: form-data;\r\n name="k"', 'Content-Disposition : form-data; name="k"',
  'Content-Disposition: form-data; name="k"\r\nContent-Disposition: form-data; name="j"'];

/** Content-Type and Content-Disposition spellings, parsed by Werkzeug's parse_options_header. */
export function headerParsingCases(): CompatCase[] {
  const post = (name: string, contentType: string, body: string): CompatCase =>
    ({ name, method: 'POST', path: '/post', headers: { 'Content-Type': contentType }, body, compare: 'bytes' });
  const part = (b: string, head: string): string => `--${b}\r\n${head}\r\n\r\nv\r\n--${b}--\r\n`;
  return [
    ...CONTENT_TYPES.map(([ct, b]) => post(`Content-Type ${ct}`, ct, part(b, 'Content-Disposition: form-data; name="k"'))),
    post('form type followed by a list', 'application/x-www-form-urlencoded, text/plain', 'k=v'),
    ...DISPOSITIONS.map((d) => post(`Content-Disposition ${d}`, 'multipart/form-data; boundary=B', part('B', `Content-Disposition: ${d}`))),
    ...PART_HEADS.map((h) => post(`part head ${JSON.stringify(h)}`, 'multipart/form-data; boundary=B', part('B', h))),
  ];
}

const RANGES = ['bytes= 1 - 2', 'bytes=1_0-2_0', 'bytes=+1-+2', 'bytes=-0', 'bytes=0-0', 'bytes=5', 'bytes=-', 'bytes=--1', 'bytes =1-2',
  ' bytes=1-2 ', 'BYTES=1-2', 'bytes=1-2-3', 'bytes=1-99', 'bytes=9-', 'bytes=10-', 'bytes=-10', 'bytes=-11', 'bytes=a-b', 'bytes=1.5-2'];
const SEEDS = ['-5', '5', '+5', ' 7 ', '1_000', '0', '4294967296', '-18446744073709551617', '99999999999999999999999999999999999999999', '٣'];
const STATUSES = ['200', '0200', '2_00', ' 200', '200 ', '+200', '200.0', '20x', '200,', ',200', '200,,201', '200:0', '200:-1,201:2', '٢٠٠'];
const PATHS = ['/stream-bytes/10?chunk_size=0&seed=1', '/stream-bytes/10?chunk_size=-3&seed=1', '/stream-bytes/10?CHUNK_SIZE=3&SEED=2',
  '/drip?numbytes=3&duration=0&code=201', '/drip?numbytes=-1', '/drip?NumBytes=2&Duration=0&duration=0', '/drip?numbytes=1&duration=-1',
  '/redirect-to?url=/a&status_code=399', '/redirect-to?url=/a&status_code=400', '/redirect-to?url=/a&status_code=%20301',
  '/redirect-to?url=&status_code=303', '/redirect-to?url=/a&url=/b', '/links/201/0', '/links/5/-1', '/cache/00012', '/delay/0.0',
  '/range/0', '/range/102400?chunk_size=102400', '/bytes/102401?seed=1', '/stream/101', '/etag/%22x%22', '/base64/', '/base64/=',
  '/digest-auth/auth/u', '/status/', '/cookies/set/a/', '/cookies/set//b'];

/**
 * Numeric and textual arguments as Python converts them: int() with signs, underscores, spaces
 * and non-ASCII digits, Range parsing, case rules of httpbin's CaseInsensitiveDict (its .get is
 * case-sensitive). Arguments Python cannot convert are left out: httpbin answers 500, we 400.
 */
export function argumentCases(): CompatCase[] {
  return [
    ...RANGES.map((r): CompatCase => ({ name: `Range ${r}`, path: '/range/10', headers: { Range: r }, compare: 'bytes' })),
    ...SEEDS.map((s): CompatCase => ({ name: `seed ${s}`, path: `/bytes/20?seed=${encodeURIComponent(s)}`, compare: 'bytes' })),
    ...STATUSES.map((c): CompatCase => ({ name: `status ${c}`, path: `/status/${encodeURIComponent(c)}`, compare: 'bytes' })),
    ...PATHS.map((p): CompatCase => ({ name: p, path: p, compare: 'bytes' })),
    ...['absolute=TRUE', 'absolute=1', 'absolute=', 'Absolute=true'].map((q): CompatCase => ({ name: `redirect ${q}`, path: `/redirect/2?${q}`, compare: 'none' })),
  ];
}
