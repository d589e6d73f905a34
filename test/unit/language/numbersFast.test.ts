// The fast number path (doubles, no regular expression) agrees with the exact BigInt parse on
// every input: the same value, or the same error.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNumber, parseNumberExact } from '../../../common/src/language/numbers';

const CHARS = '0123456789abcdefABCDEFxX_kKmMgGtTpPeEiIbB.';

test('parseNumber equals the exact BigInt parse on generated literals', () => {
  const literal = fc.oneof(
    fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 24 }),
    fc.bigInt({ min: 0n, max: (1n << 66n) }).map((v) => '0x' + v.toString(16)),
    fc.bigInt({ min: 0n, max: (1n << 66n) }).map((v) => v.toString()),
    fc.tuple(fc.nat(1 << 30), fc.constantFrom('K', 'M', 'G', 'T', 'P', 'E', 'KiB', 'mb', 'g')).map(([v, u]) => `${v}${u}`),
    fc.tuple(fc.nat(0xffff), fc.nat(0xffff), fc.constantFrom('_', '__')).map(([a, b, s]) => `0x${a.toString(16)}${s}${b.toString(16).padStart(4, '0')}`),
  );
  fc.assert(fc.property(literal, (s) => { assert.deepEqual(parseNumber(s), parseNumberExact(s), s); }), { numRuns: 20_000 });
});

test('edges around 2^53 and 2^64', () => {
  for (const s of ['9007199254740991', '9007199254740992', '9007199254740993', '0x1f_ffff_ffff_ffff', '0x20_0000_0000_0001',
    '0xffff_ffff_ffff_ffff', '0x1_0000_0000_0000_0000', '8191P', '8192P', '15E', '16E', '0x', '0x_1', '1_', '1__2', '_1', '4KiB', '4kb', '4Ki']) {
    assert.deepEqual(parseNumber(s), parseNumberExact(s), s);
  }
  assert.equal((parseNumber('9007199254740993') as { value: bigint }).value, 9007199254740993n);
});
