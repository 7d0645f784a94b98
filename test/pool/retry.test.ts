import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Retry, parseHttpDate } from '../../src/pool/retry.js';
import {
  ConnectTimeoutError, InvalidHeader, MaxRetryError, NewConnectionError, ProtocolError, ProxyError, ReadTimeoutError, ResponseError,
} from '../../src/pool/errors.js';

const resp = (status: number, headers: Record<string, string> = {}, redirectLocation: string | null = null) => ({
  status,
  redirectLocation,
  getHeader: (n: string) => headers[n.toLowerCase()] ?? null,
});

test('defaults follow urllib3 2.x', () => {
  const r = new Retry();
  assert.equal(r.total, 10);
  assert.equal(r.connect, null);
  assert.equal(r.backoffFactor, 0);
  assert.equal(r.backoffMax, 120_000);
  assert.deepEqual([...r.allowedMethods!].sort(), ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'TRACE']);
  assert.deepEqual([...r.removeHeadersOnRedirect].sort(), ['authorization', 'cookie', 'proxy-authorization']);
  assert.equal(Retry.DEFAULT.total, 3);
  assert.equal(String(Retry.DEFAULT), 'Retry(total=3, connect=None, read=None, redirect=None, status=None)');
});

test('increment is immutable and records history', () => {
  const r0 = new Retry({ total: 2 });
  const err = new ReadTimeoutError('http://x/', 'Read timed out.');
  const r1 = r0.increment({ method: 'GET', url: 'http://x/', error: err });
  assert.notEqual(r0, r1);
  assert.equal(r0.total, 2);
  assert.equal(r1.total, 1);
  assert.equal(r0.history.length, 0);
  assert.deepEqual(r1.history[0], { method: 'GET', url: 'http://x/', error: err, status: null, redirectLocation: null });
  assert.ok(r1 instanceof Retry);
});

test('exhaustion: zero is not exhausted, below zero is (MaxRetryError with reason)', () => {
  const r = new Retry({ total: 0 });
  assert.equal(r.isExhausted(), false);
  const err = new NewConnectionError('refused');
  assert.throws(() => r.increment({ method: 'GET', url: 'http://x/', error: err }), (e: unknown) => {
    assert.ok(e instanceof MaxRetryError);
    assert.equal(e.reason, err);
    assert.equal(e.url, 'http://x/');
    assert.equal(e.cause, err);
    return true;
  });
});

test('connect errors count against connect, read errors against read', () => {
  const r = new Retry({ total: null, connect: 1, read: 3 });
  const c1 = r.increment({ method: 'POST', error: new ConnectTimeoutError('t') });
  assert.equal(c1.connect, 0);
  assert.throws(() => c1.increment({ method: 'POST', error: new NewConnectionError('refused') }), MaxRetryError);
  const rd = r.increment({ method: 'GET', error: new ProtocolError('Connection aborted.') });
  assert.equal(rd.read, 2);
  // ProxyError counts by what it wraps.
  const p = r.increment({ method: 'GET', error: new ProxyError('Unable to connect to proxy', new NewConnectionError('x')) });
  assert.equal(p.connect, 0);
});

test('read error on a non-retryable method or read=false re-raises the error itself', () => {
  const err = new ReadTimeoutError(null, 'Read timed out.');
  assert.throws(() => new Retry({ total: 3 }).increment({ method: 'POST', error: err }), (e) => e === err);
  assert.throws(() => new Retry({ total: 3, read: false }).increment({ method: 'GET', error: err }), (e) => e === err);
  assert.throws(() => new Retry({ total: 3 }).increment({ method: null, error: err }), (e) => e === err);
  // allowedMethods null: every method.
  assert.equal(new Retry({ total: 3, allowedMethods: null }).increment({ method: 'POST', error: err }).total, 2);
});

test('total=false raises errors as they are and turns redirects off', () => {
  const r = new Retry({ total: false });
  assert.equal(r.redirect, 0);
  assert.equal(r.raiseOnRedirect, false);
  const err = new NewConnectionError('refused');
  assert.throws(() => r.increment({ method: 'GET', error: err }), (e) => e === err);
  assert.equal(Retry.fromInt(false).total, false);
});

test('fromInt / from', () => {
  assert.equal(Retry.fromInt(null), Retry.DEFAULT);
  assert.equal(Retry.fromInt(undefined, { default: 5 }).total, 5);
  const r = new Retry({ total: 1 });
  assert.equal(Retry.from(r), r);
  assert.equal(Retry.fromInt(4).total, 4);
  assert.equal(Retry.fromInt(4, { redirect: false }).redirect, 0);
  assert.equal(Retry.fromInt(4, { redirect: false }).raiseOnRedirect, false);
  assert.equal(Retry.fromInt(4), Retry.fromInt(4), 'cached: immutable values are shared');
});

test('status retries: forcelist, Retry-After statuses, methods', () => {
  const r = new Retry({ total: 3, statusForcelist: [500] });
  assert.equal(r.isRetry('GET', 500), true);
  assert.equal(r.isRetry('POST', 500), false);
  assert.equal(r.isRetry('GET', 503), false);
  assert.equal(r.isRetry('GET', 503, { hasRetryAfter: true }), true);
  assert.equal(r.isRetry('GET', 429, { hasRetryAfter: true }), true);
  assert.equal(new Retry({ total: 0 }).isRetry('GET', 503, { hasRetryAfter: true }), false);
  assert.equal(new Retry({ respectRetryAfterHeader: false }).isRetry('GET', 503, { hasRetryAfter: true }), false);
  const next = new Retry({ total: 3, status: 0 });
  assert.throws(() => next.increment({ method: 'GET', url: 'u', response: resp(500) }), (e: unknown) => {
    assert.ok(e instanceof MaxRetryError);
    assert.ok(e.reason instanceof ResponseError);
    assert.equal(e.reason.message, 'too many 500 error responses');
    return true;
  });
});

test('redirect increments: count, history, exhaustion reason', () => {
  const r = new Retry({ total: 10, redirect: 1 });
  const r1 = r.increment({ method: 'GET', url: 'http://a/', response: resp(302, {}, '/b') });
  assert.equal(r1.redirect, 0);
  assert.deepEqual(r1.history[0], { method: 'GET', url: 'http://a/', error: null, status: 302, redirectLocation: '/b' });
  assert.throws(() => r1.increment({ method: 'GET', url: 'http://a/b', response: resp(302, {}, '/c') }),
    (e: unknown) => e instanceof MaxRetryError && e.reason!.message === 'too many redirects');
});

test('backoff: zero for the first error, then factor * 2^(n-1), capped; redirects reset the run', () => {
  let r = new Retry({ total: 10, backoffFactor: 100, backoffMax: 500 });
  const err = new ProtocolError('x');
  assert.equal(r.getBackoffTime(), 0);
  r = r.increment({ method: 'GET', error: err });
  assert.equal(r.getBackoffTime(), 0);
  r = r.increment({ method: 'GET', error: err });
  assert.equal(r.getBackoffTime(), 200);
  r = r.increment({ method: 'GET', error: err });
  assert.equal(r.getBackoffTime(), 400);
  r = r.increment({ method: 'GET', error: err });
  assert.equal(r.getBackoffTime(), 500);
  r = r.increment({ method: 'GET', response: resp(301, {}, '/x') });
  assert.equal(r.getBackoffTime(), 0);
  const j = new Retry({ total: 10, backoffFactor: 100, backoffJitter: 50 })
    .increment({ method: 'GET', error: err }).increment({ method: 'GET', error: err });
  const t = j.getBackoffTime();
  assert.ok(t >= 200 && t <= 250, String(t));
});

test('Retry-After: seconds, HTTP-date (past → 0), invalid → InvalidHeader', () => {
  const r = new Retry();
  assert.equal(r.parseRetryAfter('3'), 3000);
  assert.equal(r.parseRetryAfter(' 0 '), 0);
  assert.equal(r.parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT'), 0);
  const future = new Date(Date.now() + 5000).toUTCString();
  const ms = r.parseRetryAfter(future);
  assert.ok(ms > 3000 && ms <= 5000, String(ms));
  assert.throws(() => r.parseRetryAfter('soon'), InvalidHeader);
  assert.equal(r.getRetryAfter(resp(503)), null);
  assert.equal(r.getRetryAfter(resp(503, { 'retry-after': '2' })), 2000);
  assert.equal(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT'), Date.UTC(1994, 10, 6, 8, 49, 37));
  assert.equal(parseHttpDate('Sun Nov  6 08:49:37 1994'), Date.UTC(1994, 10, 6, 8, 49, 37));
});

test('sleep: Retry-After first, else backoff; abortable', async () => {
  const r = new Retry({ total: 3 });
  const t0 = Date.now();
  await r.sleep(resp(503, { 'retry-after': '0' }));
  assert.ok(Date.now() - t0 < 50);
  const slept = await r.sleepForRetry(resp(503, { 'retry-after': '0' }));
  assert.equal(slept, false);
  const ac = new AbortController();
  const p = r.sleep(resp(503, { 'retry-after': '60' }), { signal: ac.signal });
  ac.abort();
  await assert.rejects(p);
});

test('new() keeps options and replaces some; bad durations are RangeErrors', () => {
  const r = new Retry({ total: 5, statusForcelist: [502], backoffFactor: 10 });
  const n = r.new({ total: 1 });
  assert.equal(n.total, 1);
  assert.deepEqual([...n.statusForcelist], [502]);
  assert.equal(n.backoffFactor, 10);
  assert.throws(() => new Retry({ backoffFactor: -1 }), RangeError);
});

test("Python's positional forms: increment(method, url, opts), isRetry(m, s, hasRetryAfter)", () => {
  const r = new Retry({ total: 2 }).increment('GET', '/x', { error: new ProtocolError('x') });
  assert.equal(r.total, 1);
  assert.equal(r.history[0]!.url, '/x');
  assert.equal(r.history[0]!.method, 'GET');
  assert.equal(new Retry({ total: 2 }).isRetry('GET', 503, true), true);
  assert.equal(new Retry({ total: 2 }).isRetry('GET', 503, false), false);
});

test('new Retry(n) is Python Retry(n): total', () => {
  assert.equal(new Retry(3).total, 3);
  assert.equal(new Retry(false).total, false);
  assert.equal(new Retry(null).total, null);
});
