#!/usr/bin/env node
// UI test: the packaged extension (.vsix) installed into code-server, driven through headless
// chromium the way a person uses it. Opens an example, checks the squiggle, the Problems panel,
// the hover on an address, the memory map webview (regions and segments in the SVG), and that
// clicking a segment in the picture moves the editor's selection to that segment's line; then the
// map panel at 500 and 1100 px, light and dark: the verdict whole, every segment name whole inside
// its box, no two labels overlapping, and a picture of the panel (the README's screenshots).
// Expectations come from the CLI. Screenshots go to test-output/e2e/.
//
// Env: E2E_VSIX (default <extension>/kexec-layout.vsix), E2E_EXTENSION_PATH, E2E_EXAMPLE (file name),
// E2E_VIEWPORT (browser size, default 1920x1080), E2E_KEEP=1 (keep the temp folder),
// UPDATE_SCREENSHOTS=1 (write the map pictures to docs/images/ instead of test-output/e2e/),
// E2E_MAP_WIDTHS (map panel widths to check, default 500,1100).
'use strict';
const fs = require('fs');
const path = require('path');
const { EXTENSION, OUTPUT, REPO, tempDir } = require('./lib/env');
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
// The map panel's widths (beside the editor, and wide) and themes the README shows.
const MAP_WIDTHS = (process.env.E2E_MAP_WIDTHS || '500,1100').split(',').map(Number);
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };
// Committed pictures change only on request: CI writes its copies under test-output/.
const MAP_SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO, 'docs', 'images') : OUTPUT;
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

/** The frame whose document holds the memory map (the webview nests it in two iframes). */
async function mapFrame(page) {
  for (const f of page.frames()) {
    if (await f.evaluate(() => !!document.querySelector('.map-host svg g.segment')).catch(() => false)) return f;
  }
  throw new Error(`no frame holds the map among ${page.frames().length}`);
}

/** Sets workbench.colorTheme in the workspace settings and waits for both the workbench and the map to take it. */
async function setTheme(page, ws, kind) {
  const file = path.join(ws, '.vscode', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
  settings['workbench.colorTheme'] = THEMES[kind];
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  await page.waitForFunction((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls), kind === 'dark' ? 'vs-dark' : 'vs', { timeout: 20000 });
  const frame = await mapFrame(page);
  await frame.waitForFunction((cls) => document.body.classList.contains(cls), `vscode-${kind}`, { timeout: 20000 });
  return frame;
}

/**
 * Resizes the browser until the webview panel (the editor group beside the layout) is `target`
 * px wide, then lets the map re-fit its columns and fits the picture. Returns the map's frame.
 */
async function sizeMapPanel(page, target) {
  const webview = page.locator('iframe.webview').first();
  let frame = await mapFrame(page);
  const renders = await frame.evaluate(() => document.body.dataset.renderCount);
  for (let i = 0; i < 8; i++) {
    const before = (await webview.boundingBox()).width;
    const diff = Math.round(target - before);
    if (Math.abs(diff) <= 1) break;
    const vp = page.viewportSize();
    // The two editor groups share the window's growth.
    await page.setViewportSize({ width: Math.max(600, vp.width + 2 * diff), height: vp.height });
    for (let t = 0; t < 30 && (await webview.boundingBox()).width === before; t++) await page.waitForTimeout(100);
  }
  const width = (await webview.boundingBox()).width;
  if (Math.abs(width - target) > 2) throw new Error(`webview panel ${width} px, wanted ${target}`);
  frame = await mapFrame(page);
  // The map re-renders when its width changes by more than 40 px; wait for that, then fit.
  await frame.waitForFunction((n) => document.body.dataset.renderCount !== n, renders, { timeout: 5000 }).catch(() => {});
  await frame.click('.toolbar button[data-action="fit"]');
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return frame;
}

/**
 * What a reader sees in the map's frame: the verdict line, each segment's box and name, and every
 * SVG text drawn inside the picture (a label culled at this zoom has no box).
 */
function mapText(frame) {
  return frame.evaluate(() => {
    const box = (e) => { const b = e.getBoundingClientRect(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };
    const summary = document.querySelector('.toolbar .summary');
    const verdict = summary && summary.querySelector('.verdict');
    const svg = document.querySelector('.map-host > svg');
    const area = box(svg);
    const texts = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, ...box(t) }))
      .filter((b) => b.w > 0 && b.h > 0 && b.x < area.x + area.w && b.y < area.y + area.h && b.x + b.w > area.x && b.y + b.h > area.y);
    const segments = [...svg.querySelectorAll('g.segment[data-name]')].map((g) => {
      const name = g.querySelector('.name');
      return { name: g.dataset.name, text: name ? name.textContent : '', label: name && box(name), box: box(g.querySelector('rect.seg')) };
    });
    return {
      view: { w: innerWidth, h: innerHeight }, area, texts, segments,
      summary: summary && { ...box(summary), scrollW: summary.scrollWidth, clientW: summary.clientWidth, scrollH: summary.scrollHeight, clientH: summary.clientHeight },
      verdict: verdict && { ...box(verdict), text: verdict.textContent, lines: verdict.getClientRects().length },
    };
  });
}

/** Problems with what mapText saw; empty when the verdict is whole and every name fits without overlap. */
function layoutProblems(m, outcome, segmentNames) {
  const problems = [];
  const within = (b, v) => b.x >= -0.5 && b.y >= -0.5 && b.x + b.w <= v.w + 0.5 && b.y + b.h <= v.h + 0.5;
  const fmt = (b) => `x ${Math.round(b.x)}..${Math.round(b.x + b.w)}, y ${Math.round(b.y)}..${Math.round(b.y + b.h)}`;
  const load = outcome.load === 'fails' ? `load fails${outcome.errno ? ` -${String(outcome.errno).replace(/^-/, '')}` : ''}` : `load ${outcome.load}`;
  const want = `${load} · jump ${outcome.jump}`;
  if (!m.verdict) problems.push('no .summary .verdict');
  else {
    if (m.verdict.text !== want) problems.push(`verdict "${m.verdict.text}", the CLI says "${want}"`);
    if (!within(m.verdict, m.view)) problems.push(`verdict at ${fmt(m.verdict)} outside the ${m.view.w}x${m.view.h} frame`);
    if (m.verdict.lines !== 1) problems.push(`verdict broken over ${m.verdict.lines} lines`);
  }
  if (m.summary && (m.summary.scrollW > m.summary.clientW || m.summary.scrollH > m.summary.clientH)) {
    problems.push(`summary overflows: scroll ${m.summary.scrollW}x${m.summary.scrollH}, client ${m.summary.clientW}x${m.summary.clientH}`);
  }
  const names = [...new Set(m.segments.map((s) => s.name))].sort();
  if (JSON.stringify(names) !== JSON.stringify([...segmentNames].sort())) problems.push(`segments ${JSON.stringify(names)}, the CLI has ${JSON.stringify(segmentNames)}`);
  for (const s of m.segments) {
    if (!s.label) { problems.push(`${s.name}: no name label`); continue; }
    if (s.text !== s.name) problems.push(`${s.name}: label reads "${s.text}"`);
    if (!within(s.label, m.view) || s.label.x < m.area.x - 0.5 || s.label.x + s.label.w > m.area.x + m.area.w + 0.5) problems.push(`${s.name}: name at ${fmt(s.label)} not inside the picture`);
    if (s.label.x < s.box.x - 0.5 || s.label.x + s.label.w > s.box.x + s.box.w + 0.5) problems.push(`${s.name}: name at ${fmt(s.label)} overflows its box ${fmt(s.box)}`);
  }
  // Any two drawn labels: their boxes may touch, not overlap (1 px of font padding allowed).
  const t = [...m.texts].sort((a, b) => a.y - b.y);
  for (let i = 0; i < t.length; i++) {
    for (let j = i + 1; j < t.length && t[j].y < t[i].y + t[i].h - 1; j++) {
      const dx = Math.min(t[i].x + t[i].w, t[j].x + t[j].w) - Math.max(t[i].x, t[j].x);
      const dy = Math.min(t[i].y + t[i].h, t[j].y + t[j].h) - Math.max(t[i].y, t[j].y);
      if (dx > 1 && dy > 1) problems.push(`"${t[i].text}" (${fmt(t[i])}) overlaps "${t[j].text}" (${fmt(t[j])})`);
    }
  }
  return problems;
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
      ex.ws = ws;
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

      // The README's pictures: the panel narrow (beside the editor) and wide, light and dark. The
      // side bar and the bottom panel are closed so the map gets the window's height.
      await page.mouse.move(5, 5);
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('Control+End');
      for (const [command, label] of [['View: Close Primary Side Bar', /Close Primary Side Bar/], ['View: Hide Panel', /(Hide|Close) Panel/]]) {
        await page.keyboard.press('F1');
        await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
        await page.keyboard.type(command);
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
        // A label another VS Code words differently only costs the pictures some room.
        if (await row.waitFor({ timeout: 10000 }).then(() => true, () => false)) await page.keyboard.press('Enter');
        else await page.keyboard.press('Escape');
      }
      for (const [kind, widths] of [['light', MAP_WIDTHS], ['dark', [...MAP_WIDTHS].reverse()]]) {
        for (const target of widths) {
          await report.step(`map panel ${target} px, ${kind}: verdict whole, every segment name whole in its box, no labels overlap`, async () => {
            const t0 = Date.now();
            await setTheme(page, ex.ws, kind);
            const t1 = Date.now();
            const frame = await sizeMapPanel(page, target);
            const t2 = Date.now();
            // Nothing hovered or selected in the picture: the pointer rests on the editor's empty lines.
            const editor = await page.locator('.editor-instance').first().boundingBox();
            await page.mouse.move(editor.x + editor.width / 2, editor.y + editor.height - 30);
            const m = await mapText(frame);
            const file = path.join(MAP_SHOTS, `map-${target}-${kind}.png`);
            await shot(page, `6-map-${target}-${kind}.png`);
            await page.locator('iframe.webview').first().screenshot({ path: file });
            const problems = layoutProblems(m, ex.result.outcome, ex.result.segments.map((s) => s.name));
            if (problems.length) throw new Error(`frame ${m.view.w}x${m.view.h}: ${problems.slice(0, 8).join('; ')}`);
            return `frame ${m.view.w}x${m.view.h} px, "${m.verdict.text}", ${m.segments.length} names, ${m.texts.length} labels; ${path.relative(REPO, file)} (theme ${t1 - t0} ms, size ${t2 - t1} ms)`;
          });
        }
      }
    }
    // Expected workbench noise: code-server's web build lacks the vsda files the workbench asks
    // for (404), and cancelled requests (quick open's file search as the query is typed) are
    // logged as errors though nothing failed; writing the workspace settings (the theme) makes the
    // task service ask the built-in TypeScript extension for tasks, which on a loaded machine times out.
    const errors = consoleErrors.filter((e) => !/\/vsda[/_.]/.test(e) && !/Canceled: Error: Canceled/.test(e) && !/^Timed out getting tasks from /.test(e));
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
