/**
 * Request-side differential test: the same request() / putrequest() calls made by CPython's
 * http.client (pyrequests.py) and by ours; the bytes a raw server receives must be identical,
 * except that chunk sizes are written in lower-case hex by protocol/writers.ts (CPython: upper
 * case; RFC 9112 §7.1 HEXDIG is case-insensitive), so chunk-size lines are compared case-folded.
 */
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HTTPConnection } from '../../src/client/connection.js';
import { startRawServer, write, type RawRequest } from './raw-server.js';

/** The oracle is Debian's CPython (CI installs it); without it these tests are skipped, not failed. */
const test = existsSync('/usr/bin/python3') ? nodeTest : nodeTest.skip;

type Body = null | { str: string } | { bytes: string } | { chunks: string[] };
type Spec =
  | { kind: 'request'; method: string; url: string; body: Body; headers: [string, string | number][]; encode_chunked: boolean }
  | { kind: 'low'; method: string; url: string; skip_host: boolean; skip_accept_encoding: boolean; headers: [string, (string | number)[]][]; body: Body; encode_chunked: boolean };

const req = (method: string, url: string, body: Body = null, headers: [string, string | number][] = [], encodeChunked = false): Spec =>
  ({ kind: 'request', method, url, body, headers, encode_chunked: encodeChunked });

const SPECS: Spec[] = [
  req('GET', '/a'),
  req('POST', '/b'),
  req('PUT', '/b2'),
  req('PATCH', '/b3'),
  req('DELETE', '/b4'),
  req('HEAD', '/b5'),
  req('OPTIONS', '*'),
  req('GET', ''),
  req('POST', '/c', { str: 'caf\u00e9 au lait' }, [['Content-Type', 'text/plain; charset=latin-1']]),
  req('POST', '/c2', { str: '' }),
  req('GET', '/c3', { str: 'body on a GET' }),
  req('PUT', '/d', { bytes: '\u0000\u0001\u00ff binary' }),
  req('POST', '/e', { chunks: ['ab', '', 'cd', 'x'.repeat(26)] }),
  req('POST', '/f', { chunks: ['ab', 'cd'] }, [['Content-Length', 4]]),
  req('POST', '/g', { chunks: ['ab', 'cd'] }, [['Transfer-Encoding', 'chunked']], true),
  req('POST', '/g2', { bytes: 'whole' }, [['Transfer-Encoding', 'chunked']], true),
  req('POST', '/g3', { bytes: 'ignored flag' }, [], true),
  req('GET', '/h', null, [['Host', 'other.example'], ['Accept-Encoding', 'gzip']]),
  req('GET', '/h2', null, [['host', 'lower.example'], ['X-Num', 42], ['X-Empty', '']]),
  req('GET', 'http://example.com:81/i?q=1'),
  req('GET', 'https://example.com/j'),
  req('GET', '/k?a=1&b=%20#frag'),
  { kind: 'low', method: 'GET', url: '/l', skip_host: true, skip_accept_encoding: true, headers: [['X-Multi', ['a', 'b', 3]], ['X-One', ['v']]], body: null, encode_chunked: false },
  { kind: 'low', method: 'POST', url: '/m', skip_host: false, skip_accept_encoding: false, headers: [['Content-Length', [5]]], body: { bytes: 'hello' }, encode_chunked: false },
  { kind: 'low', method: 'POST', url: '/n', skip_host: false, skip_accept_encoding: true, headers: [['Transfer-Encoding', ['chunked']]], body: { chunks: ['one', 'two'] }, encode_chunked: true },
];

function bodyOf(b: Body): string | Uint8Array | Uint8Array[] | null {
  if (b === null) return null;
  if ('str' in b) return b.str;
  if ('bytes' in b) return Buffer.from(b.bytes, 'latin1');
  return b.chunks.map((c) => Buffer.from(c, 'latin1'));
}

async function sendOurs(port: number, spec: Spec): Promise<void> {
  const conn = new HTTPConnection('127.0.0.1', { port });
  try {
    if (spec.kind === 'request') {
      await conn.request(spec.method, spec.url, { body: bodyOf(spec.body), headers: spec.headers, encodeChunked: spec.encode_chunked });
    } else {
      conn.putrequest(spec.method, spec.url, { skipHost: spec.skip_host, skipAcceptEncoding: spec.skip_accept_encoding });
      for (const [k, vs] of spec.headers) conn.putheader(k, ...vs);
      await conn.endheaders({ messageBody: bodyOf(spec.body), encodeChunked: spec.encode_chunked });
    }
    await (await conn.getresponse()).read();
  } finally {
    conn.close();
  }
}

function runPython(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('./pyrequests.py', import.meta.url));
    const child = spawn('/usr/bin/python3', [script], { stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`pyrequests.py exited with ${code}`))));
    child.stdin.end(JSON.stringify({ port, specs: SPECS }));
  });
}

/** Chunk-size lines compared case-folded (see the file comment). */
function normalise(r: RawRequest): string {
  const text = r.raw.toString('latin1');
  return r.head.includes('Transfer-Encoding: chunked') ? text.replace(/\r\n([0-9a-fA-F]+)\r\n/g, (_m, hex: string) => `\r\n${hex.toLowerCase()}\r\n`) : text;
}

test(`request bytes equal CPython http.client's for ${SPECS.length} request() / putrequest() calls`, async () => {
  const server = await startRawServer(async (_req, sock) => write(sock, 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
  try {
    await runPython(server.port);
    const theirs = server.requests.splice(0);
    for (const spec of SPECS) await sendOurs(server.port, spec);
    const ours = server.requests;
    assert.equal(theirs.length, SPECS.length);
    assert.equal(ours.length, SPECS.length);
    for (let i = 0; i < SPECS.length; i++) assert.equal(normalise(ours[i]!), normalise(theirs[i]!), `spec ${i}: ${SPECS[i]!.method} ${SPECS[i]!.url}`);
  } finally {
    await server.close();
  }
});
