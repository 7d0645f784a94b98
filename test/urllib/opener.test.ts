import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { OpenerDirector } from '../../src/urllib/director.js';
import { BaseHandler, classifyMethod } from '../../src/urllib/handler.js';
import { buildOpener } from '../../src/urllib/opener.js';
import { Request } from '../../src/urllib/request.js';
import { addinfourl, BytesSource } from '../../src/urllib/response.js';
import { HTTPError, URLError, ContentTooShortError } from '../../src/urllib/errors.js';
import { HTTPRedirectHandler } from '../../src/urllib/handlers-redirect.js';
import { HTTPHandler, HTTPSHandler, HTTPCookieProcessor } from '../../src/urllib/handlers-http.js';
import { HTTPDefaultErrorHandler, HTTPErrorProcessor, UnknownHandler } from '../../src/urllib/handlers-basic.js';
import { DataHandler, FileHandler } from '../../src/urllib/handlers-local.js';
import { ProxyHandler, getproxies } from '../../src/urllib/handlers-proxy.js';
import { HTTPMessage } from '../../src/client/message.js';
import { ConnectionError, OSError } from '../../src/client/errors.js';
import * as urllib from '../../src/urllib/index.js';

function bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

test('method names classify as CPython add_handler does', () => {
  assert.deepEqual(classifyMethod('httpOpen'), { chain: 'open', protocol: 'http' });
  assert.deepEqual(classifyMethod('httpsRequest'), { chain: 'request', protocol: 'https' });
  assert.deepEqual(classifyMethod('ftpResponse'), { chain: 'response', protocol: 'ftp' });
  assert.deepEqual(classifyMethod('httpError302'), { chain: 'error', protocol: 'http', kind: '302' });
  assert.deepEqual(classifyMethod('httpErrorDefault'), { chain: 'error', protocol: 'http', kind: 'default' });
  assert.deepEqual(classifyMethod('unknownOpen'), { chain: 'open', protocol: 'unknown' });
  for (const name of ['redirectRequest', 'doOpen', 'proxyOpen', 'addParent', 'close', 'doRequest_', 'retryHttpBasicAuth']) {
    assert.equal(classifyMethod(name), null, name);
  }
});

test('handlers run in handlerOrder; a null result declines and the next one answers', async () => {
  const calls: string[] = [];
  class Declines extends BaseHandler {
    override handlerOrder = 100;
    fooOpen(): null {
      calls.push('declines');
      return null;
    }
  }
  class Answers extends BaseHandler {
    override handlerOrder = 200;
    fooOpen(req: Request): addinfourl {
      calls.push('answers');
      return new addinfourl(new BytesSource(bytes('ok')), new HTTPMessage(), req.fullUrl, 200);
    }
  }
  class Later extends BaseHandler {
    override handlerOrder = 300;
    fooOpen(): never {
      throw new Error('not reached');
    }
    fooRequest(req: Request): Request {
      calls.push('request');
      req.addHeader('x-seen', '1');
      return req;
    }
    fooResponse(_req: Request, resp: addinfourl): addinfourl {
      calls.push('response');
      return resp;
    }
  }
  const opener = new OpenerDirector();
  for (const h of [new Later(), new Answers(), new Declines()]) opener.addHandler(h);
  const resp = await opener.open('foo://host/x');
  assert.deepEqual(calls, ['request', 'declines', 'answers', 'response']);
  assert.equal(new TextDecoder().decode(await resp.read()), 'ok');
  assert.equal(resp.geturl(), 'foo://host/x');
});

test('defaultOpen runs before the protocol chain, unknownOpen after it', async () => {
  const order: string[] = [];
  class H extends BaseHandler {
    defaultOpen(): null {
      order.push('default');
      return null;
    }
    unknownOpen(req: Request): addinfourl {
      order.push('unknown');
      return new addinfourl(new BytesSource(new Uint8Array(0)), new HTTPMessage(), req.fullUrl);
    }
  }
  const opener = new OpenerDirector();
  opener.addHandler(new H());
  await opener.open('zzz://x');
  assert.deepEqual(order, ['default', 'unknown']);
});

test('addHandler refuses non-handlers; handlers without handler methods are not added', () => {
  const opener = new OpenerDirector();
  assert.throws(() => opener.addHandler({} as object), TypeError);
  opener.addHandler(new BaseHandler());
  assert.equal(opener.handlers.length, 0);
});

test('buildOpener: the default chain, in CPython order', () => {
  const opener = buildOpener(new ProxyHandler({ http: 'http://proxy:1' }));
  const names = opener.handlers.map((h) => h.constructor.name);
  assert.deepEqual(names, [
    'ProxyHandler', 'UnknownHandler', 'HTTPHandler', 'HTTPDefaultErrorHandler', 'HTTPRedirectHandler',
    'FileHandler', 'DataHandler', 'HTTPSHandler', 'HTTPErrorProcessor',
  ]);
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  assert.deepEqual(opener.addheaders, [['User-agent', `httpkit-urllib/${version}`]]);
});

test('buildOpener: classes and instances replace the defaults they derive from', () => {
  class MyRedirect extends HTTPRedirectHandler {}
  const a = buildOpener(MyRedirect);
  assert.equal(a.handlers.filter((h) => h instanceof HTTPRedirectHandler).length, 1);
  assert.ok(a.handlers.some((h) => h instanceof MyRedirect));
  const https = new HTTPSHandler({ context: { rejectUnauthorized: false } });
  const b = buildOpener(https, HTTPHandler);
  assert.equal(b.handlers.filter((h) => h instanceof HTTPSHandler).length, 1);
  assert.ok(b.handlers.includes(https));
  assert.equal(b.handlers.filter((h) => h instanceof HTTPHandler).length, 1);
  // HTTPSHandler is not an HTTPHandler (both derive from AbstractHTTPHandler), as in CPython.
  assert.equal(buildOpener(HTTPSHandler).handlers.filter((h) => h instanceof HTTPHandler).length, 1);
  // A ProxyHandler without proxies has no handler methods and is not added (CPython: `if added`).
  const c = buildOpener(new ProxyHandler({}), new HTTPCookieProcessor());
  assert.equal(c.handlers.length, 9);
});

test('the barrel exports every name API.md lists', () => {
  const names = ['urlopen', 'Request', 'buildOpener', 'installOpener', 'OpenerDirector', 'BaseHandler', 'HTTPHandler', 'HTTPSHandler',
    'HTTPDefaultErrorHandler', 'HTTPRedirectHandler', 'HTTPCookieProcessor', 'ProxyHandler', 'HTTPPasswordMgr',
    'HTTPPasswordMgrWithDefaultRealm', 'HTTPPasswordMgrWithPriorAuth', 'HTTPBasicAuthHandler', 'ProxyBasicAuthHandler',
    'HTTPDigestAuthHandler', 'ProxyDigestAuthHandler', 'FileHandler', 'DataHandler', 'HTTPErrorProcessor', 'UnknownHandler',
    'urlretrieve', 'urlcleanup', 'pathname2url', 'url2pathname', 'getproxies', 'URLError', 'HTTPError', 'ContentTooShortError'];
  for (const name of names) assert.ok((urllib as Record<string, unknown>)[name] !== undefined, name);
  void [HTTPDefaultErrorHandler, HTTPErrorProcessor, UnknownHandler, DataHandler, FileHandler, ProxyHandler];
});

test('error(): httpError<code> handlers first, then httpErrorDefault', async () => {
  class Rescue extends BaseHandler {
    httpError404(req: Request): addinfourl {
      return new addinfourl(new BytesSource(bytes('rescued')), new HTTPMessage(), req.fullUrl, 200);
    }
  }
  const opener = buildOpener(new Rescue());
  const req = new Request('http://example.invalid/x');
  const fp = new addinfourl(new BytesSource(bytes('body')), new HTTPMessage(), req.fullUrl, 404);
  const got = (await opener.error('http', req, fp, 404, 'Not Found', new HTTPMessage())) as addinfourl;
  assert.equal(new TextDecoder().decode(await got.read()), 'rescued');
  await assert.rejects(opener.error('https', req, fp, 410, 'Gone', new HTTPMessage()), (e: unknown) => e instanceof HTTPError && e.code === 410);
});

test('URLError, HTTPError, ContentTooShortError: hierarchy, fields, messages', async () => {
  const e = new URLError('unknown url type: foo');
  assert.ok(e instanceof Error);
  assert.ok(e instanceof OSError, 'URLError is an OSError, as in Python');
  assert.ok(!(e instanceof ConnectionError));
  assert.equal(e.reason, 'unknown url type: foo');
  assert.equal(String(e), '<urlopen error unknown url type: foo>');
  const cause = new Error('boom');
  assert.equal(new URLError(cause).cause, cause);
  const hdrs = new HTTPMessage([['Content-Type', 'text/plain']]);
  const h = new HTTPError('http://x/y', 404, 'Not Found', hdrs, new BytesSource(bytes('missing')));
  assert.ok(h instanceof URLError);
  assert.ok(h instanceof OSError);
  assert.ok(h instanceof addinfourl, 'HTTPError is also a response');
  assert.equal(h.code, 404);
  assert.equal(h.status, 404);
  assert.equal(h.getcode(), 404);
  assert.equal(h.reason, 'Not Found');
  assert.equal(h.msg, 'Not Found');
  assert.equal(h.headers, hdrs);
  assert.equal(h.info(), hdrs);
  assert.equal(h.url, 'http://x/y');
  assert.equal(h.geturl(), 'http://x/y');
  assert.equal(h.filename, 'http://x/y');
  assert.equal(String(h), 'HTTP Error 404: Not Found');
  assert.equal(h.message, 'HTTP Error 404: Not Found');
  assert.equal(new TextDecoder().decode(await h.read()), 'missing');
  const empty = new HTTPError('u', 500, 'x', null, null);
  assert.equal((await empty.read()).length, 0);
  const short = new ContentTooShortError('retrieval incomplete', ['f', hdrs]);
  assert.ok(short instanceof URLError);
  assert.deepEqual(short.content, ['f', hdrs]);
  assert.equal(short.reason, 'retrieval incomplete');
});

test('addinfourl: read(n), readline, readlines, iteration, close', async () => {
  const make = () => new addinfourl(new BytesSource(bytes('line1\nline2\nrest')), new HTTPMessage(), 'data:x');
  const a = make();
  assert.equal(new TextDecoder().decode(await a.read(3)), 'lin');
  assert.equal(new TextDecoder().decode(await a.readline()), 'e1\n');
  assert.equal(new TextDecoder().decode(await a.readline(3)), 'lin');
  assert.deepEqual((await a.readlines()).map((l) => new TextDecoder().decode(l)), ['e2\n', 'rest']);
  assert.equal((await a.read()).length, 0);
  const b = make();
  const chunks: string[] = [];
  for await (const c of b) chunks.push(new TextDecoder().decode(c));
  assert.equal(chunks.join(''), 'line1\nline2\nrest');
  const c = make();
  {
    await using _r = c;
  }
  assert.equal(c.closed, true);
  assert.equal((await c.read()).length, 0);
  assert.equal(c.status, null);
  assert.equal(c.getcode(), null);
});

test('getproxies: <scheme>_proxy variables, lower case wins, empty removes, CGI ignores HTTP_PROXY', () => {
  assert.deepEqual(getproxies({ HTTP_PROXY: 'http://A', http_proxy: 'http://a', HTTPS_PROXY: 'http://s', no_proxy: 'x' }), { http: 'http://a', https: 'http://s', no: 'x' });
  assert.deepEqual(getproxies({ HTTP_PROXY: 'http://A', REQUEST_METHOD: 'GET' }), {});
  assert.deepEqual(getproxies({ HTTP_PROXY: 'http://A', http_proxy: '' }), {});
  assert.deepEqual(getproxies({ FTP_PROXY: 'f' }), { ftp: 'f' });
});

test('ProxyHandler grows <scheme>Open methods and skips no_proxy hosts', () => {
  const p = new ProxyHandler({ http: 'http://proxy:3128', HTTPS: 'proxy:3129' });
  assert.equal(typeof (p as unknown as Record<string, unknown>).httpOpen, 'function');
  assert.equal(typeof (p as unknown as Record<string, unknown>).httpsOpen, 'function');
  const opener = new OpenerDirector();
  opener.addHandler(p);
  assert.equal(opener.handleOpen.get('http')?.[0], p);
});

test('Request: data setter drops Content-length, str data is refused when sent', async () => {
  const r = new Request('http://example.com/', { data: bytes('a'), headers: { 'content-length': '1' } });
  assert.equal(r.getHeader('Content-length'), '1');
  r.data = bytes('bb');
  assert.equal(r.hasHeader('Content-length'), false);
  assert.equal(r.getMethod(), 'POST');
  r.data = null;
  assert.equal(r.getMethod(), 'GET');
  assert.throws(() => new Request('no-scheme'), /unknown url type: 'no-scheme'/);
  const opener = buildOpener(new ProxyHandler({}));
  await assert.rejects(opener.open(new Request('http://127.0.0.1:1/', { data: 'text' as unknown as Uint8Array })), TypeError);
  await assert.rejects(opener.open('http:///x'), (e: unknown) => e instanceof URLError && e.reason === 'no host given');
});
