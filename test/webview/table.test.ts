import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTable, tableRowCount, tableRowIndex } from '../../client/webview/table';
import { walk, textOf } from '../../common/src/render/vnode';
import { loadFixtures } from './fixtures';
import { formatHex, parseHex } from '../../common/src/render/address';

for (const { name, model } of loadFixtures().filter((f) => f.name !== 'many-regions')) {
  test(`${name}: the table has one row per item, each with a reveal button`, () => {
    const table = buildTable(model);
    const rows = [...walk(table)].filter((n) => n.tag === 'tr' && n.attrs['data-id']);
    assert.equal(rows.length, model.regions.length + model.segments.length + model.unaccepted.length + model.accepted.length);
    for (const r of model.regions) {
      const row = rows.find((x) => x.attrs['data-id'] === r.id)!;
      assert.ok(textOf(row).includes(formatHex(parseHex(r.start))), `${r.id} start shown`); // the map's notation: 0x10_0000
      assert.ok([...walk(row)].some((n) => n.tag === 'button' && n.attrs['data-reveal'] === r.id));
    }
    for (const s of model.segments) {
      const row = rows.find((x) => x.attrs['data-id'] === s.id)!;
      assert.ok(textOf(row).includes(s.name));
      for (const m of s.messages) assert.ok(textOf(row).includes(m));
    }
    assert.ok(![...walk(table)].some((n) => n.tag === 'img' || n.tag === 'script'));
  });
}

test('many-regions: a page of the table holds its rows, says which, and row lookups find every item', () => {
  const model = loadFixtures().find((f) => f.name === 'many-regions')!.model;
  const total = tableRowCount(model);
  assert.equal(total, model.regions.length + model.unaccepted.length + model.accepted.length + model.segments.length);
  const page = buildTable(model, { from: 500, to: 1000 });
  const rows = [...walk(page)].filter((n) => n.tag === 'tr' && n.attrs['data-id']);
  assert.equal(rows.length, 500);
  assert.equal(page.attrs['aria-rowcount'], String(total + 1));
  assert.deepEqual(rows.map((r) => r.attrs['aria-rowindex']), Array.from({ length: 500 }, (_, k) => String(502 + k)));
  assert.ok(textOf(page).includes(`rows 501 to 1000 of ${total}`));
  assert.equal(rows[0].attrs['data-id'], model.regions[500].id);
  const last = buildTable(model, { from: total - 3, to: total + 10 });
  assert.deepEqual([...walk(last)].filter((n) => n.tag === 'tr' && n.attrs['data-id']).map((r) => r.attrs['data-id']), model.segments.slice(-3).map((s) => s.id));
  // Every id maps to the row that shows it.
  const ids = [...model.regions.map((r) => r.id), ...model.unaccepted.map((_, i) => `u${i}`), ...model.accepted.map((_, i) => `a${i}`), ...model.segments.map((s) => s.id)];
  for (const k of [0, 1, 4999, model.regions.length, model.regions.length + 1, total - 1]) assert.equal(tableRowIndex(model, ids[k]), k, ids[k]);
  assert.equal(tableRowIndex(model, 'nope'), -1);
  // The whole table is still one call away (export, small maps) and has no row indices then.
  const full = buildTable(model);
  assert.equal(full.attrs['aria-rowcount'], undefined);
});
