import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressInNetwork, getEnvironProxies, getproxiesEnvironment, isValidCidr, selectProxy, shouldBypassProxies } from '../../src/pool/env-proxies.js';

test('getproxiesEnvironment: either case, lower-case wins, empty lower-case removes', () => {
  assert.deepEqual(getproxiesEnvironment({ HTTP_PROXY: 'http://A:1', https_proxy: 'http://b:2', ALL_PROXY: 'http://c:3', NO_PROXY: 'x' }),
    { http: 'http://A:1', https: 'http://b:2', all: 'http://c:3', no: 'x' });
  assert.deepEqual(getproxiesEnvironment({ HTTP_PROXY: 'http://upper:1', http_proxy: 'http://lower:1' }), { http: 'http://lower:1' });
  assert.deepEqual(getproxiesEnvironment({ HTTP_PROXY: 'http://upper:1', http_proxy: '' }), {});
  assert.deepEqual(getproxiesEnvironment({ PATH: '/bin', HOME: '/root' }), {});
});

test('httpoxy: under CGI an upper-case HTTP_PROXY is ignored', () => {
  assert.deepEqual(getproxiesEnvironment({ REQUEST_METHOD: 'GET', HTTP_PROXY: 'http://evil:1' }), {});
  assert.deepEqual(getproxiesEnvironment({ REQUEST_METHOD: 'GET', http_proxy: 'http://ok:1' }), { http: 'http://ok:1' });
});

test('no_proxy: hosts, suffixes, .domain, host:port, *', () => {
  const env = {};
  const np = 'localhost,.example.com,internal.test:8080';
  assert.equal(shouldBypassProxies('http://localhost/', np, env), true);
  assert.equal(shouldBypassProxies('http://a.example.com/', np, env), true);
  assert.equal(shouldBypassProxies('http://example.com/', np, env), true, 'CPython strips the leading dot');
  assert.equal(shouldBypassProxies('http://internal.test:8080/', np, env), true);
  assert.equal(shouldBypassProxies('http://internal.test:9090/', np, env), false);
  assert.equal(shouldBypassProxies('http://other.org/', np, env), false);
  assert.equal(shouldBypassProxies('http://other.org/', '*', env), true);
  assert.equal(shouldBypassProxies('http://other.org/', null, { NO_PROXY: 'other.org' }), true);
  assert.equal(shouldBypassProxies('http://other.org/', null, { no_proxy: 'other.org' }), true);
  assert.equal(shouldBypassProxies('file:///x', null, {}), true, 'no host: bypass');
});

test('no_proxy: IPv4 addresses and CIDR ranges', () => {
  const np = '10.0.0.0/8,192.168.1.5';
  assert.equal(shouldBypassProxies('http://10.1.2.3/', np, {}), true);
  assert.equal(shouldBypassProxies('http://192.168.1.5:8000/', np, {}), true);
  assert.equal(shouldBypassProxies('http://192.168.1.6/', np, {}), false);
  assert.equal(shouldBypassProxies('http://11.0.0.1/', np, {}), false);
  assert.equal(isValidCidr('10.0.0.0/8'), true);
  assert.equal(isValidCidr('10.0.0.0/33'), false);
  assert.equal(isValidCidr('10.0.0.0'), false);
  assert.equal(addressInNetwork('127.0.0.1', '127.0.0.0/24'), true);
  assert.equal(addressInNetwork('127.0.1.1', '127.0.0.0/24'), false);
});

test('getEnvironProxies honours no_proxy for a URL', () => {
  const env = { http_proxy: 'http://p:3128', no_proxy: '127.0.0.1' };
  assert.deepEqual(getEnvironProxies('http://127.0.0.1/', { env }), {});
  assert.deepEqual(getEnvironProxies('http://example.org/', { env }), { http: 'http://p:3128' });
  assert.deepEqual(getEnvironProxies(undefined, { env }), { http: 'http://p:3128' });
});

test('selectProxy: scheme://host, scheme, all://host, all', () => {
  const proxies = { 'http://a.test': 'P1', http: 'P2', 'all://b.test': 'P3', all: 'P4' };
  assert.equal(selectProxy('http://a.test/x', proxies), 'P1');
  assert.equal(selectProxy('http://c.test/x', proxies), 'P2');
  assert.equal(selectProxy('https://b.test/x', proxies), 'P3');
  assert.equal(selectProxy('https://c.test/x', proxies), 'P4');
  assert.equal(selectProxy('https://c.test/x', {}), null);
  assert.equal(selectProxy('https://c.test/x', null), null);
});
