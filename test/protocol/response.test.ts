/** Response parsing: table-driven byte fixtures, each also split at every byte position. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bytes, feed, splits } from './helpers.js';
import type { Outcome } from './helpers.js';
import { fixtures } from './response-fixtures.js';

function check(out: Outcome, expect: (typeof fixtures)[number]['expect'], name: string): void {
  for (const [k, v] of Object.entries(expect)) {
    const actual = k in out ? (out as unknown as Record<string, unknown>)[k] : (out.head as Record<string, unknown> | null)?.[k];
    assert.deepEqual(actual, v, `${name}: ${k}`);
  }
  if (expect.error === undefined) assert.equal(out.error, null, `${name}: unexpected error ${out.error}`);
}

describe('response fixtures', () => {
  for (const f of fixtures) {
    it(f.name, () => {
      const opts = { method: f.method, eof: f.eof };
      const whole = feed([bytes(f.raw)], opts);
      check(whole, f.expect, f.name);
      // Property: the same outcome however the bytes are split (messages may name positions, codes may not differ).
      for (const parts of splits(bytes(f.raw))) {
        assert.deepEqual(feed(parts, opts), whole, `${f.name}: split into ${parts.map((p) => p.length).join('+')}`);
      }
    });
  }
});
