import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTable } from '../../client/webview/table';
import { walk, textOf } from '../../server/src/render/vnode';
import { loadFixtures } from './fixtures';

for (const { name, model } of loadFixtures().filter((f) => f.name !== 'many-regions')) {
  test(`${name}: the table has one row per item, each with a reveal button`, () => {
    const table = buildTable(model);
    const rows = [...walk(table)].filter((n) => n.tag === 'tr' && n.attrs['data-id']);
    assert.equal(rows.length, model.regions.length + model.segments.length + model.unaccepted.length + model.accepted.length);
    for (const r of model.regions) {
      const row = rows.find((x) => x.attrs['data-id'] === r.id)!;
      assert.ok(textOf(row).includes(r.start), `${r.id} start shown`);
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
