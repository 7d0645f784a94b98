/**
 * Property tests with generated inputs (seeded, so failures reproduce):
 * - generated well-formed responses parse to what was generated, however they are split;
 * - arbitrary bytes never make the core throw anything but a ProtocolError.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { feed } from './helpers.js';

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}
function token(r: () => number, max: number): string {
  let s = '';
  const n = 1 + Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += pick(r, [...TCHARS]);
  return s;
}
function value(r: () => number): string {
  let s = '';
  const n = Math.floor(r() * 20);
  for (let i = 0; i < n; i++) s += String.fromCharCode(0x21 + Math.floor(r() * 0xde)); // visible ASCII and obs-text
  return s;
}
function bytesOf(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(r() * 256));
  return s;
}

interface Generated {
  raw: string;
  status: number;
  headers: string[];
  body: string;
  trailers: string[] | null;
}

function generate(r: () => number): Generated {
  const status = pick(r, [200, 201, 202, 203, 206, 301, 400, 404, 500, 503]);
  const headers: string[] = [];
  for (let i = Math.floor(r() * 6); i > 0; i--) {
    let name = token(r, 12);
    if (/^(content-length|transfer-encoding|connection|keep-alive|proxy-connection)$/i.test(name)) name = 'X-' + name;
    headers.push(name, value(r));
  }
  const body = bytesOf(r, Math.floor(r() * 300));
  const eol = r() < 0.8 ? '\r\n' : '\n';
  let raw = `HTTP/1.1 ${status} ${pick(r, ['OK', 'Weird Reason', ''])}`.trimEnd() + eol;
  const lines = (hs: string[]): string => hs.reduce((acc, h, i) => (i % 2 === 0 ? acc + h + ': ' + hs[i + 1] + eol : acc), '');
  let trailers: string[] | null = null;
  if (r() < 0.5) {
    headers.push('Content-Length', String(body.length));
    raw += lines(headers) + eol + body;
  } else {
    headers.push('Transfer-Encoding', 'chunked');
    raw += lines(headers) + eol;
    let rest = body;
    while (rest.length > 0) {
      const n = 1 + Math.floor(r() * Math.min(rest.length, 64));
      raw += n.toString(16) + (r() < 0.2 ? ';ext=1' : '') + '\r\n' + rest.slice(0, n) + '\r\n';
      rest = rest.slice(n);
    }
    trailers = r() < 0.3 ? [token(r, 8), value(r)] : [];
    raw += '0\r\n' + lines(trailers) + '\r\n';
  }
  return { raw, status, headers, body, trailers };
}

describe('generated responses', () => {
  it('parse to what was generated, however split (300 responses, random cut points)', () => {
    const r = rng(20261125);
    for (let n = 0; n < 300; n++) {
      const g = generate(r);
      const raw = Buffer.from(g.raw, 'latin1');
      const whole = feed([raw]);
      assert.equal(whole.error, null, `case ${n}: ${whole.error} for ${JSON.stringify(g.raw.slice(0, 200))}`);
      assert.equal(whole.head!.status, g.status);
      assert.deepEqual(whole.head!.headers, g.headers);
      assert.equal(whole.body, g.body);
      assert.deepEqual(whole.trailers, g.trailers);
      for (let k = 0; k < 5; k++) {
        const cuts = [0, raw.length].concat(Array.from({ length: 1 + Math.floor(r() * 6) }, () => Math.floor(r() * raw.length))).sort((a, b) => a - b);
        const parts = cuts.slice(1).map((c, i) => raw.subarray(cuts[i], c));
        assert.deepEqual(feed(parts), whole, `case ${n} split at ${cuts.join(',')}`);
      }
    }
  });
});

describe('arbitrary bytes', () => {
  it('never throw anything but a ProtocolError (2000 inputs, mutated responses and noise)', () => {
    const r = rng(42);
    for (let n = 0; n < 2000; n++) {
      let raw: string;
      if (r() < 0.7) {
        const g = generate(r).raw.split('');
        for (let m = 1 + Math.floor(r() * 4); m > 0; m--) {
          const at = Math.floor(r() * g.length);
          const op = r();
          if (op < 0.4) g[at] = String.fromCharCode(Math.floor(r() * 256));
          else if (op < 0.7) g.splice(at, 1);
          else g.splice(at, 0, pick(r, ['\r', '\n', ' ', ':', '\0', '\t', ';', '0', 'f']));
        }
        raw = g.join('');
      } else {
        raw = 'HTTP/1.1 ' + bytesOf(r, Math.floor(r() * 200));
      }
      const buf = Buffer.from(raw, 'latin1');
      const at = Math.floor(r() * (buf.length + 1));
      for (const method of ['GET', 'HEAD']) {
        const out = feed([buf.subarray(0, at), buf.subarray(at)], { method }); // throws on a non-ProtocolError
        assert.ok(out.error !== null || out.ended || out.head !== null || out.body === '', `case ${n}`);
      }
    }
  });
});
