// The webview in headless Chromium: the standalone page for every fixture (DOM content, no
// errors, hostile text stays text, clicks, table, screenshots under test-output/webview/), and
// the VS Code protocol with a stand-in acquireVsCodeApi (ready, model, highlight, reveal, live
// re-render keeping zoom, saved state, SVG export).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { formatHex, formatRange, parseHex } from '../../common/src/render/address';
import type { MapModel } from '../../common/src/render/mapModel';
import { computeLayout } from '../../common/src/render/layout';
import { sceneParts } from '../../common/src/render/scene';
import { jsonForScript, scriptText } from '../../common/src/render/standalone';
import { MAP_CSS, PAGE_CSS } from '../../common/src/render/style';
import { chromiumAvailable, launchChromium, standalonePage, webviewScript } from './chromium';
import { loadFixtures, REPO_ROOT } from './fixtures';

const OUT = join(REPO_ROOT, 'test-output', 'webview');
const fixtures = loadFixtures();
const skip = chromiumAvailable() ? false : 'no Chromium at /usr/bin/chromium (apt-get install chromium)';

interface Watch { errors: string[]; dialogs: string[] }

/** Tab order of the map: regions by address (a parent before its children), acceptance items, placed then unplaced segments. */
function tabOrder(model: MapModel): string[] {
  const regions = model.regions.map((r, i) => ({ r, i, start: parseHex(r.start) }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || a.r.depth - b.r.depth || a.i - b.i)
    .map((x) => x.r.id);
  return [
    ...regions, ...model.unaccepted.map((_, i) => `u${i}`), ...model.accepted.map((_, i) => `a${i}`),
    ...model.segments.filter((s) => s.placed).map((s) => s.id), ...model.segments.filter((s) => !s.placed).map((s) => s.id),
  ];
}

/** Content extents (the zoomable group's coordinates) of the regions, from the same pure scene the webview uses. */
function regionExtents(model: MapModel): Map<string, { y0: number; y1: number }> {
  const parts = sceneParts(model, computeLayout(model, { mode: 'compressed' }));
  const layer = parts.layers.find((l) => l.group.attrs.class === 'regions')!;
  const out = new Map<string, { y0: number; y1: number }>();
  for (let i = 0; i < layer.count; i++) out.set(layer.ids[i]!, { y0: layer.y0[i], y1: layer.y1[i] });
  return out;
}

interface MapView { zoom: number; panY: number; top: number; height: number; headerH: number }

/** The page's current zoom and pan (from the viewport transform) and where the map's visible area is. */
async function mapView(page: Page): Promise<MapView> {
  return page.evaluate(() => {
    const m = /^matrix\(1 0 0 ([^ ]+) [^ ]+ ([^ )]+)\)$/.exec(document.querySelector('.map-host g.viewport')!.getAttribute('transform')!)!;
    const host = document.querySelector('.map-host')!.getBoundingClientRect();
    const header = document.querySelector('.map-host g.header .header-bg')!.getBoundingClientRect();
    return { zoom: Number(m[1]), panY: Number(m[2]), top: host.top, height: host.height, headerH: header.height };
  });
}

const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function openPage(browser: Browser, html: string): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watch: Watch = { errors: [], dialogs: [] };
  page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') watch.errors.push(`console.${m.type()}: ${m.text()}`); });
  page.on('dialog', (d) => { watch.dialogs.push(d.message()); void d.dismiss(); });
  await page.setContent(html);
  await page.waitForSelector('body[data-render-count]', { state: 'attached', timeout: 30_000 });
  return { page, watch };
}

describe('memory-map webview in Chromium', { skip }, () => {
  let browser: Browser;
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launchChromium();
  });
  after(async () => { await browser?.close(); });

  for (const { name, model } of fixtures.filter((f) => f.name !== 'many-regions')) {
    test(`${name}: standalone page draws every item, keeps text as text, clicks and tables`, async () => {
      const { page, watch } = await openPage(browser, standalonePage(model));
      try {
        // Small maps: every region and segment is in the DOM at fit, with its range text and its
        // start (or "not placed"), nothing drawn merged.
        const drawn = await page.evaluate(() => ({
          regions: Array.from(document.querySelectorAll('svg.kexec-map g.region'), (g) => [g.getAttribute('data-id'), [g.querySelector('.hex')?.textContent ?? null, g.getAttribute('aria-label') ?? '']]),
          segments: Array.from(document.querySelectorAll('svg.kexec-map g.segment'), (g) => [g.getAttribute('data-id'), [g.textContent ?? '', g.getAttribute('aria-label') ?? '']]),
          svgs: document.querySelectorAll('.map-host > svg').length,
        }));
        assert.equal(drawn.svgs, 1);
        const regionText = new Map(drawn.regions as Array<[string, [string | null, string]]>);
        assert.equal(regionText.size, model.regions.length);
        for (const r of model.regions) {
          const range = formatRange(parseHex(r.start), parseHex(r.end));
          const [text, aria] = regionText.get(r.id)!;
          assert.ok(aria.includes(range), `${r.id} aria-label`);
          assert.equal(text, range, r.id);
        }
        const segText = new Map(drawn.segments as Array<[string, [string, string]]>);
        assert.equal(segText.size, model.segments.length);
        for (const s of model.segments) {
          const [text] = segText.get(s.id)!;
          assert.ok(text.includes(s.placed ? formatHex(parseHex(s.start)) : 'not placed'), `${s.id}: ${text}`);
          if (s.placed) assert.ok(text.includes(s.name), `${s.id} named`);
        }
        assert.equal(await page.locator('.map-host .agg:not(:has(> .ticks))').count(), 0, 'no item drawn merged (only the tick marks are one path)');

        // Hostile text: no element was made from it and nothing ran.
        const dom = await page.evaluate(() => ({
          imgs: document.querySelectorAll('img').length,
          scripts: document.querySelectorAll('script').length,
          bold: document.querySelectorAll('b').length,
          texts: Array.from(document.querySelectorAll('svg.kexec-map text'), (t) => t.textContent ?? ''),
        }));
        assert.equal(dom.imgs, 0);
        assert.equal(dom.bold, 0);
        assert.equal(dom.scripts, 2, 'only the model block and the page script');
        for (const r of model.regions.slice(0, 50)) {
          if (!r.label || r.label.length >= 30) continue;
          assert.ok(dom.texts.some((t) => t.includes(r.label!)), `label ${r.label} shown as text`);
        }

        // Click, then keyboard Enter → reveals with the source range.
        await page.evaluate(() => {
          const w = window as unknown as { __reveals: unknown[] };
          w.__reveals = [];
          window.addEventListener('kexec-layout-reveal', (e) => w.__reveals.push((e as CustomEvent).detail));
        });
        const placed = model.segments.find((s) => s.placed && s.end !== s.start);
        if (placed) await page.click(`g.segment[data-id="${placed.id}"] > rect.seg`);
        const target = model.regions[1];
        await page.focus(`g.region[data-id="${target.id}"]`);
        await page.keyboard.press('Enter');
        const reveals = await page.evaluate(() => (window as unknown as { __reveals: Array<{ id: string; range: unknown }> }).__reveals);
        assert.deepEqual(reveals, [...(placed ? [placed] : []), target].map((x) => ({ id: x.id, range: x.source })));

        await page.screenshot({ path: join(OUT, `${name}.png`) });

        // Tab from the first region walks the regions in address order, then the other items.
        const order = tabOrder(model);
        await page.focus(`g.region[data-id="${order[0]}"]`);
        const walked = [order[0]];
        for (let i = 1; i < order.length; i++) {
          await page.keyboard.press('Tab');
          walked.push(await page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? document.activeElement?.tagName ?? ''));
        }
        assert.deepEqual(walked, order);

        // Table view: one row per item, hidden map; back again.
        await page.click('button[data-action="table"]');
        const rows = await page.evaluate(() => Array.from(document.querySelectorAll('.table-host tr[data-id]'), (tr) => tr.getAttribute('data-id')));
        assert.equal(rows.length, model.regions.length + model.segments.length + model.unaccepted.length + model.accepted.length);
        for (const id of [...model.regions.slice(0, 20), ...model.segments].map((x) => x.id)) assert.ok(rows.includes(id), `row ${id}`);
        assert.equal(await page.locator('.table-host .pager').count(), 0, 'one page');
        assert.equal(await page.isHidden('.map-host'), true);
        await page.screenshot({ path: join(OUT, `${name}-table.png`) });
        await page.click('button[data-action="table"]');
        assert.equal(await page.isVisible('.map-host'), true);

        assert.deepEqual(watch.dialogs, [], 'no alert ran');
        assert.deepEqual(watch.errors, []);
      } finally {
        await page.close();
      }
    });
  }

  test('10,000 regions: items near the view are in the DOM; zoom, pan and Tab bring far ones in; the table pages through all', async () => {
    const model = fixtures.find((f) => f.name === 'many-regions')!.model;
    const extents = regionExtents(model);
    const order = tabOrder(model);
    const { page, watch } = await openPage(browser, standalonePage(model));
    const built = () => page.evaluate(() => document.querySelectorAll('.map-host g.region').length);
    /** Every region reaching into the visible map (below the fixed header) is built, with its range shown where its label fits. */
    async function visibleAreBuilt(what: string): Promise<number> {
      const v = await mapView(page);
      const want = [...extents].filter(([, e]) => v.panY + e.y1 * v.zoom >= v.headerH && v.panY + e.y0 * v.zoom <= v.height).map(([id]) => id);
      const read = async () => new Map(await page.evaluate(() => Array.from(document.querySelectorAll('.map-host g.region'), (g) => [g.getAttribute('data-id')!, {
        shown: g.classList.contains('lod-shown'), hex: g.querySelector('.hex')?.textContent ?? null, aria: g.getAttribute('aria-label') ?? '',
      }] as const)));
      // A big jump builds a few dozen items per frame (the rest are drawn merged meanwhile).
      let dom = await read();
      for (let i = 0; i < 20 && want.some((id) => !dom.has(id)); i++) {
        await frames(page);
        dom = await read();
      }
      assert.ok(want.length > 0, `${what}: some region in view`);
      for (const id of want) {
        const r = model.regions.find((x) => x.id === id)!;
        const range = formatRange(parseHex(r.start), parseHex(r.end));
        const el = dom.get(id);
        assert.ok(el, `${what}: ${id} in view is in the DOM`);
        assert.ok(el.aria.includes(range), `${what}: ${id} aria-label`);
        if (el.shown) assert.equal(el.hex, range, `${what}: ${id} shows its range`);
      }
      assert.ok(want.some((id) => dom.get(id)!.shown), `${what}: labels shown`);
      // Virtualized: the DOM holds the view and a margin, not the map.
      assert.ok(dom.size < 4 * want.length + 50, `${what}: ${dom.size} regions built for ${want.length} in view`);
      return want.length;
    }
    try {
      await page.evaluate(() => {
        const w = window as unknown as { __reveals: unknown[] };
        w.__reveals = [];
        window.addEventListener('kexec-layout-reveal', (e) => w.__reveals.push((e as CustomEvent).detail));
      });
      const reveals = () => page.evaluate(() => (window as unknown as { __reveals: Array<{ id: string; range: unknown }> }).__reveals.splice(0));

      // Overview: all 10,000 regions are thinner than a pixel and drawn merged, one path per look.
      await frames(page);
      assert.ok(await built() < 50, `few regions built at fit: ${await built()}`);
      const merged = await page.evaluate(() => Array.from(document.querySelectorAll('.map-host g.regions > .agg[data-type] > path.band'), (p) => p.getAttribute('d')!.length));
      assert.ok(merged.length >= 5 && merged.every((n) => n > 0), `merged region paths: ${merged}`);
      await page.screenshot({ path: join(OUT, 'many-regions-fit.png') });
      // A click on the merged band reveals the region under the pointer.
      const band = (await page.locator('.map-host g.regions > .agg').first().boundingBox())!;
      await page.mouse.click(band.x + 200, band.y + band.height / 2);
      const [hit] = await reveals();
      const v0 = await mapView(page);
      const clickY = (band.y + band.height / 2 - v0.top - v0.panY) / v0.zoom;
      const hitExtent = extents.get(hit.id)!;
      assert.ok(hitExtent.y0 - 3 / v0.zoom <= clickY && clickY <= hitExtent.y1 + 3 / v0.zoom, `${hit.id} is under the click`);
      assert.deepEqual(hit.range, model.regions.find((r) => r.id === hit.id)!.source);

      // Tab from the map goes to the first item in view, then on in address order, though at
      // this zoom none of them was built.
      await page.focus('.map-host');
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? document.activeElement?.className ?? null);
      await page.keyboard.press('Tab');
      assert.equal(await focused(), order[0]);
      for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
      assert.equal(await focused(), order[5]);
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(), order[4]);
      await frames(page);
      assert.ok(await built() < 50, 'still few built');
      await page.keyboard.press('0');

      // Zoom in until labels fit: the regions in view are built on the way.
      await page.focus('.map-host');
      for (let i = 0; i < 28; i++) await page.keyboard.press('+');
      await frames(page);
      await visibleAreBuilt('zoomed in');
      await page.screenshot({ path: join(OUT, 'many-regions.png') });

      // Pan a few views up: what comes into view is built.
      for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowUp');
      await frames(page);
      await visibleAreBuilt('panned');

      // Enter on a region in view reveals it; Tab walks 300 regions on, in address order, to one
      // that was far off, building it and panning to it.
      const startId = await page.getAttribute('.map-host g.region.lod-shown', 'data-id');
      await page.focus(`g.region[data-id="${startId}"]`);
      await page.keyboard.press('Enter');
      assert.deepEqual(await reveals(), [{ id: startId, range: model.regions.find((r) => r.id === startId)!.source }]);
      const start = order.indexOf(startId!);
      const farId = order[start + 300];
      assert.ok(!(await page.evaluate((id) => !!document.querySelector(`g.region[data-id="${id}"]`), farId)), 'the 300th region on is not built yet');
      for (let i = 0; i < 300; i++) await page.keyboard.press('Tab');
      await frames(page);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), farId, 'Tab reached the 300th region after the start');
      const focusBox = await page.evaluate(() => {
        const r = document.activeElement!.getBoundingClientRect();
        const host = document.querySelector('.map-host')!.getBoundingClientRect();
        return { top: r.top - host.top, bottom: r.bottom - host.top, height: host.height };
      });
      assert.ok(focusBox.top >= 0 && focusBox.bottom <= focusBox.height, `focused region in view: ${JSON.stringify(focusBox)}`);
      await visibleAreBuilt('after Tab');
      // Shift+Tab goes back one.
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), order[start + 299]);

      // Zoom back out and in elsewhere: still only what is near the view.
      await page.keyboard.press('0');
      await frames(page);
      assert.ok(await built() < 50);

      // Table: pages of 500 rows that together list every item once.
      await page.click('button[data-action="table"]');
      const status = () => page.textContent('.table-host .pager[data-where="top"] .page-status');
      const total = model.regions.length + model.unaccepted.length + model.accepted.length + model.segments.length;
      assert.equal(await status(), `Rows 1–500 of ${total} (page 1 of ${Math.ceil(total / 500)})`);
      assert.equal(await page.getAttribute('.table-host table', 'aria-rowcount'), String(total + 1));
      const seen: string[] = [];
      for (let p = 0; p < Math.ceil(total / 500); p++) {
        const rows = await page.evaluate(() => Array.from(document.querySelectorAll('.table-host tr[data-id]'), (tr) => [tr.getAttribute('data-id')!, tr.getAttribute('aria-rowindex')!]));
        assert.ok(rows.length === 500 || p === Math.ceil(total / 500) - 1, `page ${p + 1}: ${rows.length} rows`);
        rows.forEach(([, index], k) => assert.equal(index, String(seen.length + k + 2), 'aria-rowindex'));
        seen.push(...rows.map(([id]) => id));
        if (p < Math.ceil(total / 500) - 1) await page.click('.table-host .pager[data-where="bottom"] button[data-page="next"]');
      }
      assert.equal(seen.length, total);
      assert.deepEqual(new Set(seen), new Set([...model.regions.map((r) => r.id), ...model.unaccepted.map((_, i) => `u${i}`), ...model.segments.map((s) => s.id)]));
      const pages = Math.ceil(total / 500);
      assert.equal(await status(), `Rows ${(pages - 1) * 500 + 1}–${total} of ${total} (page ${pages} of ${pages})`);
      assert.ok(seen.includes(model.segments[model.segments.length - 1].id));
      await page.click('.table-host .pager[data-where="top"] button[data-page="first"]');
      assert.equal(await status(), `Rows 1–500 of ${total} (page 1 of ${pages})`);
      // By keyboard: Enter on the bottom pager's Next turns the page and keeps focus there.
      await page.focus('.table-host .pager[data-where="bottom"] button[data-page="next"]');
      await page.keyboard.press('Enter');
      assert.equal(await status(), `Rows 501–1000 of ${total} (page 2 of ${pages})`);
      assert.equal(await page.evaluate(() => document.activeElement?.closest('.pager')?.getAttribute('data-where') + ' ' + document.activeElement?.getAttribute('data-page')), 'bottom next');
      await page.screenshot({ path: join(OUT, 'many-regions-table.png') });
      await page.click('button[data-action="table"]');
      assert.equal(await page.isVisible('.map-host'), true);
      assert.deepEqual(watch.errors, []);
    } finally {
      await page.close();
    }
  });

  test('exported SVG of every fixture parses as XML and contains no foreign elements', async () => {
    const { toStandaloneSvg } = await import('../../common/src/render/standalone.js');
    const page = await browser.newPage();
    try {
      for (const { name, model } of fixtures.filter((f) => f.name !== 'many-regions')) {
        const res = await page.evaluate((svg) => {
          const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
          return {
            error: doc.querySelector('parsererror')?.textContent ?? null,
            root: doc.documentElement.localName,
            foreign: doc.querySelectorAll('img, script, foreignObject, b').length,
            regions: doc.querySelectorAll('g.region').length,
          };
        }, toStandaloneSvg(model));
        assert.equal(res.error, null, name);
        assert.equal(res.root, 'svg');
        assert.equal(res.foreign, 0);
        assert.equal(res.regions, model.regions.length);
      }
    } finally {
      await page.close();
    }
  });

  describe('inside VS Code (stand-in acquireVsCodeApi)', () => {
    const tdx = fixtures.find((f) => f.name === 'tdx-guest')!.model;
    const kdump = fixtures.find((f) => f.name === 'kdump-crash')!.model;

    function vscodePage(savedState: unknown, bodyClass = 'vscode-light', vars = ''): string {
      const nonce = 'testnonce';
      return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'">
<style nonce="${nonce}">:root{${vars}}${PAGE_CSS}${MAP_CSS}</style></head><body class="${bodyClass}">
<script nonce="${nonce}">
window.__posted = []; window.__state = ${jsonForScript(savedState ?? null)};
window.acquireVsCodeApi = function () { return { postMessage: function (m) { window.__posted.push(m); }, getState: function () { return window.__state; }, setState: function (s) { window.__state = s; } }; };
</script>
<script nonce="${nonce}">${scriptText(webviewScript())}</script></body></html>`;
    }

    async function open(savedState: unknown, bodyClass?: string, vars?: string): Promise<{ page: Page; watch: Watch }> {
      const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
      const watch: Watch = { errors: [], dialogs: [] };
      page.on('pageerror', (e) => watch.errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') watch.errors.push(m.text()); });
      await page.setContent(vscodePage(savedState, bodyClass, vars));
      return { page, watch };
    }
    const send = (page: Page, msg: unknown) => page.evaluate((m) => window.postMessage(m, '*'), msg);
    const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted);
    const renders = (page: Page) => page.evaluate(() => Number(document.body.getAttribute('data-render-count') ?? 0));
    const transform = (page: Page) => page.evaluate(() => document.querySelector('.map-host g.viewport')?.getAttribute('transform') ?? '');
    const settle = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250)))));

    test('ready, model, highlight, reveal, live update keeping zoom, state, svg', async () => {
      const { page, watch } = await open(undefined);
      try {
        assert.deepEqual(await posted(page), [{ v: 1, type: 'ready' }]);
        await send(page, { v: 1, type: 'model', model: tdx, uri: 'file:///w/tdx.kexec' });
        await page.waitForSelector('body[data-render-count="1"]', { state: 'attached' });
        // Malformed messages change nothing.
        await send(page, { v: 1, type: 'model', model: { ...tdx, regions: 'x' }, uri: 'file:///w/tdx.kexec' });
        await send(page, { type: 'highlight', line: 1 });

        // Cursor on the line of r11 (line 17) highlights that region.
        await send(page, { v: 1, type: 'highlight', line: 17 });
        await page.waitForSelector('g.region.highlighted', { state: 'attached' });
        assert.deepEqual(await page.evaluate(() => Array.from(document.querySelectorAll('.highlighted'), (e) => e.getAttribute('data-id'))), ['r11']);

        // Keyboard zoom, then a new model of the same file keeps zoom and pan and the highlight.
        await page.focus('.map-host');
        await page.keyboard.press('+');
        await page.keyboard.press('+');
        await page.keyboard.press('ArrowDown');
        await settle(page);
        const zoomed = await transform(page);
        assert.match(zoomed, /^matrix\(1 0 0 [\d.]+ /);
        const changed = { ...tdx, outcome: { ...tdx.outcome, summary: 'changed' }, segments: tdx.segments.slice(0, 2) };
        await send(page, { v: 1, type: 'model', model: changed, uri: 'file:///w/tdx.kexec' });
        await page.waitForSelector('body[data-render-count="2"]', { state: 'attached' });
        assert.equal(await renders(page), 2, 'the malformed model was ignored');
        assert.equal(await transform(page), zoomed);
        assert.equal(await page.locator('.map-host g.segment').count(), 2);
        assert.equal(await page.locator('.map-host > svg').count(), 1);
        assert.deepEqual(await page.evaluate(() => Array.from(document.querySelectorAll('.highlighted'), (e) => e.getAttribute('data-id'))), ['r11']);

        // Saved state: uri, zoom/pan, scale mode, table toggle.
        await settle(page);
        const saved = await page.evaluate(() => (window as unknown as { __state: Record<string, unknown> }).__state);
        assert.equal(saved.uri, 'file:///w/tdx.kexec');
        assert.equal(saved.mode, 'compressed');
        assert.equal(saved.table, false);
        assert.ok((saved.view as { zoom: number }).zoom > 0);
        assert.equal(`matrix(1 0 0 ${(saved.view as { zoom: number }).zoom} ${(saved.view as { panX: number }).panX} ${(saved.view as { panY: number }).panY})`, zoomed);

        // '0' fits again; a click posts reveal with the source range.
        await page.keyboard.press('0');
        await settle(page);
        assert.notEqual(await transform(page), zoomed);
        await page.click('g.segment[data-id="s0"] > rect.seg');
        const reveal = (await posted(page)).find((m) => m.type === 'reveal');
        assert.deepEqual(reveal, { v: 1, type: 'reveal', range: tdx.segments[0].source });

        // requestSvg answers with a parseable SVG.
        await send(page, { v: 1, type: 'requestSvg' });
        await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'svg'));
        const svg = (await posted(page)).find((m) => m.type === 'svg')!.svg as string;
        // Parsed on a blank page: the webview's CSP would (rightly) refuse the SVG's own <style>.
        const blank = await browser.newPage();
        assert.equal(await blank.evaluate((s) => new DOMParser().parseFromString(s, 'image/svg+xml').querySelector('parsererror'), svg), null);
        await blank.close();

        // Another file starts fitted, not at the old zoom.
        await send(page, { v: 1, type: 'model', model: kdump, uri: 'file:///w/kdump.kexec' });
        await page.waitForSelector('body[data-render-count="3"]', { state: 'attached' });
        assert.equal(await page.locator('.map-host g.region').count(), kdump.regions.length);
        assert.deepEqual(watch.errors, []);
      } finally {
        await page.close();
      }
    });

    test('saved state is restored: linear scale, table shown, zoom and pan', async () => {
      const view = { zoom: 1.5, panX: 10, panY: 40 };
      const { page, watch } = await open({ uri: 'file:///w/tdx.kexec', view, mode: 'linear', table: true });
      try {
        await send(page, { v: 1, type: 'model', model: tdx, uri: 'file:///w/tdx.kexec' });
        await page.waitForSelector('body[data-render-count="1"]', { state: 'attached' });
        assert.equal(await page.getAttribute('button[data-action="mode"]', 'aria-pressed'), 'true');
        assert.equal(await page.getAttribute('button[data-action="table"]', 'aria-pressed'), 'true');
        assert.equal(await page.locator('.table-host tr[data-id]').count(), tdx.regions.length + tdx.segments.length + tdx.unaccepted.length + tdx.accepted.length);
        assert.equal(await transform(page), 'matrix(1 0 0 1.5 10 40)');
        // Enter on a table row's button reveals too.
        await page.focus('.table-host button[data-reveal="s1"]');
        await page.keyboard.press('Enter');
        assert.deepEqual((await posted(page)).find((m) => m.type === 'reveal'), { v: 1, type: 'reveal', range: tdx.segments[1].source });
        await page.click('button[data-action="table"]');
        await page.click('button[data-action="mode"]');
        await settle(page);
        const saved = await page.evaluate(() => (window as unknown as { __state: Record<string, unknown> }).__state);
        assert.equal(saved.mode, 'compressed');
        assert.equal(saved.table, false);
        assert.deepEqual(watch.errors, []);
      } finally {
        await page.close();
      }
    });

    test('drag pans without revealing; the wheel zooms around the pointer', async () => {
      const { page, watch } = await open(undefined);
      try {
        await send(page, { v: 1, type: 'model', model: tdx, uri: 'file:///w/tdx.kexec' });
        await page.waitForSelector('body[data-render-count="1"]', { state: 'attached' });
        await settle(page);
        const matrix = async () => (await transform(page)).replace(/^matrix\(|\)$/g, '').split(' ').map(Number);
        const [, , , z0, x0, y0] = await matrix();
        const box = (await page.locator('g.segment[data-id="s0"] > rect.seg').boundingBox())!;
        // Drag starting on an item: a pan, not a click.
        await page.mouse.move(box.x + 20, box.y + 5);
        await page.mouse.down();
        await page.mouse.move(box.x + 60, box.y + 45, { steps: 5 });
        await page.mouse.up();
        await settle(page);
        const [, , , z1, x1, y1] = await matrix();
        assert.equal(z1, z0);
        assert.ok(Math.abs(x1 - x0 - 40) < 1 && Math.abs(y1 - y0 - 40) < 1, `panned by 40,40: ${x1 - x0},${y1 - y0}`);
        assert.equal((await posted(page)).filter((m) => m.type === 'reveal').length, 0);
        // Wheel up zooms in; the address under the pointer stays put.
        const host = (await page.locator('.map-host').boundingBox())!;
        const py = host.y + 300;
        const contentY = (py - host.y - y1) / z1;
        await page.mouse.move(host.x + 500, py);
        await page.mouse.wheel(0, -300);
        await settle(page);
        const [, , , z2, , y2] = await matrix();
        assert.ok(z2 > z1 * 1.5, `zoomed in: ${z1} → ${z2}`);
        assert.ok(Math.abs(y2 + contentY * z2 - (py - host.y)) < 1, 'anchor kept');
        assert.deepEqual(watch.errors, []);
      } finally {
        await page.close();
      }
    });

    test('10,000 regions: the cursor line builds and shows a far region; the export holds every item', async () => {
      const big = fixtures.find((f) => f.name === 'many-regions')!.model;
      const { page, watch } = await open(undefined);
      try {
        await send(page, { v: 1, type: 'model', model: big, uri: 'file:///w/big.kexec' });
        await page.waitForSelector('body[data-render-count="1"]', { state: 'attached' });
        await page.focus('.map-host');
        for (let i = 0; i < 24; i++) await page.keyboard.press('+');
        await settle(page);
        // r9000 is declared on line 9000 and is far from the view.
        assert.equal(big.regions[9000].source.start.line, 9000);
        assert.equal(await page.locator('g.region[data-id="r9000"]').count(), 0);
        await send(page, { v: 1, type: 'highlight', line: 9000 });
        await page.waitForSelector('g.region.highlighted', { state: 'attached' });
        await settle(page);
        assert.deepEqual(await page.evaluate(() => Array.from(document.querySelectorAll('.highlighted'), (e) => e.getAttribute('data-id'))), ['r9000']);
        const box = await page.evaluate(() => {
          const r = document.querySelector('g.region.highlighted')!.getBoundingClientRect();
          const host = document.querySelector('.map-host')!.getBoundingClientRect();
          return { top: r.top - host.top, bottom: r.bottom - host.top, height: host.height };
        });
        assert.ok(box.top >= 0 && box.bottom <= box.height, `highlighted region panned into view: ${JSON.stringify(box)}`);
        assert.ok(await page.locator('.map-host g.region').count() < 1000, 'still virtualized');

        await send(page, { v: 1, type: 'requestSvg' });
        await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'svg'), null, { timeout: 30_000 });
        const svg = await page.evaluate(() => (window as unknown as { __posted: Array<{ type: string; svg: string }> }).__posted.find((m) => m.type === 'svg')!.svg);
        assert.equal(svg.match(/<g class="region" data-id="/g)?.length, big.regions.length, 'every region exported');
        assert.equal(svg.match(/<g class="segment[^"]*" data-id="/g)?.length, big.segments.length, 'every segment exported');
        assert.ok(!svg.includes('class="agg'), 'nothing merged in the export');
        assert.deepEqual(watch.errors, []);
      } finally {
        await page.close();
      }
    });

    const THEMES: Array<[string, string, string]> = [
      ['dark', 'vscode-dark', '--vscode-editor-background:#1f1f1f;--vscode-editor-foreground:#cccccc;--vscode-charts-foreground:#cccccc;--vscode-charts-red:#f14c4c;--vscode-charts-blue:#3794ff;--vscode-charts-yellow:#cca700;--vscode-charts-orange:#d18616;--vscode-charts-green:#89d185;--vscode-charts-purple:#b180d7;--vscode-editorError-foreground:#f14c4c;--vscode-editorWarning-foreground:#cca700;--vscode-editorInfo-foreground:#3794ff;--vscode-button-secondaryBackground:#313131;--vscode-button-secondaryForeground:#cccccc;--vscode-panel-border:#2b2b2b'],
      ['high-contrast', 'vscode-high-contrast', '--vscode-editor-background:#000000;--vscode-editor-foreground:#ffffff;--vscode-charts-foreground:#ffffff;--vscode-charts-red:#f48771;--vscode-charts-blue:#3794ff;--vscode-charts-yellow:#ffd700;--vscode-charts-orange:#ffa500;--vscode-charts-green:#89d185;--vscode-charts-purple:#b180d7;--vscode-contrastBorder:#6fc3df;--vscode-editorError-foreground:#f48771;--vscode-editorWarning-foreground:#ffd700;--vscode-editorInfo-foreground:#3794ff;--vscode-button-secondaryBackground:#000000;--vscode-button-secondaryForeground:#ffffff;--vscode-panel-border:#6fc3df'],
    ];
    for (const [label, bodyClass, vars] of THEMES) {
      test(`renders in the ${label} theme with its variables and solid borders`, async () => {
        const { page, watch } = await open(undefined, bodyClass, vars);
        try {
          await send(page, { v: 1, type: 'model', model: fixtures.find((f) => f.name === 'xss-overlap')!.model as MapModel, uri: 'file:///w/x.kexec' });
          await page.waitForSelector('body[data-render-count="1"]', { state: 'attached' });
          const look = await page.evaluate(() => {
            const band = getComputedStyle(document.querySelector('g.region > rect.band')!);
            return { bg: getComputedStyle(document.body).backgroundColor, stroke: band.stroke, dash: band.strokeDasharray, text: getComputedStyle(document.querySelector('g.region text')!).fill };
          });
          if (label === 'dark') {
            assert.equal(look.bg, 'rgb(31, 31, 31)');
            assert.equal(look.text, 'rgb(204, 204, 204)');
          } else {
            assert.equal(look.bg, 'rgb(0, 0, 0)');
            assert.equal(look.stroke, 'rgb(111, 195, 223)', 'contrast border');
            assert.equal(look.dash, 'none');
          }
          await page.screenshot({ path: join(OUT, `xss-overlap-${label}.png`) });
          assert.deepEqual(watch.errors, []);
        } finally {
          await page.close();
        }
      });
    }
  });
});
