import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { RobotFileParser } from '../../src/robotparser/robotparser.js';
import * as barrel from '../../src/robotparser/index.js';
import { installOpener, buildOpener } from '../../src/urllib/opener.js';
import { ProxyHandler } from '../../src/urllib/handlers-proxy.js';
import { URLError } from '../../src/urllib/errors.js';
import { startRawServer, type RawServer } from '../urllib/raw-server.js';

let httpbin: HttpbinServer;
let raw: RawServer;

const ROBOTS = [
  'User-agent: figtree',
  'Crawl-delay: 3',
  'Request-rate: 9/30',
  'Disallow: /tmp',
  'Disallow: /a%3cd.html',
  'Disallow: /a%2fb.html',
  'Disallow: /%7ejoe/index.html',
  '',
  'User-agent: *',
  'Disallow: /cyberworld/map/ # This is an infinite virtual URL space',
  'Allow: /cyberworld/map/index.html',
  'Sitemap: http://www.example.com/sitemap.xml',
].join('\n');

function response(status: string, body = ''): string {
  return `HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

before(async () => {
  httpbin = await startHttpbin();
  raw = await startRawServer({
    '/robots.txt': response('200 OK', ROBOTS),
    '/401/robots.txt': response('401 Unauthorized'),
    '/403/robots.txt': response('403 Forbidden'),
    '/404/robots.txt': response('404 Not Found'),
    '/500/robots.txt': response('500 Internal Server Error'),
    '/bom/robots.txt': Buffer.concat([Buffer.from(response('200 OK').replace('Length: 0', 'Length: 32'), 'latin1'), Buffer.from('\ufeffUser-agent: *\r\nDisallow: /x\r\n', 'utf8')]),
  });
  installOpener(buildOpener(new ProxyHandler({})));
});

after(async () => {
  installOpener(null);
  await raw?.close();
  await httpbin?.close();
});

test('the barrel exports RobotFileParser', () => {
  assert.equal(barrel.RobotFileParser, RobotFileParser);
});

test('read() fetches and parses robots.txt (CPython docs example)', async () => {
  const rp = new RobotFileParser();
  rp.setUrl(`${raw.url}/robots.txt`);
  assert.equal(rp.mtime(), 0);
  assert.equal(rp.canFetch('*', '/anything'), false, 'nothing is allowed before read()');
  await rp.read();
  assert.ok(Math.abs(rp.mtime() - Date.now()) < 5000, 'mtime is milliseconds since the epoch, like Date.now()');
  assert.equal(rp.canFetch('figtree', '/tmp/x'), false);
  assert.equal(rp.canFetch('FigTree/1.0', `${raw.url}/tmp`), false);
  assert.equal(rp.canFetch('figtree', '/a<d.html'), false);
  assert.equal(rp.canFetch('figtree', '/a%3Cd.html'), false);
  assert.equal(rp.canFetch('figtree', '/~joe/index.html'), false);
  assert.equal(rp.canFetch('figtree', '/cyberworld/map/x'), true, 'the named entry wins over *');
  assert.equal(rp.canFetch('other', '/cyberworld/map/x'), false);
  assert.equal(rp.canFetch('other', '/cyberworld/map/index.html'), false, 'first matching rule wins');
  assert.equal(rp.canFetch('other', '/tmp'), true);
  assert.equal(rp.crawlDelay('figtree'), 3);
  assert.deepEqual(rp.requestRate('figtree'), { requests: 9, seconds: 30 });
  assert.equal(rp.crawlDelay('other'), null);
  assert.equal(rp.requestRate('other'), null);
  assert.deepEqual(rp.siteMaps(), ['http://www.example.com/sitemap.xml']);
  assert.equal(
    rp.toString(),
    'User-agent: figtree\nCrawl-delay: 3\nRequest-rate: 9/30\nDisallow: /tmp\nDisallow: /a%3Cd.html\nDisallow: /a/b.html\nDisallow: /~joe/index.html\n\n' +
      'User-agent: *\nDisallow: /cyberworld/map/\nAllow: /cyberworld/map/index.html',
  );
});

test('401 and 403 disallow everything, other 4xx allow everything, 5xx leaves it unread', async () => {
  const expect: Array<[string, boolean]> = [['401', false], ['403', false], ['404', true], ['500', false]];
  for (const [code, allowed] of expect) {
    const rp = new RobotFileParser(`${raw.url}/${code}/robots.txt`);
    await rp.read();
    assert.equal(rp.canFetch('bot', '/page'), allowed, code);
    assert.equal(rp.disallowAll, code === '401' || code === '403');
    assert.equal(rp.allowAll, code === '404');
  }
});

test('read() against the embedded httpbin /robots.txt', async () => {
  const rp = new RobotFileParser(`${httpbin.url}/robots.txt`);
  await rp.read();
  assert.equal(rp.canFetch('any', '/deny'), false);
  assert.equal(rp.canFetch('any', '/get'), true);
});

test('a UTF-8 BOM is kept in the first line, as CPython (decode("utf-8")) does', async () => {
  const rp = new RobotFileParser(`${raw.url}/bom/robots.txt`);
  await rp.read();
  // '\ufeffUser-agent' is not 'user-agent': the group never starts, so everything is allowed.
  assert.equal(rp.canFetch('bot', '/x'), true);
});

test('connection failures propagate as URLError', async () => {
  const rp = new RobotFileParser('http://127.0.0.1:1/robots.txt');
  await assert.rejects(rp.read(), URLError);
});

test('parse() without read(), modified() and mtime()', () => {
  const rp = new RobotFileParser();
  rp.parse(['User-agent: *', 'Disallow: /private', 'Disallow:', 'Crawl-delay: x']);
  assert.ok(rp.mtime() > 0);
  assert.equal(rp.canFetch('a', 'http://h/private/x'), false);
  assert.equal(rp.canFetch('a', 'http://h/public'), true);
  assert.equal(rp.crawlDelay('a'), null);
  assert.equal(rp.siteMaps(), null);
  rp.lastChecked = 0;
  rp.modified();
  assert.ok(rp.mtime() > 1.6e12 && rp.mtime() <= Date.now());
});

test('empty Disallow allows, empty file allows, rules before User-agent are ignored', () => {
  const rp = new RobotFileParser();
  rp.parse(['Disallow: /', '', 'User-agent: bot', 'Disallow:']);
  assert.equal(rp.canFetch('bot', '/x'), true);
  assert.equal(rp.toString(), 'User-agent: bot\nAllow: ');
  const empty = new RobotFileParser();
  empty.parse([]);
  assert.equal(empty.canFetch('bot', '/x'), true);
});
