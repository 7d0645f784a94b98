import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addSecondBase } from '../../src/internal/brand.js';

test('a class branded with a second base is instanceof both bases, others are not', () => {
  class ConnectionError extends Error {}
  class Timeout extends Error {}
  class ConnectTimeout extends ConnectionError {}
  class ReadTimeout extends Timeout {}
  addSecondBase(ConnectTimeout, Timeout);
  const ct = new ConnectTimeout('x');
  assert.ok(ct instanceof ConnectionError);
  assert.ok(ct instanceof Timeout);
  assert.ok(new ReadTimeout('y') instanceof Timeout);
  assert.ok(!(new ConnectionError('z') instanceof Timeout));
  assert.ok(!(new ReadTimeout('y') instanceof ConnectTimeout));
  assert.ok(!((null as unknown) instanceof Timeout));
});
