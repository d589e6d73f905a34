// The compact model the standalone page embeds: it decodes to exactly the model it was made from
// (every fixture, the 10,000-region map, every example layout's model, 64-bit edges), falls back
// to the plain model when it cannot store one exactly, is smaller than the plain region JSON, and
// the decoder refuses malformed input instead of drawing it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCompactModel, encodeCompactModel, isCompactModel } from '../../common/src/render/compactModel';
import type { MapModel } from '../../common/src/render/mapModel';
import { checkText } from '../../common/src/features/check';
import { memoryMapModel } from '../../common/src/features/memoryMap';
import { loadFixtures, manyRegions, REPO_ROOT } from './fixtures';

const roundTrip = (m: MapModel) => decodeCompactModel(JSON.parse(JSON.stringify(encodeCompactModel(m))));

for (const { name, model } of loadFixtures()) {
  test(`${name}: the compact model decodes to the same model`, () => {
    const c = encodeCompactModel(model);
    assert.ok(c && isCompactModel(c), 'encodable');
    assert.deepStrictEqual(roundTrip(model), model);
  });
}

test('every example layout: the compact model of its map decodes to the same model', async () => {
  const dir = join(REPO_ROOT, 'examples');
  const names = readdirSync(dir).filter((n) => n.endsWith('.kexec'));
  assert.ok(names.length > 3);
  for (const name of names) {
    const model = memoryMapModel(await checkText(readFileSync(join(dir, name), 'utf8')), name);
    assert.deepStrictEqual(roundTrip(model), model, name);
  }
});

test('64-bit edges, overlaps going backwards, irregular ids and no labels round-trip', () => {
  const src = (l: number) => ({ start: { line: l, character: 2 }, end: { line: l + 1, character: 0 } });
  const base = manyRegions(3);
  const model: MapModel = {
    ...base,
    regions: [
      { id: 'r7', start: '0xffffffffffff0000', end: '0x10000000000000000', type: 'mmio', depth: 0, source: src(9) },
      { id: 'x', start: '0x0', end: '0x1000', type: 'ram', depth: 0, source: src(2) },
      { id: 'c', start: '0x800', end: '0x900', type: 'kernel', depth: 1, parent: 'x', label: 'k', source: src(3) },
      { id: 'e', start: '0x20000000000000', end: '0x20000000000001', type: 'ram', depth: 0, source: src(4) },
      { id: 'z', start: '0x5', end: '0x5', type: 'ram', depth: 0, source: src(0) },
    ],
    accepted: [{ start: '0x0', end: '0x200000', segment: 'kernel', guard: false }, { start: '0x200000', end: '0x400000', segment: 'kernel', guard: true }],
  };
  const c = encodeCompactModel(model)!;
  assert.ok(c.regions.ids, 'irregular ids are stored');
  assert.deepStrictEqual(roundTrip(model), model);
});

test('a model it cannot store exactly is left plain', () => {
  const m = manyRegions(5);
  assert.equal(encodeCompactModel({ ...m, regions: m.regions.map((r, i) => (i === 2 ? { ...r, start: '0x00' + r.start.slice(2) } : r)) }), null, 'leading zeros');
  assert.equal(encodeCompactModel({ ...m, regions: m.regions.map((r, i) => (i === 2 ? { ...r, end: r.end.toUpperCase().replace('0X', '0x') } : r)) }), null, 'upper case');
  assert.equal(encodeCompactModel({ ...m, regions: m.regions.map((r, i) => (i === 2 ? { ...r, parent: 'nowhere' } : r)) }), null, 'a parent that names no region');
});

test('10,000 regions: the compact model is well under the plain region JSON', () => {
  const m = manyRegions(10_000);
  const raw = JSON.stringify(m.regions.map((r) => ({ start: r.start, end: r.end, type: r.type, ...(r.label !== undefined ? { label: r.label } : {}) }))).length;
  const compact = JSON.stringify(encodeCompactModel(m)).length;
  assert.ok(compact < raw * 0.6, `compact ${compact} bytes, raw regions ${raw}`);
});

test('malformed compact models are refused', () => {
  const good = JSON.parse(JSON.stringify(encodeCompactModel(manyRegions(20))));
  const bad = (what: string, edit: (c: any) => void) => {
    const c = JSON.parse(JSON.stringify(good));
    edit(c);
    assert.throws(() => decodeCompactModel(c), /not a valid memory-map model/, what);
  };
  bad('address token', (c) => { c.regions.addr = c.regions.addr.replace(/^[^,]*/, 'zz'); });
  bad('address count', (c) => { c.regions.addr += ',1,1'; });
  bad('negative address', (c) => { c.regions.addr = '-1000,' + c.regions.addr.split(',').slice(1).join(','); });
  bad('above 2^64', (c) => { c.regions.addr = '10000000000000000,1,' + c.regions.addr.split(',').slice(2).join(','); });
  bad('type index', (c) => { c.regions.type[0] = 99; });
  bad('source', (c) => { c.regions.src[1] = -1; });
  bad('source line below 0', (c) => { c.regions.src[0] = -5; });
  bad('parent', (c) => { c.regions.parent = c.regions.type.map(() => 1e6); });
  bad('label step', (c) => { c.regions.labelAt[0] = 0; });
  bad('label text', (c) => { c.regions.label[0] = 7; });
  bad('head', (c) => { c.head.outcome.load = 'maybe'; });
  bad('segment', (c) => { c.segments[0].messages = 'x'; });
  bad('accepted guard', (c) => { c.accepted = { n: 1, addr: '0,1000', names: ['s'], seg: [0], guard: [2] }; });
  bad('not compact', (c) => { c.compact = 2; });
});
