// Routes whose bodies are generated: /delay /drip /base64 /bytes /stream-bytes /stream /range.
// Sizes are capped as httpbin caps them (100 KiB of random bytes, 100 stream lines, 10 MB drip).
import { randomBytes } from 'node:crypto';
import { getDict, type EchoKey } from './echo.js';
import { pyFloat, pyInt, sleep } from './params.js';
import { pyDumpsPlain } from './pyjson.js';
import { pyB64Decode } from './pybase64.js';
import { PyRandom, parsePyInt } from './pyrandom.js';
import { BadRequest, jsonReply, textReply, type Reply } from './reply.js';
import { arg, argNoCase, header, type HttpbinRequest } from './request.js';
import type { Route } from './router.js';
import { decodeStrict } from './url.js';

const MAX_BYTES = 100 * 1024;
const OCTETS = 'application/octet-stream';

async function delayRoute(req: HttpbinRequest): Promise<Reply> {
  const seconds = Math.min(pyFloat(req.params['delay'], 'delay'), 10);
  if (!(seconds >= 0)) throw new BadRequest('delay must be a non-negative number');
  await sleep(seconds * 1000, req.signal);
  const keys: EchoKey[] = ['url', 'args', 'form', 'data', 'origin', 'headers', 'files'];
  return jsonReply(getDict(req, keys));
}

async function* drip(numbytes: number, pauseMs: number, signal: AbortSignal): AsyncIterable<Uint8Array> {
  const star = Buffer.from('*');
  for (let i = 0; i < numbytes && !signal.aborted; i++) {
    yield star;
    await sleep(pauseMs, signal);
  }
}

async function dripRoute(req: HttpbinRequest): Promise<Reply> {
  // httpbin reads these with CaseInsensitiveDict.get, which it does not override: exact case.
  const duration = pyFloat(arg(req, 'duration') ?? '2', 'duration');
  const numbytes = Math.min(pyInt(arg(req, 'numbytes') ?? '10', 'numbytes'), 10 * 1024 * 1024);
  const code = pyInt(arg(req, 'code') ?? '200', 'code');
  if (numbytes <= 0) return textReply(400, 'number of bytes must be positive', 'text/plain; charset=utf-8');
  if (code < 200 || code > 999) throw new BadRequest('code must be a final status code');
  const delaySeconds = pyFloat(arg(req, 'delay') ?? '0', 'delay');
  if (delaySeconds > 0) await sleep(Math.min(delaySeconds, 10) * 1000, req.signal);
  const pauseMs = (duration * 1000) / numbytes;
  return { status: code, headers: [['Content-Type', OCTETS], ['Content-Length', String(numbytes)]], body: drip(numbytes, pauseMs, req.signal) };
}

function base64Route(req: HttpbinRequest): Reply {
  const decoded = pyB64Decode(Buffer.from(req.params['value'] ?? '', 'utf8'), true);
  const text = decoded === undefined ? undefined : decodeStrict(decoded);
  // Current httpbin answers undecodable input with this hint (0.7.0 crashed with a 500).
  if (text === undefined) return textReply(200, 'Incorrect Base64 data try: SFRUUEJJTiBpcyBhd2Vzb21l');
  return textReply(200, text);
}

function randomSource(req: HttpbinRequest): (n: number) => Buffer {
  const seedText = argNoCase(req, 'seed');
  if (seedText === undefined) return (n) => randomBytes(n);
  const seed = parsePyInt(seedText);
  if (seed === undefined) throw new BadRequest(`invalid seed: ${seedText}`);
  const rng = new PyRandom(seed);
  return (n) => {
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) out[i] = rng.nextByte();
    return out;
  };
}

function bytesRoute(req: HttpbinRequest): Reply {
  const n = Math.min(Number(req.params['n']), MAX_BYTES);
  return textReply(200, randomSource(req)(n), OCTETS);
}

function chunkSize(req: HttpbinRequest): number {
  const text = argNoCase(req, 'chunk_size');
  return text === undefined ? 10 * 1024 : Math.max(1, pyInt(text, 'chunk_size'));
}

async function* inChunks(total: number, size: number, make: (n: number) => Buffer): AsyncIterable<Uint8Array> {
  for (let done = 0; done < total; done += size) yield make(Math.min(size, total - done));
}

function streamBytesRoute(req: HttpbinRequest): Reply {
  const n = Math.min(Number(req.params['n']), MAX_BYTES);
  const source = randomSource(req);
  return { status: 200, headers: [['Content-Type', OCTETS]], body: inChunks(n, chunkSize(req), source) };
}

async function* jsonLines(base: Record<string, unknown>, n: number): AsyncIterable<Uint8Array> {
  for (let id = 0; id < n; id++) yield Buffer.from(pyDumpsPlain({ ...(base as object), id } as never) + '\n', 'utf8');
}

function streamRoute(req: HttpbinRequest): Reply {
  const n = Math.min(Number(req.params['n']), 100);
  const base = getDict(req, ['url', 'args', 'headers', 'origin']);
  return { status: 200, headers: [['Content-Type', 'application/json']], body: jsonLines(base, n) };
}

// helpers.__parse_request_range: "bytes=first-last", either side optional; anything odd → whole.
function parseRange(text: string | undefined): [number | null, number | null] {
  if (text === undefined || text === '') return [null, null];
  const t = text.trim();
  if (!t.startsWith('bytes')) return [null, null];
  const parts = t.split('=');
  if (parts.length !== 2) return [null, null];
  const sides = parts[1]!.split('-');
  const toInt = (s: string | undefined): number | null => {
    const v = s === undefined ? undefined : parsePyInt(s);
    return v === undefined ? null : Number(v);
  };
  return [toInt(sides[0]), toInt(sides[1])];
}

function requestRange(text: string | undefined, size: number): [number, number] {
  const [first, last] = parseRange(text);
  if (first === null && last === null) return [0, size - 1];
  if (first === null) return [Math.max(0, size - last!), size - 1];
  if (last === null) return [first, size - 1];
  return [first, last];
}

async function* alphabet(first: number, last: number, size: number, pauseMsPerByte: number, signal: AbortSignal): AsyncIterable<Uint8Array> {
  for (let start = first; start <= last && !signal.aborted; start += size) {
    const end = Math.min(start + size - 1, last);
    const chunk = Buffer.allocUnsafe(end - start + 1);
    for (let i = start; i <= end; i++) chunk[i - start] = 97 + (i % 26);
    if (chunk.length < size) await sleep(pauseMsPerByte * chunk.length, signal);
    yield chunk;
    if (chunk.length === size) await sleep(pauseMsPerByte * size, signal);
  }
}

function rangeRoute(req: HttpbinRequest): Reply {
  const n = Number(req.params['numbytes']);
  const common: Array<[string, string]> = [['ETag', `range${n}`], ['Accept-Ranges', 'bytes']];
  if (n <= 0 || n > MAX_BYTES) {
    const reply = textReply(404, 'number of bytes must be in the range (0, 102400]', 'text/plain; charset=utf-8');
    reply.headers.unshift(...common);
    return reply;
  }
  const size = chunkSize(req);
  const duration = pyFloat(arg(req, 'duration') ?? '0', 'duration');
  const [first, last] = requestRange(header(req, 'Range'), n);
  if (first > last || first < 0 || first >= n || last < 0 || last >= n) {
    const headers: Array<[string, string]> = [...common, ['Content-Range', `bytes */${n}`], ['Content-Length', '0'], ['Content-Type', 'text/plain; charset=utf-8']];
    return { status: 416, headers, body: new Uint8Array(0) };
  }
  const headers: Array<[string, string]> = [['Content-Type', OCTETS], ...common,
    ['Content-Length', String(last + 1 - first)], ['Content-Range', `bytes ${first}-${last}/${n}`]];
  const status = first === 0 && last === n - 1 ? 200 : 206;
  return { status, headers, body: alphabet(first, last, size, (duration * 1000) / n, req.signal) };
}

/** Generated-content routes. */
export const dynamicRoutes: Route[] = [
  // Current httpbin accepts every body method on /delay (0.7.0: GET only); a superset is harmless.
  { rule: '/delay/<delay>', methods: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE'], handler: delayRoute },
  { rule: '/drip', methods: ['GET'], handler: dripRoute },
  { rule: '/base64/<value>', methods: ['GET'], handler: base64Route },
  { rule: '/bytes/<int:n>', methods: ['GET'], handler: bytesRoute },
  { rule: '/stream-bytes/<int:n>', methods: ['GET'], handler: streamBytesRoute },
  { rule: '/stream/<int:n>', methods: ['GET'], handler: streamRoute },
  { rule: '/range/<int:numbytes>', methods: ['GET'], handler: rangeRoute },
];
