#!/usr/bin/env node
// UI test: the packaged extension (.vsix) installed into code-server, driven through headless
// chromium the way a person uses it. Opens an example, checks the squiggle, the Problems panel,
// the hover on an address, the memory map webview (regions and segments in the SVG), and that
// clicking a segment in the picture moves the editor's selection to that segment's line.
// Expectations come from the CLI. Screenshots go to test-output/e2e/.
//
// Env: E2E_VSIX (default <extension>/kexec-layout.vsix), E2E_EXTENSION_PATH, E2E_EXAMPLE (file name),
// E2E_VIEWPORT (browser size, default 1920x1080), E2E_KEEP=1 (keep the temp folder).
'use strict';
const fs = require('fs');
const path = require('path');
const { EXTENSION, OUTPUT, tempDir } = require('./lib/env');
const codeServer = require('./lib/codeServer');
const browser = require('./lib/browser');
const cli = require('./lib/cli');
const { makeWorkspace } = require('./lib/workspace');
const { Report } = require('./lib/report');

const VSIX = path.resolve(process.env.E2E_VSIX || path.join(EXTENSION, 'kexec-layout.vsix'));
// A desktop-sized window: the memory map opens beside the editor and gets about 40% of it.
const [width, height] = (process.env.E2E_VIEWPORT || '1920x1080').split('x').map(Number);
const VIEWPORT = { width, height };
const report = new Report('ui');
const oneLine = (s) => s.replace(/\s+/g, ' ').trim();

/** The example to open: the named one, the TDX one, or the first with an error and a segment. */
function chooseExample(ws) {
  const files = cli.kexecFiles(path.join(ws, 'examples'));
  if (!files.length) throw new Error('no examples/*.kexec');
  const results = cli.check(files);
  const wanted = process.env.E2E_EXAMPLE || 'tdx-6.13-initrd-unaccepted.kexec';
  const usable = (f) => results.get(f).diagnostics.some((d) => d.severity === 'error') && results.get(f).segments.length > 0;
  const file = files.find((f) => path.basename(f) === wanted) || files.find(usable) || files[0];
  return { file, result: results.get(file), text: fs.readFileSync(file, 'utf8') };
}

/**
 * Page coordinates of the middle of the first `token` on editor line `line` (1-based). The line
 * is found through its line number (its text may carry inlay hints), the token in its text.
 */
async function tokenPosition(page, line, token) {
  return page.evaluate(({ line, token }) => {
    const editor = document.querySelector('.editor-instance .monaco-editor');
    const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find((e) => e.textContent.trim() === String(line));
    if (!number) return null;
    const top = number.getBoundingClientRect().top;
    const row = [...editor.querySelectorAll('.view-lines .view-line')].find((e) => Math.abs(e.getBoundingClientRect().top - top) < 2);
    if (!row) return null;
    const at = row.textContent.replace(/\u00a0/g, ' ').indexOf(token);
    if (at < 0) return null;
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const mid = at + Math.floor(token.length / 2);
      if (mid < offset + node.length) {
        const r = document.createRange();
        r.setStart(node, mid - offset);
        r.setEnd(node, mid - offset + 1);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      offset += node.length;
    }
    return null;
  }, { line, token });
}

/** Resolves when the editor's cursor is on 1-based `line` (status bar "Ln N," or the active line number). */
async function waitForCursorLine(page, line, timeout = 15000) {
  await page.waitForFunction((n) => {
    const status = document.getElementById('status.editor.selection');
    if (status && new RegExp(`\\bLn ${n}\\b`).test(status.textContent)) return true;
    return [...document.querySelectorAll('.editor-instance .line-numbers.active-line-number')].some((e) => e.textContent.trim() === String(n));
  }, line, { timeout, polling: 100 });
}

async function cursorDescription(page) {
  return page.evaluate(() => {
    const status = document.getElementById('status.editor.selection');
    const active = [...document.querySelectorAll('.editor-instance .line-numbers.active-line-number')].map((e) => e.textContent.trim());
    return `status "${status ? status.textContent : '-'}", active line numbers ${JSON.stringify(active)}`;
  });
}

async function main() {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const dir = tempDir('ui');
  const shot = (page, name) => page.screenshot({ path: path.join(OUTPUT, name) });
  let server, context, page;
  const consoleErrors = [];
  try {
    let ex;
    const ready = await report.step('setup: vsix installed, code-server up, example chosen', async () => {
      if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} missing: npm run package`);
      codeServer.installExtension(dir, VSIX);
      const ws = makeWorkspace(dir);
      ex = chooseExample(ws);
      ex.rel = path.relative(ws, ex.file);
      server = await codeServer.start(dir);
      ({ context, page } = await browser.launch(dir, { viewport: VIEWPORT }));
      page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${m.text()} @ ${m.location().url}`); });
      page.on('pageerror', (e) => consoleErrors.push(`uncaught ${e.message}`));
      await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
      await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
      await shot(page, '1-workbench.png');
      return `${path.basename(VSIX)} (${(fs.statSync(VSIX).size / 1024).toFixed(0)} KiB), ${ex.rel}: ${cli.cliKeys(ex.result).join(' ')}`;
    });
    if (!ready) return;
    const name = path.basename(ex.file);

    const opened = await report.step(`${name} opens in language mode Kexec Layout`, async () => {
      await page.keyboard.press('Control+P');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type(ex.rel);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 20000 });
      await page.keyboard.press('Enter');
      await page.locator('.editor-group-container .tab.active', { hasText: name }).first().waitFor({ timeout: 20000 });
      await page.waitForSelector('.editor-instance .view-lines .view-line', { timeout: 20000 });
      const mode = page.locator('.statusbar-item[id="status.editor.mode"]');
      await mode.filter({ hasText: /Kexec/i }).waitFor({ timeout: 20000 });
      return oneLine(await mode.innerText());
    });
    if (!opened) return;

    await report.step('a squiggle marks the finding', async () => {
      const worst = ['error', 'warning', 'info', 'hint'][Math.min(...ex.result.diagnostics.map((d) => cli.SEVERITIES.indexOf(d.severity)))];
      const t = Date.now();
      await page.waitForSelector(`.editor-instance .view-overlays .squiggly-${worst}`, { timeout: 30000 });
      return `.squiggly-${worst} after ${Date.now() - t} ms`;
    });

    await report.step('the Problems panel lists the CLI\'s findings with their codes', async () => {
      await page.keyboard.press('Control+Shift+M');
      const first = ex.result.diagnostics[0];
      await page.locator('.markers-panel .monaco-list-row', { hasText: first.code }).first().waitFor({ timeout: 20000 });
      const text = oneLine(await page.locator('.markers-panel').innerText());
      await shot(page, '2-problems.png');
      const rows = await page.locator('.markers-panel .monaco-list-row').count();
      const codes = [...new Set(ex.result.diagnostics.map((d) => d.code))];
      // The list is virtualised: codes beyond the visible rows may be scrolled out of view.
      const missing = codes.filter((c) => !text.includes(c));
      if (missing.length && rows > ex.result.diagnostics.length) throw new Error(`missing ${missing.join(', ')} in: ${text.slice(0, 400)}`);
      if (!text.includes(`Ln ${first.range.start.line + 1}`)) throw new Error(`no "Ln ${first.range.start.line + 1}" in: ${text.slice(0, 400)}`);
      return text.slice(0, 160);
    });

    await report.step('hover on an address shows it, its region and its unit state', async () => {
      const at = cli.unacceptedAddress(ex.text, ex.result);
      if (!at) throw new Error(`${name} has no unaccepted statement to hover (set E2E_EXAMPLE)`);
      // Go to the line first (it may lie under the Problems panel), then point at the address.
      await page.keyboard.press('Control+G');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type(String(at.line + 1));
      await page.keyboard.press('Enter');
      await waitForCursorLine(page, at.line + 1);
      const pos = await tokenPosition(page, at.line + 1, at.token);
      if (!pos) throw new Error(`${at.token} on line ${at.line + 1} not found on screen`);
      await page.mouse.move(pos.x - 40, pos.y);
      await page.mouse.move(pos.x, pos.y, { steps: 5 });
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /unaccepted/i }).first();
      await hover.waitFor({ timeout: 20000 });
      const text = oneLine(await hover.innerText());
      await shot(page, '3-hover.png');
      for (const re of at.mustMatch) if (!re.test(text)) throw new Error(`${re} not in: ${text}`);
      return `${at.token}: ${text.slice(0, 160)}`;
    });

    const frame = page.frameLocator('iframe.webview').frameLocator('#active-frame');
    const mapShown = await report.step('"Kexec Layout: Show Memory Map" from the palette draws regions and segments', async () => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('Control+Home');
      await waitForCursorLine(page, 1);
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type('Kexec Layout: Show Memory Map');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Memory Map' }).first().waitFor({ timeout: 20000 });
      await page.keyboard.press('Enter');
      await page.locator('.tab', { hasText: `Memory Map: ${name}` }).first().waitFor({ timeout: 20000 });
      await frame.locator('svg g.segment[data-name]').first().waitFor({ timeout: 30000 });
      const regions = await frame.locator('svg g.region[data-id]').evaluateAll((gs) => gs.map((g) => `${g.dataset.id}:${g.dataset.type}`));
      const segments = await frame.locator('svg g.segment[data-name]').evaluateAll((gs) => gs.map((g) => ({ name: g.dataset.name, text: g.querySelector('text') ? g.textContent.trim() : '' })));
      await shot(page, '4-memory-map.png');
      if (!regions.length) throw new Error('no g.region[data-id]');
      const want = ex.result.segments.map((s) => s.name).sort();
      const got = [...new Set(segments.map((s) => s.name))].sort();
      if (JSON.stringify(want) !== JSON.stringify(got)) throw new Error(`segments ${JSON.stringify(got)}, the CLI has ${JSON.stringify(want)}`);
      const unlabeled = segments.filter((s) => !s.text).map((s) => s.name);
      if (unlabeled.length) throw new Error(`segments without <text>: ${unlabeled.join(', ')}`);
      return `${regions.length} regions (${[...new Set(regions.map((r) => r.split(':')[1]))].join(', ')}), segments ${got.join(', ')}`;
    });

    // What a person sees of each segment on opening: its box and its name label, against the
    // webview's visible area (the panel opens beside the editor, so it is narrow).
    const segmentBoxes = () => frame.locator('svg g.segment[data-name]').evaluateAll((gs) => gs.map((g) => {
      const box = (e) => { const b = e.getBoundingClientRect(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };
      const label = g.querySelector('.name') || g.querySelector('text');
      return { name: g.dataset.name, box: box(g), label: label && box(label), view: { w: innerWidth, h: innerHeight } };
    }));
    const inside = (b, v) => b && b.w > 0 && b.x >= 0 && b.y >= 0 && b.x + b.w <= v.w + 0.5 && b.y + b.h <= v.h + 0.5;
    if (mapShown) {
      await report.step('every segment\'s name is inside the visible webview', async () => {
        const boxes = await segmentBoxes();
        const hidden = boxes.filter((s) => !inside(s.label, s.view));
        const fmt = (b) => b ? `x ${Math.round(b.x)}..${Math.round(b.x + b.w)}, y ${Math.round(b.y)}..${Math.round(b.y + b.h)}` : 'no label';
        if (hidden.length) throw new Error(`webview ${boxes[0].view.w}x${boxes[0].view.h} px; cut off: ${hidden.map((s) => `${s.name} (${fmt(s.label)})`).join('; ')}`);
        return `webview ${boxes[0].view.w}x${boxes[0].view.h} px`;
      });

      await report.step('clicking a segment in the picture selects its line in the editor', async () => {
        // The segment with the largest visible area, clicked in the middle of what is visible.
        const visible = (s) => {
          const x0 = Math.max(s.box.x, 0), y0 = Math.max(s.box.y, 0);
          const x1 = Math.min(s.box.x + s.box.w, s.view.w), y1 = Math.min(s.box.y + s.box.h, s.view.h);
          return { area: Math.max(x1 - x0, 0) * Math.max(y1 - y0, 0), x: (x0 + x1) / 2 - s.box.x, y: (y0 + y1) / 2 - s.box.y };
        };
        const boxes = await segmentBoxes();
        const target = boxes.map((s) => ({ ...s, line: cli.segmentLine(ex.text, s.name), vis: visible(s) }))
          .filter((s) => s.line > 0 && s.vis.area > 0).sort((a, b) => b.vis.area - a.vis.area)[0];
        if (!target) throw new Error(`no segment with a source line is visible: ${JSON.stringify(boxes)}`);
        await frame.locator(`svg g.segment[data-name="${target.name}"]`).first().click({ position: { x: target.vis.x, y: target.vis.y } });
        try {
          await waitForCursorLine(page, target.line + 1);
        } finally {
          await shot(page, '5-segment-click.png');
        }
        return `${target.name} -> ${await cursorDescription(page)}`;
      });
    }
    // Expected workbench noise: code-server's web build lacks the vsda files the workbench asks
    // for (404), and cancelled requests (quick open's file search as the query is typed) are
    // logged as errors though nothing failed.
    const errors = consoleErrors.filter((e) => !/\/vsda[/_.]/.test(e) && !/Canceled: Error: Canceled/.test(e));
    report.ok('no errors in the browser console (workbench and webview)', !errors.length, errors.slice(0, 5).join(' | '));
  } finally {
    if (page) await shot(page, 'ui-last.png').catch(() => {});
    if (context) await context.close().catch(() => {});
    if (server) await server.stop();
    if (process.env.E2E_KEEP) console.log(`ui: kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => report.ok('no unexpected error', false, e.stack || String(e)))
  .then(() => process.exit(report.finish()));
