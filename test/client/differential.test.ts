/**
 * Differential test: every raw response of corpus.ts is served byte-exact by a raw net server
 * and read by CPython's http.client (/usr/bin/python3, pyclient.py) and by ours; the results
 * (head, body, or the exception with its key arguments) must be equal, except for the cases in
 * DELIBERATE, where we choose the strict reading on purpose and assert that instead.
 */
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HTTPConnection } from '../../src/client/connection.js';
import { corpus } from './corpus.js';
import type { Socket } from 'node:net';
import { startRawServer, write, writeAndEnd, type RawServer } from './raw-server.js';

/** The oracle is Debian's CPython (CI installs it); without it these tests are skipped, not failed. */
const test = existsSync('/usr/bin/python3') ? nodeTest : nodeTest.skip;

type Result = Record<string, unknown>;

/**
 * Where we differ from CPython on purpose, and what we do instead. CPython's leniencies here let a
 * response be read two ways (request smuggling, RFC 9112 §11.2), or hide a broken message.
 */
const DELIBERATE: Record<string, { reason: string; expect: (ours: Result) => void }> = {
  'strict-obs-fold': { reason: 'obs-fold is rejected (RFC 9112 §5.2 allows rejecting; CPython silently joins it)', expect: headError },
  'strict-space-before-colon': { reason: 'whitespace before the colon must be rejected (RFC 9112 §5.1); CPython reads "Content-Length " as another header', expect: headError },
  'strict-bare-cr': { reason: 'a bare CR in a field is rejected (RFC 9112 §2.2); CPython keeps it in the value', expect: headError },
  'strict-no-colon': { reason: 'a header line without a colon is rejected; CPython ends the headers there and drops the rest into the body', expect: headError },
  'strict-interim-103': { reason: 'every 1xx is interim (RFC 9110 §15.2): we skip 103 and return the 200; CPython returns the 103 as final', expect: (o) => assert.equal(o.status, 200) },
  'strict-trunc-head': { reason: 'a head cut off before its blank line is an error; CPython treats EOF as the end of the headers', expect: headError },
  'strict-trunc-status': { reason: 'a status line without its CRLF before EOF is an error; CPython parses it as complete', expect: headError },
  'cl-plus-sign': { reason: 'Content-Length is 1*DIGIT (RFC 9110 §8.6); "+5" is refused, CPython int() accepts it', expect: headError },
  'cl-negative': { reason: 'an invalid Content-Length is an unrecoverable error (RFC 9112 §6.3 rule 5); CPython reads until close', expect: headError },
  'cl-nonnumeric': { reason: 'an invalid Content-Length is an unrecoverable error (RFC 9112 §6.3 rule 5); CPython reads until close', expect: headError },
  'cl-conflicting': { reason: 'conflicting Content-Length values are refused (RFC 9112 §6.3 rule 5); CPython takes the first', expect: headError },
  'cl-list-identical': { reason: 'a list of identical Content-Length values is folded to one (RFC 9110 §8.6); CPython gives up on the length and reads until close', expect: (o) => assert.equal(o.length, 5) },
  'chunked-with-cl': { reason: 'Transfer-Encoding with Content-Length: read chunked, then never reuse the connection (RFC 9112 §6.3 rule 3)', expect: (o) => assert.equal(o.will_close, true) },
  '304-chunked': { reason: 'a 304 has no body whatever its headers say (RFC 9110 §15.4.5); CPython tries to read chunks and raises IncompleteRead', expect: (o) => assert.equal(o.body, '') },
  'te-gzip-chunked': { reason: 'chunked is decoded when it is the final coding (RFC 9112 §6.3 rule 4); the gzip under it cannot be, so UnknownTransferEncoding; CPython returns the raw chunked bytes', expect: (o) => assert.equal(o.error, 'UnknownTransferEncoding') },
  'te-identity': { reason: 'a Transfer-Encoding without final chunked means read until close, and Content-Length is ignored (RFC 9112 §6.3 rule 4); CPython uses the Content-Length', expect: (o) => assert.equal(o.will_close, true) },
  'interim-101-final': { reason: 'after 101 the connection speaks another protocol (RFC 9110 §15.2.2), so it is never reused: willClose is true; CPython says false', expect: (o) => assert.deepEqual([o.status, o.will_close], [101, true]) },
  'te-duplicate-chunked': { reason: 'chunked applied twice is invalid (RFC 9112 §6.1) and refused; CPython looks only at the first field', expect: (o) => assert.equal(o.error, 'UnknownTransferEncoding') },
  'chunk-size-0x-prefix': { reason: 'chunk-size is 1*HEXDIG (RFC 9112 §7.1); CPython int(x, 16) also accepts "0x5", a smuggling vector', expect: (o) => assert.equal(o.error, 'IncompleteRead') },
  'headers-empty-name': { reason: 'a field line with an empty name is refused; CPython drops it silently', expect: headError },
  'headers-tab-before-colon': { reason: 'whitespace before the colon is refused (RFC 9112 §5.1); CPython stops parsing headers there and loses Content-Length', expect: headError },
  'cl-huge': { reason: 'a Content-Length beyond 2^53 is refused with the head; CPython accepts it and fails later with OverflowError', expect: headError },
  'chunked-trailer-no-colon': { reason: 'trailers are parsed (and exposed) so a malformed one is an error; CPython discards trailer lines unread', expect: (o) => assert.equal(o.where, 'body') },
  'chunked-missing-crlf-after-data': { reason: 'the CRLF after chunk data is checked (RFC 9112 §7.1); CPython throws away any two bytes there', expect: (o) => assert.equal(o.error, 'IncompleteRead') },
  'trunc-chunk-data': { reason: 'IncompleteRead.partial holds every body byte received; CPython drops the bytes of the chunk that was cut off', expect: (o) => assert.equal(o.partial, Buffer.from('helloabc').toString('base64')) },
};

/** Differences in one reading mode only: same shape as DELIBERATE, keyed "name/mode". */
const DELIBERATE_BY_MODE: Record<string, { reason: string; expect: (ours: Result) => void }> = Object.fromEntries(
  ['trunc-chunk-before-size', 'trunc-chunk-first', 'te-bad-chunk-size'].map((name) => [`${name}/lines`, {
    reason: 'readline() on a broken chunked body raises IncompleteRead, as read() does; CPython\'s IOBase.readline goes through peek(), which swallows the error and reports a clean end',
    expect: (o: Result) => assert.equal(o.error, 'IncompleteRead'),
  }]),
);

function headError(o: Result): void {
  assert.equal(o.where, 'head', `expected an error reading the head, got ${JSON.stringify(o).slice(0, 300)}`);
}

/** How the body is read: read() whole, read(7) until empty, readline() until empty. */
const MODES = ['all', 'read7', 'lines'] as const;
type Mode = (typeof MODES)[number];

let server: RawServer;
let python: Map<string, Result>;

before(async () => {
  if (!existsSync('/usr/bin/python3')) return;
  const byName = new Map(corpus.map((c) => [c.name, c]));
  server = await startRawServer(async (req, socket) => {
    const split = req.target.startsWith('/split/');
    const c = byName.get(req.target.slice(split ? 7 : 1));
    const raw = c?.raw ?? Buffer.from('HTTP/1.1 500 Unknown case\r\nContent-Length: 0\r\n\r\n');
    if (split) await writeInPieces(socket, raw);
    await writeAndEnd(socket, split ? '' : raw);
  });
  python = await runPython(MODES.flatMap((mode) => corpus.map((c) => ({ name: c.name, port: server.port, method: c.method ?? 'GET', mode }))));
});

after(async () => {
  await server?.close();
});

/** Sends `raw` in 5-byte writes, one event-loop turn apart, so every boundary lands mid-token. */
async function writeInPieces(socket: Socket, raw: Buffer): Promise<void> {
  socket.setNoDelay(true);
  for (let at = 0; at < raw.length; at += 5) {
    await write(socket, raw.subarray(at, at + 5));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function runPython(cases: object[]): Promise<Map<string, Result>> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('./pyclient.py', import.meta.url));
    const child = spawn('/usr/bin/python3', [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pyclient.py exited with ${code}`));
      const map = new Map<string, Result>();
      for (const line of out.split('\n')) if (line.trim() !== '') {
        const r = JSON.parse(line) as Result;
        map.set(r.name as string, r);
      }
      resolve(map);
    });
    child.stdin.end(JSON.stringify(cases));
  });
}

function describe(err: unknown, where: string): Result {
  const e = err as Error & { partial?: Uint8Array; expected?: number | null; line?: string; version?: string };
  const out: Result = { error: e.name, where };
  if (e.name === 'IncompleteRead') {
    out.partial = Buffer.from(e.partial!).toString('base64');
    out.expected = e.expected;
  } else if (e.name === 'BadStatusLine' || e.name === 'RemoteDisconnected') {
    out.line = e.line;
  } else if (e.name === 'UnknownProtocol') {
    out.version = e.version;
  }
  out.message = e.message;
  return out;
}

async function runOurs(name: string, method: string, mode: Mode, split = false): Promise<Result> {
  const conn = new HTTPConnection('127.0.0.1', { port: server.port, timeout: 10_000 });
  try {
    await conn.request(method, (split ? '/split/' : '/') + name);
    let r;
    try {
      r = await conn.getresponse();
    } catch (err) {
      return describe(err, 'head');
    }
    const out: Result = { status: r.status, reason: r.reason, version: r.version, headers: r.getheaders(), chunked: r.chunked, will_close: r.willClose, length: r.length };
    const pieces: Uint8Array[] = [];
    try {
      if (mode === 'all') pieces.push(await r.read());
      else {
        for (let i = 0; i < 1_000_000; i++) {
          const piece = mode === 'read7' ? await r.read(7) : await r.readline();
          if (piece.length === 0) break;
          pieces.push(piece);
        }
        out.pieces = pieces.map((p) => p.length);
      }
      out.body = Buffer.concat(pieces).toString('base64');
    } catch (err) {
      if (pieces.length > 0 && mode !== 'all') out.pieces = pieces.map((p) => p.length);
      Object.assign(out, describe(err, 'body'));
    }
    return out;
  } finally {
    conn.close();
  }
}

/** The fields compared; messages only where CPython's are fixed strings. */
function comparable(r: Result): Result {
  const out: Result = { ...r };
  delete out.name;
  if (out.error !== 'LineTooLong' && out.error !== 'HTTPException') delete out.message;
  return out;
}

test(`corpus has at least 100 responses (${corpus.length})`, () => {
  assert.ok(corpus.length >= 100);
  for (const name of Object.keys(DELIBERATE)) assert.ok(corpus.some((c) => c.name === name), `DELIBERATE names a missing case ${name}`);
});

for (const mode of MODES) {
  for (const c of corpus) {
    const deliberate = DELIBERATE[c.name] ?? DELIBERATE_BY_MODE[`${c.name}/${mode}`];
    // Deliberate differences are checked once, with read(); the other modes compare the rest.
    if (DELIBERATE[c.name] !== undefined && mode !== 'all') continue;
    test(`differential ${mode}: ${c.name}`, async () => {
      const ours = await runOurs(c.name, c.method ?? 'GET', mode);
      const theirs = python.get(`${c.name}/${mode}`);
      assert.ok(theirs !== undefined, 'python produced no result');
      if (deliberate !== undefined) {
        deliberate.expect(ours);
        assert.notDeepEqual(comparable(ours), comparable(theirs), `${c.name} is listed as deliberate but matches CPython: remove it from DELIBERATE`);
        return;
      }
      assert.deepEqual(comparable(ours), comparable(theirs));
    });
  }
}

/** Delivery in 5-byte pieces must not change anything (small cases, read(7) and readline()). */
for (const mode of ['read7', 'lines'] as const) {
  for (const c of corpus) {
    if (DELIBERATE[c.name] !== undefined || DELIBERATE_BY_MODE[`${c.name}/${mode}`] !== undefined || c.raw.length > 4096) continue;
    test(`differential ${mode}, split delivery: ${c.name}`, async () => {
      const ours = await runOurs(c.name, c.method ?? 'GET', mode, true);
      assert.deepEqual(comparable(ours), comparable(python.get(`${c.name}/${mode}`)!));
    });
  }
}
