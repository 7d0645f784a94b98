/**
 * Review of the per-request allocation changes (8c400a5..fd1b608): what user code of a Session
 * sees (mutable proxies where Requests hands out a dict, the method of the Request given to
 * prepareRequest) and HTTPAdapter over a pool manager of the caller's. Loopback only.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import { PoolManager } from '../../src/pool/manager.js';
import type { PoolResponse, UrlopenOptions } from '../../src/pool/types.js';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';

let hb: HttpbinServer;

before(async () => {
  hb = await startHttpbin();
});

after(async () => {
  await hb.close();
});

function newSession(): httpkit.Session {
  const s = new httpkit.Session();
  s.trustEnv = false;
  return s;
}

test('response hooks get a proxies dict they may change (Requests passes its own dict per request)', async () => {
  const s = newSession();
  try {
    const seen: unknown[] = [];
    const hook = (_r: httpkit.Response, opts: httpkit.AdapterSendOptions): void => {
      assert.equal(Object.isFrozen(opts.proxies), false);
      opts.proxies!['x-mark'] = 'seen'; // a frozen shared dict would throw here
      seen.push(opts.proxies);
    };
    assert.equal((await s.get(`${hb.url}/get`, { hooks: { response: hook } })).statusCode, 200);
    assert.equal((await s.get(`${hb.url}/get`, { hooks: { response: hook } })).statusCode, 200);
    assert.equal(seen.length, 2);
    assert.notEqual(seen[0], seen[1]);
    // The next plain request is unaffected.
    const r = await s.get(`${hb.url}/get`);
    assert.equal(r.statusCode, 200);
  } finally {
    s.close();
  }
});

test('adapters, a send() override and addHeaders get proxies they may change, with or without per-call settings', async () => {
  const s = newSession();
  try {
    const frozen: boolean[] = [];
    class Custom extends httpkit.BaseAdapter {
      inner = new httpkit.HTTPAdapter();
      override send(request: httpkit.PreparedRequest, opts: httpkit.AdapterSendOptions = {}): Promise<httpkit.Response> {
        frozen.push(Object.isFrozen(opts.proxies));
        return this.inner.send(request, opts);
      }
      override close(): void {
        this.inner.close();
      }
    }
    s.mount('http://', new Custom());
    await s.get(`${hb.url}/get`);
    await s.get(`${hb.url}/get`, { timeout: 5000 });

    class Tagging extends httpkit.HTTPAdapter {
      override addHeaders(_request: httpkit.PreparedRequest, opts: httpkit.AdapterSendOptions): void {
        frozen.push(Object.isFrozen(opts.proxies));
      }
    }
    s.mount('http://', new Tagging());
    await s.get(`${hb.url}/get`);
    assert.deepEqual(frozen, [false, false, false]);
  } finally {
    s.close();
  }

  const sent: boolean[] = [];
  class Sending extends httpkit.Session {
    override send(request: httpkit.PreparedRequest, opts?: httpkit.SendOptions): Promise<httpkit.Response> {
      sent.push(Object.isFrozen(opts?.proxies));
      return super.send(request, opts);
    }
  }
  const t = new Sending();
  t.trustEnv = false;
  try {
    await t.get(`${hb.url}/get`);
    await t.get(`${hb.url}/get`, { timeout: 5000 });
    assert.deepEqual(sent, [false, false]);
  } finally {
    t.close();
  }
});

test('a Session subclass overriding rebuildProxies() gets the request\'s proxies as a dict it may change', async () => {
  const given: boolean[] = [];
  class Rebuilding extends httpkit.Session {
    override rebuildProxies(prepared: httpkit.PreparedRequest, proxies: Record<string, string | null | undefined> | null | undefined): Record<string, string | null | undefined> {
      given.push(Object.isFrozen(proxies));
      return super.rebuildProxies(prepared, proxies);
    }
  }
  const s = new Rebuilding();
  s.trustEnv = false;
  try {
    const r = await s.get(`${hb.url}/redirect/1`);
    assert.equal(r.statusCode, 200);
    assert.deepEqual(given, [false]);
  } finally {
    s.close();
  }
});

test('Session.request() hands a subclass\'s prepareRequest() a Request with the method upper-cased (Requests: method.upper())', async () => {
  const methods: Array<string | null> = [];
  class Recording extends httpkit.Session {
    override prepareRequest(request: httpkit.Request): httpkit.PreparedRequest {
      methods.push(request.method);
      return super.prepareRequest(request);
    }
  }
  const s = new Recording();
  s.trustEnv = false;
  try {
    assert.equal((await s.request('get', `${hb.url}/get`)).statusCode, 200);
    assert.deepEqual(methods, ['GET']);
  } finally {
    s.close();
  }
});

test('a caller\'s pool manager that passes on a copy of the options keeps every option (no redirects, the body, no retries)', async () => {
  const s = newSession();
  const adapter = new httpkit.HTTPAdapter();
  const real = adapter.poolmanager;
  const seen: UrlopenOptions[] = [];
  (adapter as { poolmanager: unknown }).poolmanager = {
    urlopen: (method: string, url: string, opts: UrlopenOptions): Promise<PoolResponse> => {
      const copy = { ...opts };
      seen.push(copy);
      return real.urlopen(method, url, copy);
    },
    clear: () => real.clear(),
    poolCount: 0,
  };
  s.mount('http://', adapter);
  try {
    // Requests follows redirects itself: the pool must not.
    const r = await s.get(`${hb.url}/redirect/2`);
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.history.map((h) => h.statusCode), [302, 302]);
    const p = await s.post(`${hb.url}/post`, { data: 'abc', timeout: 3000 });
    assert.equal(p.json().data, 'abc');
    const last = seen[seen.length - 1]!;
    assert.equal(last.redirect, false);
    assert.equal(last.retries, adapter.maxRetries);
    assert.equal(last.preloadContent, 'keepErrors');
    assert.equal(last.decodeContent, true);
  } finally {
    s.close();
  }
});

test('HTTPAdapter calls urlopen of a PoolManager subclass that overrides it (as before the pool\'s receiver API)', async () => {
  const calls: string[] = [];
  class Counting extends PoolManager {
    override urlopen(method: string, url: string, opts?: UrlopenOptions): Promise<PoolResponse> {
      calls.push(`${method} ${url}`);
      return super.urlopen(method, url, opts);
    }
  }
  class Adapter extends httpkit.HTTPAdapter {
    override initPoolmanager(connections: number, maxsize: number, block?: boolean): void {
      super.initPoolmanager(connections, maxsize, block);
      this.poolmanager = new Counting({ numPools: connections, maxsize, block });
    }
  }
  const s = newSession();
  s.mount('http://', new Adapter());
  try {
    const r = await s.get(`${hb.url}/get`);
    assert.equal(r.statusCode, 200);
    assert.deepEqual(calls, [`GET ${hb.url}/get`]);
  } finally {
    s.close();
  }
});

test('a session hook given as a bare function (Requests accepts one) runs, whatever its declared parameters', async () => {
  const hb2 = await startHttpbin();
  const s = new httpkit.Session();
  s.trustEnv = false;
  try {
    let calls = 0;
    // A rest-parameter function has length 0: it is still a hook.
    (s.hooks as unknown as Record<string, unknown>)['response'] = (...args: unknown[]) => {
      calls += args.length > 0 ? 1 : 0;
    };
    await s.get(`${hb2.url}/get`);
    await s.get(`${hb2.url}/get`, { hooks: { response: [] } });
    assert.equal(calls, 2);
  } finally {
    s.close();
    await hb2.close();
  }
});
