import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startsWithIgnoreCase, upperCased } from '../../src/internal/ascii.js';

test('startsWithIgnoreCase agrees with toLowerCase().startsWith() on URL prefixes', () => {
  const prefixes = ['http', 'http:', 'https:', 'HTTPS://', 'http://example.com/', 'mailto:', 'é', ''];
  const inputs = ['http://a', 'HTTP://a', 'HtTpS://a', 'https:x', 'httpx://', 'ftp://', 'htt', 'H', '', 'http://EXAMPLE.com/x',
    'Http:', '@ttp:', '`ttp:', 'ÉCOLE', 'école', 'mailto:x', 'MAILTO:x', 'h\u0130tp'];
  for (const s of inputs) {
    for (const p of prefixes) {
      assert.equal(startsWithIgnoreCase(s, p), s.toLowerCase().startsWith(p.toLowerCase()), `${JSON.stringify(s)} / ${JSON.stringify(p)}`);
    }
  }
});

test('upperCased agrees with toUpperCase() on ASCII, Latin-1 and the letters that change length or case oddly', () => {
  const cases = ['GET', 'get', 'Post', 'M-SEARCH', 'patch', 'ünïcode', 'ß', 'ſ', '', 'A1_b', 'ÀB', 'ab\u0131', 'PROPFIND', 'x'.repeat(40)];
  for (let c = 0; c < 0x250; c++) cases.push(`A${String.fromCharCode(c)}B`);
  for (const s of cases) assert.equal(upperCased(s), s.toUpperCase(), JSON.stringify(s));
});
