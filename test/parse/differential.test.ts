// Differential test: thousands of generated inputs through CPython's urllib.parse
// (/usr/bin/python3, Debian 3.11.2 with the security fixes) and through httpkit/parse, compared
// exactly: results, getters, geturl(), and error-ness with the mapped exception class and message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import * as P from '../../src/parse/index.js';
import { Gen, joinsSurrogates, wireBytes, type Case } from './generate.js';

const SEED = Number(process.env.PARSE_DIFF_SEED ?? 20261125);
const URLS = Number(process.env.PARSE_DIFF_URLS ?? 5000);
const PYTHON = '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('./reference.py', import.meta.url));

const RFC_BASE = 'http://a/b/c/d;p?q';
const SAFES = ['/', '', '/:@', 'é~', ' ', '%', 'abc?&=+'];
const ENCODINGS = ['utf-8', 'latin-1', 'ascii', 'UTF8', 'iso-8859-1', 'utf-16', 'bogus', 'utf-16-be', 'utf-32', 'utf_32_le', 'U8', ' Latin 1 ', 'cp1252', 'Windows-1252'];
const ERRORS = ['strict', 'replace', 'ignore', 'xmlcharrefreplace', 'backslashreplace', 'surrogateescape', 'surrogatepass', 'bogus'];
const DECODE_ERRORS = ['strict', 'replace', 'ignore', 'backslashreplace', 'surrogateescape', 'surrogatepass', 'bogus'];

function buildCases(seed: number, count: number): Case[] {
  const g = new Gen(seed);
  const cases: Case[] = [];
  const bases = [RFC_BASE, 'http://a/b/c/', 'http://a', 'https://h/x?y#z', 'file:///tmp/a', 'mailto:x@y', 'svn+ssh://h/r/'];
  for (let i = 0; i < count; i++) {
    const u = g.url();
    cases.push({ f: 'urlsplit', a: [u] }, { f: 'urlparse', a: [u] }, { f: 'urldefrag', a: [u] });
    if (g.chance(0.3)) cases.push({ f: g.pick(['urlsplit', 'urlparse']), a: [u], k: { scheme: g.pick(['https', ' \tftp ', 'a\nb', '']), allowFragments: g.chance(0.5) } });
    cases.push({ f: 'quote', a: [u] }, { f: 'quotePlus', a: [u] }, { f: 'unquote', a: [u] }, { f: 'unquotePlus', a: [u] }, { f: 'unquoteToBytes', a: [u] });
    if (g.chance(0.4)) cases.push({ f: g.pick(['quote', 'quotePlus']), a: [u], k: quoteOpts(g) });
    if (g.chance(0.3)) cases.push({ f: g.pick(['unquote', 'unquotePlus']), a: [u], k: { encoding: g.pick(ENCODINGS), errors: g.pick(DECODE_ERRORS) } });
    const bytes = wireBytes(u);
    cases.push({ f: 'urlsplit', a: [bytes] }, { f: 'quote', a: [bytes] }, { f: 'unquote', a: [bytes] }, { f: 'unquoteToBytes', a: [bytes] });
    if (g.chance(0.2)) cases.push({ f: 'urlparse', a: [bytes] }, { f: 'urldefrag', a: [bytes] }, { f: 'quoteFromBytes', a: [bytes], k: { safe: g.pick(SAFES) } });
    const base = g.chance(0.5) ? g.pick(bases) : g.url();
    cases.push({ f: 'urljoin', a: [base, u] });
    if (g.chance(0.2)) cases.push({ f: 'urljoin', a: [u, g.noise(6)], k: { allowFragments: g.chance(0.5) } });
    if (g.chance(0.1)) cases.push({ f: 'urljoin', a: [wireBytes(base), bytes] });
    if (g.chance(0.6)) cases.push(qsCase(g));
    if (g.chance(0.3)) cases.push(encodeCase(g));
    if (g.chance(0.2)) cases.push({ f: g.pick(['urlunsplit', 'urlunparse']), a: [Array.from({ length: 6 }, () => g.pick(['', 'http', 'a', '//x', '/p', 'q', 'b/c', ';']))] });
  }
  for (const f of ['urlunsplit', 'urlunparse']) {
    for (const n of [4, 5, 6]) cases.push({ f, a: [Array.from({ length: n }, () => 'x')] });
  }
  return cases.map(fixUnsplitArity);
}

function fixUnsplitArity(c: Case): Case {
  if ((c.f === 'urlunsplit' || c.f === 'urlunparse') && Array.isArray(c.a[0]) && (c.a[0] as unknown[]).length === 6) {
    const parts = c.a[0] as string[];
    return { f: c.f, a: [c.f === 'urlunsplit' ? parts.slice(0, 5) : parts] };
  }
  return c;
}

function quoteOpts(g: Gen): Record<string, unknown> {
  const k: Record<string, unknown> = { safe: g.chance(0.2) ? wireBytes(g.pick(SAFES)) : g.pick(SAFES) };
  if (g.chance(0.7)) k.encoding = g.pick(ENCODINGS);
  if (g.chance(0.7)) k.errors = g.pick(ERRORS);
  return k;
}

function qsCase(g: Gen): Case {
  const q = g.query();
  const k: Record<string, unknown> = {};
  if (g.chance(0.5)) k.keepBlankValues = g.chance(0.5);
  if (g.chance(0.3)) k.strictParsing = g.chance(0.5);
  if (g.chance(0.2)) k.separator = g.pick([';', '&&', '=', '', 'x']);
  if (g.chance(0.2)) k.maxNumFields = g.int(5);
  if (g.chance(0.2)) k.encoding = g.pick(ENCODINGS.slice(0, 5));
  if (g.chance(0.2)) k.errors = g.pick(DECODE_ERRORS);
  const arg = g.chance(0.15) ? wireBytes(q) : q;
  return { f: g.pick(['parseQsl', 'parseQs']), a: [arg], k };
}

function encodeCase(g: Gen): Case {
  const n = g.int(4);
  const value = (): unknown => {
    const r = g.int(10);
    if (r < 4) return g.chance(0.5) ? g.noise(5) : g.pick(['a b', 'x+y', 'é', '😀', '~', '\ud800']);
    if (r < 5) return wireBytes(g.noise(4));
    if (r < 6) return g.int(1000) - 500;
    if (r < 7) return g.pick([null, true, false]);
    return [g.noise(3), g.int(9), wireBytes('b'), null];
  };
  const asMap = g.chance(0.5);
  const key = (): unknown => (asMap || g.chance(0.8) ? g.pick(['a', 'b c', 'é', '', '1', 'a+b', '\ud800']) : value());
  const pairs = Array.from({ length: n }, () => [key(), value()]);
  const k: Record<string, unknown> = { doseq: g.chance(0.5) };
  if (g.chance(0.3)) k.safe = g.pick(SAFES);
  if (g.chance(0.2)) k.encoding = g.pick(ENCODINGS.slice(0, 3));
  if (g.chance(0.2)) k.errors = g.pick(['strict', 'replace', 'ignore']);
  if (g.chance(0.3)) k.quoteVia = { via: g.pick(['quote', 'quotePlus']) };
  if (g.chance(0.1)) k.safe = wireBytes(g.pick(SAFES));
  return { f: 'urlencode', a: [asMap ? { map: pairs } : { pairs }], k };
}

// ---- httpkit side: decode the wire form, call, encode the result the way reference.py does ----

function fromWire(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromWire);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('b' in o) return Uint8Array.from(o.b as number[]);
    if ('pairs' in o) return (o.pairs as unknown[][]).map((p) => p.map(fromWire));
    if ('map' in o) return new Map((o.map as unknown[][]).map((p) => [fromWire(p[0]), fromWire(p[1])]));
    if ('via' in o) return o.via === 'quote' ? P.quote : P.quotePlus;
  }
  return v;
}

const FUNCS: Record<string, (...args: any[]) => unknown> = {
  urlsplit: P.urlsplit, urlparse: P.urlparse, urlunsplit: P.urlunsplit, urlunparse: P.urlunparse, urldefrag: P.urldefrag,
  urljoin: P.urljoin, quote: P.quote, quotePlus: P.quotePlus, quoteFromBytes: P.quoteFromBytes, unquote: P.unquote,
  unquotePlus: P.unquotePlus, unquoteToBytes: P.unquoteToBytes, urlencode: P.urlencode, parseQs: P.parseQs, parseQsl: P.parseQsl,
};

const PY_ERROR: Record<string, string> = { RangeError: 'ValueError', TypeError: 'TypeError' };

function attempt(fn: () => unknown): unknown {
  try {
    return enc(fn());
  } catch (e) {
    const err = e as Error;
    return { e: PY_ERROR[err.name] ?? err.name, m: err.message };
  }
}

function sortKey(k: unknown): string {
  return JSON.stringify(k).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function enc(r: unknown): unknown {
  if (r instanceof Uint8Array) return { b: [...r] };
  if (r instanceof P.SplitResult || r instanceof P.ParseResult || r instanceof P.SplitResultBytes || r instanceof P.ParseResultBytes) {
    const x = r as P.SplitResult;
    return { r: [...x].map(enc), u: attempt(() => x.username), pw: attempt(() => x.password), h: attempt(() => x.hostname), p: attempt(() => x.port), g: attempt(() => x.geturl()) };
  }
  if (r instanceof P.DefragResult || r instanceof P.DefragResultBytes) return { r: [...r].map(enc), g: attempt(() => r.geturl()) };
  if (Array.isArray(r)) return r.map(enc);
  if (r instanceof Map || (r && typeof r === 'object')) {
    const entries = r instanceof Map ? [...r.entries()] : Object.entries(r);
    const items = entries.map(([k, v]) => [enc(k), enc(v)]);
    items.sort((a, b) => (sortKey(a[0]) < sortKey(b[0]) ? -1 : sortKey(a[0]) > sortKey(b[0]) ? 1 : 0));
    return { d: items };
  }
  return r;
}

function runOurs(c: Case): unknown {
  const fn = FUNCS[c.f] as (...args: any[]) => unknown;
  const args = c.a.map(fromWire);
  if (c.k) {
    const opts = Object.fromEntries(Object.entries(c.k).map(([k, v]) => [k, fromWire(v)]));
    return attempt(() => fn(...args, opts));
  }
  return attempt(() => fn(...args));
}

/** Runs reference.py on the cases; resolves with its results. Runs while httpkit computes its own. */
function runPython(cases: Case[]): Promise<unknown[]> {
  if (process.env.PARSE_DIFF_DUMP) writeFileSync(process.env.PARSE_DIFF_DUMP, JSON.stringify(cases));
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [REFERENCE], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`reference.py failed (${code}): ${Buffer.concat(err).toString()}`));
      else resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as unknown[]);
    });
    child.stdin.end(JSON.stringify(cases));
  });
}

/** Focused corners: bracketed hosts, ports, unicode hosts, and every codec × error handler. */
function buildCornerCases(seed: number): Case[] {
  const g = new Gen(seed);
  const cases: Case[] = [];
  // Inputs whose tab/newline removal would pair two lone surrogates are left out (see joinsSurrogates).
  const url = (u: string): string => (joinsSurrogates(u) ? u.replace(/[\t\n\r]/g, '') : u);
  for (let i = 0; i < 3000; i++) cases.push({ f: 'urlsplit', a: [url(`http://${g.chance(0.2) ? 'u@' : ''}[${g.ipv6()}]${g.chance(0.3) ? ':' + g.digits() : ''}/`)] });
  for (let i = 0; i < 1500; i++) cases.push({ f: 'urlsplit', a: [url(`//${g.unicodeHost()}${g.chance(0.5) ? ':' + g.digits() : ''}`)] });
  for (let i = 0; i < 2000; i++) {
    const text = g.unicodeHost() + g.noise(4);
    const enc = g.pick(ENCODINGS);
    cases.push({ f: 'quote', a: [text], k: { encoding: enc, errors: g.pick(ERRORS), safe: g.pick(SAFES) } });
    cases.push({ f: 'unquote', a: [g.quoted()], k: { encoding: g.pick(ENCODINGS), errors: g.pick(DECODE_ERRORS) } });
  }
  const seg = (): string => g.pick(['', '', '.', '..', 'a', 'b', 'c;p', 'g?y', 'h#s', '...', '.x']);
  const path = (): string => Array.from({ length: g.int(5) }, seg).join('/');
  for (let i = 0; i < 2000; i++) {
    const base = g.pick(['http://h', 'http:', 'file://', 'ftp://u@h:21', '', 'x:', '//h']) + g.pick(['', '/']) + path();
    cases.push({ f: 'urljoin', a: [base, g.pick(['', '/', '//h2/', 'http:', '?q', '#f']) + path()] });
  }
  return cases;
}

function compare(cases: Case[], expected: unknown[], ours: string[]): { mismatches: string[]; byFn: Map<string, [number, number]> } {
  const mismatches: string[] = [];
  const byFn = new Map<string, [number, number]>();
  cases.forEach((c, i) => {
    const theirs = JSON.stringify(expected[i]);
    const tally = byFn.get(c.f) ?? [0, 0];
    tally[0]++;
    if (ours[i] !== theirs) {
      tally[1]++;
      mismatches.push(`${c.f}(${JSON.stringify(c.a)}${c.k ? ', ' + JSON.stringify(c.k) : ''})\n  python:  ${theirs}\n  httpkit: ${ours[i]}`);
    }
    byFn.set(c.f, tally);
  });
  return { mismatches, byFn };
}

/** Both sides of one batch: Python in a child process while httpkit runs here. */
async function runBoth(cases: Case[]): Promise<{ expected: unknown[]; ours: string[] }> {
  const pending = runPython(cases);
  const ours = cases.map((c) => JSON.stringify(runOurs(c)));
  const expected = await pending;
  assert.equal(expected.length, cases.length);
  return { expected, ours };
}

test(`differential: corner generators (seed ${SEED})`, async () => {
  const cases = buildCornerCases(SEED + 1);
  const { expected, ours } = await runBoth(cases);
  const { mismatches } = compare(cases, expected, ours);
  console.log(`parse differential corners: ${cases.length - mismatches.length}/${cases.length} cases match`);
  if (mismatches.length) assert.fail(`${mismatches.length} mismatches; first ones:\n${mismatches.slice(0, 8).join('\n')}`);
});

test(`differential: ${URLS} generated URLs (seed ${SEED}) through CPython and httpkit`, async () => {
  const cases = buildCases(SEED, URLS);
  const { expected, ours } = await runBoth(cases);
  const { mismatches, byFn } = compare(cases, expected, ours);
  const errorKinds = new Map<string, number>();
  for (const r of expected) {
    const m = /"e":"(\w+)"/.exec(JSON.stringify(r));
    const kind = m ? m[1] as string : 'ok';
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  }
  console.log(`reference outcomes (first error seen per case): ${[...errorKinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const rate = ((cases.length - mismatches.length) / cases.length) * 100;
  const summary = [...byFn].map(([f, [n, bad]]) => `${f} ${n - bad}/${n}`).join(', ');
  console.log(`parse differential: ${cases.length - mismatches.length}/${cases.length} cases match (${rate.toFixed(3)}%); ${summary}`);
  if (mismatches.length) assert.fail(`${mismatches.length} mismatches; first ones:\n${mismatches.slice(0, 8).join('\n')}`);
  if (URLS >= 5000) assertCoverage(cases, errorKinds);
});

/** Keeps the generator honest: the corners it exists for must really be in the batch. */
function assertCoverage(cases: Case[], errorKinds: Map<string, number>): void {
  for (const kind of ['ok', 'ValueError', 'UnicodeEncodeError', 'UnicodeDecodeError', 'LookupError']) {
    assert.ok((errorKinds.get(kind) ?? 0) >= 100, `fewer than 100 reference outcomes of kind ${kind}`);
  }
  const inputs = cases.map((c) => JSON.stringify(c.a));
  const count = (re: RegExp): number => inputs.filter((t) => re.test(t)).length;
  assert.ok(count(/\\ud[89ab]/) >= 500, 'lone high surrogates');
  assert.ok(count(/\\ud[c-f]/) >= 500, 'lone low surrogates');
  assert.ok(count(/\p{Extended_Pictographic}|[\u{10000}-\u{10ffff}]/u) >= 500, 'astral characters');
  assert.ok(count(/\[[0-9a-fA-F:.%]*\]/) >= 500, 'bracketed hosts');
  assert.ok(count(/\\t|\\n|\\r/) >= 500, 'tabs and newlines');
  assert.ok(count(/^\["(\\u00[01][0-9a-f]| )/) >= 500, 'leading C0 controls and spaces');
  assert.ok(cases.filter((c) => c.a.some((a) => typeof a === 'object' && a !== null && 'b' in a)).length >= 5000, 'bytes inputs');
}
