// The worked accept_memory examples of kernel.md §4.4 (unit 2 MiB, base 0, bits 1..3 set).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnacceptedTable } from '../../../common/src/engine/unaccepted';

const U = 0x20_0000n;
const table = () => new UnacceptedTable(U, 0n, 1n, [{ first: 1n, last: 4n }]);
const units = (t: UnacceptedTable, s: bigint, n: bigint) => t.acceptMemory(s, n).map((r) => [r.start / U, r.end / U]);

test('accept_memory(0x200000, 0x1000): end not aligned → unit 1 only', () => {
  assert.deepEqual(units(table(), 0x20_0000n, 0x1000n), [[1n, 2n]]);
});

test('accept_memory(0x200000, 0x200000): aligned end → units 1 and 2 (guard)', () => {
  assert.deepEqual(units(table(), 0x20_0000n, 0x20_0000n), [[1n, 3n]]);
});

test('accept_memory(0x5ff000, 0x1000): end 0x600000 aligned → units 2 and 3', () => {
  assert.deepEqual(units(table(), 0x5f_f000n, 0x1000n), [[2n, 4n]]);
});

test('accept_memory(X, 0) at an aligned X accepts the unit at X', () => {
  assert.deepEqual(units(table(), 0x40_0000n, 0n), [[2n, 3n]]);
  // Unaligned and empty: bits [floor(start/unit), ceil(end/unit)) = [2, 3) — the unit is still accepted.
  assert.deepEqual(units(table(), 0x40_1000n, 0n), [[2n, 3n]]);
  assert.deepEqual(units(table(), 0x80_0000n, 0n), []); // past the set bits
});

test('a range ending exactly at phys_base accepts the first bitmap unit', () => {
  const t = new UnacceptedTable(U, 0x4000_0000n, 1n, [{ first: 0n, last: 2n }]);
  assert.deepEqual(t.acceptMemory(0x3fe0_0000n, 0x20_0000n), [{ start: 0x4000_0000n, end: 0x4020_0000n }]);
  assert.deepEqual(new UnacceptedTable(U, 0x4000_0000n, 1n, [{ first: 0n, last: 2n }]).acceptMemory(0x3fe0_0000n, 0x1f_f000n), []);
});

test('nothing is accepted twice; accepted bits stay clear', () => {
  const t = table();
  assert.deepEqual(units(t, 0x20_0000n, 0x20_0000n), [[1n, 3n]]);
  assert.deepEqual(units(t, 0x20_0000n, 0x60_0000n), [[3n, 4n]]);
  assert.deepEqual(units(t, 0n, 0x100_0000n), []);
  assert.ok(t.isEmpty);
});

test('the bitmap cap clamps the guard unit', () => {
  // 8 bits of bitmap (1 byte): the guard unit past bit 7 is outside the table and accepted already.
  const t = new UnacceptedTable(U, 0n, 1n, [{ first: 6n, last: 8n }]);
  assert.deepEqual(units(t, 6n * U, 2n * U), [[6n, 8n]]);
  assert.equal(t.acceptMemory(8n * U, U).length, 0);
});

test('range_contains_unaccepted_memory: guard and the unaligned-start quirk', () => {
  const t = new UnacceptedTable(U, 0n, 1n, [{ first: 1n, last: 2n }]);
  assert.equal(t.rangeContainsUnaccepted(0x1f_f000n, 0x1000n), true);   // last page of unit 0: guard tests unit 1
  assert.equal(t.rangeContainsUnaccepted(0x1f_e000n, 0x1000n), false);  // end not aligned: only unit 0
  // Start 0x1000 into unit 0, size one unit: tests bit 0 only (0x1000 + 2M is not < end 0x201000 + ...): the quirk
  const q = new UnacceptedTable(U, 0n, 1n, [{ first: 1n, last: 2n }]);
  assert.equal(q.rangeContainsUnaccepted(0x1000n, 0x20_0000n), false);
  assert.deepEqual(q.acceptMemory(0x1000n, 0x20_0000n), [{ start: U, end: 2n * U }]); // accept_memory rounds the end up
});

test('fromRanges keeps whole units only and a 1 TiB range is one run', () => {
  const t = UnacceptedTable.fromRanges(U, [{ start: 0x10_0000n, end: 0x70_0000n }])!;
  assert.deepEqual(t.ranges(), [{ start: 0x20_0000n, end: 0x60_0000n }]);
  const big = UnacceptedTable.fromRanges(U, [{ start: 1n << 40n, end: 2n << 40n }])!;
  assert.equal(big.unitCount(), (1n << 40n) / U);
  assert.equal(big.ranges().length, 1);
  assert.equal(big.sizeBytes, (1n << 40n) / U / 8n);
});

test('a wrapped range (start + size past 2^64) accepts nothing', () => {
  const t = table();
  assert.deepEqual(t.acceptMemory((1n << 64n) - 0x1000n, 0x3000n), []);
});
