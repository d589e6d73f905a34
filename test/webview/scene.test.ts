import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeLayout } from '../../common/src/render/layout';
import { buildScene, fullLayer, legendItems, sceneParts, fittedGeometry, GEOMETRY } from '../../common/src/render/scene';
import { serialize } from '../../common/src/render/serialize';
import { formatHex, formatRange, parseHex } from '../../common/src/render/address';
import { textOf, walk, type VNode } from '../../common/src/render/vnode';
import type { MapModel } from '../../common/src/render/mapModel';
import { loadFixtures } from './fixtures';

const fixtures = loadFixtures();
const byName = (name: string) => fixtures.find((f) => f.name === name)!.model;

function scene(model: MapModel, mode: 'compressed' | 'linear' = 'compressed', standalone = false) {
  return buildScene(model, computeLayout(model, { mode }), { standalone });
}

function items(root: VNode, cls: string): VNode[] {
  return [...walk(root)].filter((n) => n.tag === 'g' && (n.attrs.class ?? '').split(' ').includes(cls));
}

for (const { name, model } of fixtures) {
  test(`${name}: every region and segment is drawn with its hex addresses, reachable by keyboard`, () => {
    for (const mode of ['compressed', 'linear'] as const) {
      const { root } = scene(model, mode);
      const regions = new Map(items(root, 'region').map((n) => [n.attrs['data-id'], n]));
      assert.equal(regions.size, model.regions.length);
      for (const r of model.regions) {
        const node = regions.get(r.id);
        assert.ok(node, `${r.id} drawn`);
        assert.equal(node.attrs['data-type'], r.type);
        assert.equal(node.attrs.tabindex, '0');
        assert.equal(node.attrs.role, 'button');
        assert.ok(node.attrs['aria-label'].includes(formatRange(parseHex(r.start), parseHex(r.end))));
        assert.ok(textOf(node).includes(formatRange(parseHex(r.start), parseHex(r.end))), `${r.id} shows its range`);
      }
      const segments = new Map(items(root, 'segment').map((n) => [n.attrs['data-id'], n]));
      assert.equal(segments.size, model.segments.length);
      for (const s of model.segments) {
        const node = segments.get(s.id)!;
        assert.equal(node.attrs['data-name'], s.name);
        assert.equal(node.attrs['data-severity'], s.severity ?? undefined);
        assert.equal(node.attrs.tabindex, '0');
        const text = textOf(node);
        if (s.placed) assert.ok(text.includes(formatHex(parseHex(s.start))), `${s.id} shows its start`);
        else assert.ok(text.includes('not placed'));
        for (const m of s.messages) assert.ok(text.includes(m), `${s.id} carries its messages for the hover`);
      }
    }
  });
}

test('tdx-guest: unaccepted memory is shaded, accepted units and the guard unit are marked apart', () => {
  const model = byName('tdx-guest');
  const { root } = scene(model);
  const rects = [...walk(root)].filter((n) => n.tag === 'rect');
  const cls = (c: string) => rects.filter((r) => r.attrs.class === c);
  assert.equal(cls('unaccepted').length, model.unaccepted.length, 'shade over the region column');
  assert.equal(cls('unaccepted lane').length, model.unaccepted.length);
  assert.equal(cls('accepted').length, model.accepted.filter((a) => !a.guard).length);
  assert.equal(cls('accepted guard').length, model.accepted.filter((a) => a.guard).length);
  const guard = items(root, 'accepted-range').find((g) => g.attrs['data-guard'] === 'true')!;
  assert.ok(textOf(guard).includes('guard unit'));
  assert.ok(legendItems(model).some((i) => i.key === 'guard'));
});

test('sparse-cxl: the 1 TiB gap becomes a marked break; nested regions sit inside their parent', () => {
  const model = byName('sparse-cxl');
  const layout = computeLayout(model, { mode: 'compressed' });
  const { root } = buildScene(model, layout);
  const breaks = items(root, 'gap-break');
  assert.equal(breaks.length, layout.breaks.length);
  assert.ok(breaks.some((b) => textOf(b).includes('gap · 1 TiB')), 'the 1 TiB gap is labelled');
  const band = (id: string) => items(root, 'region').find((g) => g.attrs['data-id'] === id)!.children.find((c) => c.attrs.class === 'band')!;
  const [parent, child] = [band('r5'), band('r6')];
  const n = (v: string) => Number(v);
  assert.ok(n(child.attrs.x) > n(parent.attrs.x) && n(child.attrs.x) + n(child.attrs.width) < n(parent.attrs.x) + n(parent.attrs.width));
  assert.ok(n(child.attrs.y) >= n(parent.attrs.y) && n(child.attrs.y) + n(child.attrs.height) <= n(parent.attrs.y) + n(parent.attrs.height) + 1e-6);
});

test('xss-overlap: hostile labels and names stay text and attribute values', () => {
  const model = byName('xss-overlap');
  for (const standalone of [false, true]) {
    const { root } = scene(model, 'compressed', standalone);
    const tags = new Set([...walk(root)].map((n) => n.tag));
    assert.ok(!tags.has('img') && !tags.has('script') && !tags.has('b') && !tags.has('foreignObject'), [...tags].join(','));
    const texts = [...walk(root)].map((n) => n.text ?? '');
    assert.ok(texts.some((t) => t.includes('"<img src=x onerror=alert(1)>"')), 'the label is a text node');
    const seg = items(root, 'segment').find((g) => g.attrs['data-id'] === 's0')!;
    assert.equal(seg.attrs['data-name'], 'a<b>&"c\'');
    assert.ok(textOf(seg).includes('a<b>&"c\''));
    for (const n of walk(root)) for (const k of Object.keys(n.attrs)) assert.ok(!/^on/i.test(k), `no event attribute ${k}`);
    const svg = serialize(root);
    assert.ok(!svg.includes('<img') && !svg.includes('<script') && !svg.includes('<b>'));
    assert.ok(svg.includes('&quot;&lt;img src=x onerror=alert(1)&gt;&quot;'));
    assert.ok(svg.includes('data-name="a&lt;b&gt;&amp;&quot;c&apos;"'));
  }
});

test('xss-overlap: overlapping error segments sit in two lanes; the unplaced one is listed', () => {
  const model = byName('xss-overlap');
  const layout = computeLayout(model, { mode: 'compressed' });
  assert.equal(layout.lanes, 2);
  const { root } = buildScene(model, layout);
  const unplaced = items(root, 'unplaced');
  assert.deepEqual(unplaced.map((g) => g.attrs['data-name']), ['blob']);
  assert.equal(items(root, 'segment').filter((g) => g.attrs['data-severity'] === 'error').length, 3);
});

test('the standalone SVG carries styles, title, legend and a size', () => {
  const model = byName('kdump-crash');
  const s = scene(model, 'compressed', true);
  assert.equal(s.root.attrs.xmlns, 'http://www.w3.org/2000/svg');
  assert.ok(s.root.attrs.viewBox.startsWith('0 0 '));
  const tags = [...walk(s.root)].map((n) => n.tag);
  assert.ok(tags.includes('style') && tags.includes('title'));
  assert.ok(items(s.root, 'kexec-legend').length === 1);
  const legend = legendItems(model).map((i) => i.key);
  assert.deepEqual(legend.filter((k) => k.startsWith('type-')), ['type-ram', 'type-crashkernel', 'type-kernel', 'type-reserved', 'type-rom']);
});

test('10,000 regions: scene and SVG text build in reasonable time', () => {
  const model = fixtures.find((f) => f.name === 'many-regions')!.model;
  const t0 = performance.now();
  const s = scene(model);
  const svg = serialize(s.root);
  const ms = performance.now() - t0;
  assert.equal(items(s.root, 'region').length, 10_000);
  assert.ok(svg.length > 1_000_000);
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
});

for (const { name, model } of fixtures) {
  test(`${name}: scene parts give every item an extent, a builder and its place in Tab order`, () => {
    const layout = computeLayout(model, { mode: 'compressed' });
    const parts = sceneParts(model, layout);
    // Export builds every item of every layer: the same tree as the picture.
    assert.deepEqual(buildScene(model, layout).root.children[1].children[0].children, parts.layers.map(fullLayer));
    const ids: string[] = [];
    for (const l of parts.layers) {
      assert.ok(l.maxHeight >= 0 && l.maxRoom >= 0);
      for (let i = 0; i < l.count; i++) {
        assert.ok(l.y0[i] <= l.y1[i] && l.y0[i] >= 0 && l.y1[i] <= parts.contentHeight + 8, `${l.group.attrs.class} ${i}: ${l.y0[i]}..${l.y1[i]}`);
        assert.ok(l.y1[i] - l.y0[i] <= l.maxHeight && l.room[i] <= Math.max(l.maxRoom, 0));
        const id = l.ids[i];
        if (id === undefined) continue;
        ids.push(id);
        const node = l.build(i);
        assert.equal(node.attrs['data-id'], id);
        assert.equal(node.attrs.tabindex, '0');
        // The extent is what the element draws: its first box.
        const box = node.children.find((c) => c.tag === 'rect' && c.attrs.class !== 'band-bg')!;
        assert.ok(Math.abs(Number(box.attrs.y) - l.y0[i]) < 0.01 && Math.abs(Number(box.attrs.y) + Number(box.attrs.height) - l.y1[i]) < 0.01, `${id} extent`);
        if (l.agg[i]) assert.ok(l.agg[i]!.w > 0, `${id} has a merged look`);
      }
    }
    // Regions by address (a parent before its children), then acceptance items, then segments.
    const regionOrder = [...model.regions].map((r, i) => ({ r, i, s: parseHex(r.start) }))
      .sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0) || a.r.depth - b.r.depth || a.i - b.i).map((x) => x.r.id);
    const placed = model.segments.filter((s) => s.placed).map((s) => s.id);
    assert.deepEqual(ids, [...regionOrder, ...model.unaccepted.map((_, i) => `u${i}`), ...model.accepted.map((_, i) => `a${i}`), ...placed]);
  });
}

test('columns fit a narrow panel: every segment lane ends inside the given width', () => {
  for (const { name, model } of loadFixtures()) {
    const layout = computeLayout(model, { mode: 'compressed' });
    assert.deepEqual(fittedGeometry(model, layout, 2000), GEOMETRY, name); // room enough: unchanged
    const parts = sceneParts(model, layout, 520);
    const lanes = Math.max(layout.lanes, model.segments.length > 0 ? 1 : 0);
    if (lanes <= 1) assert.ok(parts.contentWidth <= 520, `${name}: ${parts.contentWidth} px in a 520 px panel`);
    assert.ok(parts.contentWidth < sceneParts(model, layout).contentWidth, name);
  }
});

test('in a 500 px panel the ruler narrows to its widest label and every segment name stays whole', () => {
  for (const { name, model } of fixtures) {
    const layout = computeLayout(model, { mode: 'compressed' });
    const g = fittedGeometry(model, layout, 500);
    const widest = formatHex(layout.top).length * g.hexCharW;
    // Tick labels end 8 px left of the axis: the widest still fits, with the 8 px margin left of it.
    assert.ok(widest <= g.rulerW - 16 && g.rulerW <= GEOMETRY.rulerW, `${name}: ruler ${g.rulerW} px for ${widest} px of label`);
    assert.equal(g.regionX - g.rulerW, GEOMETRY.regionX - GEOMETRY.rulerW, name);
    const { root } = buildScene(model, layout, { fitWidth: 500 });
    for (const s of model.segments.filter((s) => s.placed)) {
      const node = items(root, 'segment').find((n) => n.attrs['data-id'] === s.id)!;
      const label = [...walk(node)].find((n) => n.attrs.class === 'name')!;
      assert.equal(label.text, s.name, `${name}: ${s.name} in a ${g.laneW} px lane`);
    }
  }
  // The TDX guest fits 500 px whole; its ruler gives the regions what its labels leave empty.
  const model = byName('tdx-guest');
  const layout = computeLayout(model, { mode: 'compressed' });
  const parts = sceneParts(model, layout, 500);
  const g = fittedGeometry(model, layout, 500);
  assert.ok(parts.contentWidth <= 500, `${parts.contentWidth} px`);
  assert.ok(g.rulerW <= GEOMETRY.rulerW - 50, `ruler ${g.rulerW} px`);
  assert.ok(g.regionW >= 180, `regions ${g.regionW} px`);
});
