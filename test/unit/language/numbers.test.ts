import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNumber } from '../../../common/src/language/numbers';

const ok = (t: string) => { const r = parseNumber(t); assert.ok(r.ok, t); return r.value; };
const err = (t: string) => { const r = parseNumber(t); assert.ok(!r.ok, t); return r.code; };

test('hex, decimal, separators and unit suffixes', () => {
  assert.equal(ok('4096'), 4096n);
  assert.equal(ok('0x1000'), 4096n);
  assert.equal(ok('0X1000'), 4096n);
  assert.equal(ok('0x1_0000_0000'), 1n << 32n);
  assert.equal(ok('1_000'), 1000n);
  assert.equal(ok('16M'), 16n << 20n);
  assert.equal(ok('4KiB'), 4096n);
  assert.equal(ok('16mb'), 16n << 20n);
  assert.equal(ok('2g'), 2n << 30n);
  assert.equal(ok('1T'), 1n << 40n);
  assert.equal(ok('1P'), 1n << 50n);
  assert.equal(ok('15E'), 15n << 60n);
});

test('2^64 - 1 fits; 2^64 overflows and is never wrapped', () => {
  assert.equal(ok('0xffff_ffff_ffff_ffff'), (1n << 64n) - 1n);
  assert.equal(ok('18446744073709551615'), (1n << 64n) - 1n);
  assert.equal(err('0x1_0000_0000_0000_0000'), 'syntax/number-overflow');
  assert.equal(err('18446744073709551616'), 'syntax/number-overflow');
  assert.equal(err('16E'), 'syntax/number-overflow');
});

test('malformed digits and suffixes', () => {
  for (const t of ['0x', '0xg', '12Q', '_1', '1_', '0x_1', '4B', '1.5G', '0x10M', '12KiBB']) assert.equal(err(t), 'syntax/invalid-number', t);
});
