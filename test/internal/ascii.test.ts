import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startsWithIgnoreCase } from '../../src/internal/ascii.js';

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
