#!/usr/bin/env node
// Web suite: the extension's `browser` entry in code-server's web worker extension host (the host
// vscode.dev and github.dev run extensions in), driven through headless chromium. The packaged
// .vsix is installed into code-server as for the UI suite; the user setting
// `"remote.extensionKind": { "kexec-layout.kexec-layout": ["web"] }` makes the workbench run it in
// the browser's worker host instead of the Node extension host, so the language server is
// dist/server/browserServer.js in a Web Worker and imports are read through vscode.workspace.fs.
// Checks: no Node language server process exists, the findings in the Problems panel are the
// CLI's (an example, and a layout whose `import` the browser client reads), and "Show Memory Map"
// draws the CLI's segments. Expectations come from the CLI; screenshots go to test-output/e2e/.
//
// Env: E2E_VSIX (default <extension>/kexec-layout.vsix), E2E_EXTENSION_PATH, E2E_KEEP=1.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { EXTENSION, OUTPUT, tempDir } = require('./lib/env');
const codeServer = require('./lib/codeServer');
const browser = require('./lib/browser');
const cli = require('./lib/cli');
const { makeWorkspace } = require('./lib/workspace');
const { Report } = require('./lib/report');

const VSIX = path.resolve(process.env.E2E_VSIX || path.join(EXTENSION, 'kexec-layout.vsix'));
const EXTENSION_ID = 'kexec-layout.kexec-layout';
const EXAMPLE = 'tdx-6.13-initrd-unaccepted.kexec';
const report = new Report('web');

// A layout that imports a file of the workspace (read by the browser client) and a missing one.
const IMPORTING = [
  'arch x86_64', 'kernel 6.12', 'syscall kexec_load',
  'import iomem "iomem.txt"',
  'import iomem "missing.txt"',
  'segment kernel mem=0x0100_0000 memsz=16M',
  'segment initrd mem=0x7fe0_0000 memsz=4M',
  '',
].join('\n');
const IOMEM = [
  '00000000-00000fff : Reserved',
  '00001000-0009fbff : System RAM',
  '000a0000-000fffff : Reserved',
  '00100000-7fedffff : System RAM',
  '7fee0000-7fefffff : ACPI Tables',
  '',
].join('\n');

/** The processes whose command line names this suite's extension folder (a Node server would). */
function extensionProcesses(dir) {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(path.join(dir, 'extensions')) && /dist\/server\/server\.js/.test(l));
}

/** Opens `rel` (a path in the workspace) through quick open and waits for its editor. */
async function openFile(page, rel) {
  const name = path.basename(rel);
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(rel);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30000 });
  await page.keyboard.press('Enter');
  await page.locator('.editor-group-container .tab.active', { hasText: name }).first().waitFor({ timeout: 20000 });
  await page.locator('.statusbar-item[id="status.editor.mode"]').filter({ hasText: /Kexec/i }).waitFor({ timeout: 20000 });
}

/**
 * Shows the Problems panel. Ctrl+Shift+M toggles it closed when it already has the focus, so the key
 * is pressed only while the panel is not visible.
 */
async function showProblems(page) {
  for (let i = 0; i < 3; i++) {
    if (await page.locator('.markers-panel').first().isVisible()) return;
    await page.keyboard.press('Control+Shift+M');
    await page.waitForTimeout(300);
  }
}

function problemRows(page) {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((rs) => rs.map((r) => ({
    text: r.textContent.replace(/\s+/g, ' '), level: Number(r.getAttribute('aria-level') || 0),
  })));
}

/** Problems panel rows of `file`: [{ code, line (1-based) }] read from "…message kexec-layout code [Ln N, Col M]". */
async function problemsOf(page, file) {
  const rows = await problemRows(page);
  // The list is a tree: a file row (level 1), then its markers (level 2).
  const found = [];
  let inFile = false;
  for (const r of rows) {
    if (r.level === 1) { inFile = r.text.includes(file); continue; }
    if (!inFile) continue;
    const m = /kexec-layout\(?([\w/.-]+)\)?\s*\[Ln (\d+), Col \d+\]\s*$/.exec(r.text);
    if (m) found.push({ code: m[1], line: Number(m[2]), text: r.text });
  }
  return found;
}

async function waitForProblems(page, file, want, timeout = 30000) {
  const key = (d) => `${d.code}@${d.line}`;
  const wanted = want.map(key).sort();
  const deadline = Date.now() + timeout;
  let got = [];
  let outcomes = 0;
  for (;;) {
    // The outcome diagnostic (its line is the server's choice) once, and every finding at the CLI's line.
    await showProblems(page);
    const rows = await problemsOf(page, file);
    got = rows.filter((d) => d.code !== cli.OUTCOME).map(key).sort();
    outcomes = rows.length - got.length;
    if (JSON.stringify(got) === JSON.stringify(wanted) && outcomes === 1) return [...got, cli.OUTCOME];
    if (Date.now() > deadline) throw new Error(`Problems for ${file}: ${JSON.stringify(got)} + ${outcomes} outcome, the CLI has ${JSON.stringify(wanted)} + 1; rows ${JSON.stringify(await problemRows(page)).slice(0, 600)}`);
    await page.waitForTimeout(250);
  }
}

/** The CLI's findings for a file as { code, line (1-based) } (the workspace also turns the outcome on). */
function cliProblems(result) {
  return result.diagnostics.map((d) => ({ code: d.code, line: d.range.start.line + 1 }));
}

async function main() {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const dir = tempDir('web');
  const shot = (page, name) => page.screenshot({ path: path.join(OUTPUT, name) });
  let server, context, page;
  const consoleErrors = [];
  const messages = [];
  try {
    let ws, example, importing;
    const ready = await report.step('setup: vsix installed, the extension kind set to "web", code-server up', async () => {
      if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} missing: npm run package`);
      codeServer.installExtension(dir, VSIX);
      const settingsFile = path.join(dir, 'user-data', 'User', 'settings.json');
      const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
      settings['remote.extensionKind'] = { [EXTENSION_ID]: ['web'] };
      fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
      ws = makeWorkspace(dir);
      fs.writeFileSync(path.join(ws, 'importing.kexec'), IMPORTING);
      fs.writeFileSync(path.join(ws, 'iomem.txt'), IOMEM);
      const files = [path.join(ws, 'examples', EXAMPLE), path.join(ws, 'importing.kexec')];
      const results = cli.check(files);
      example = { rel: `examples/${EXAMPLE}`, result: results.get(files[0]) };
      importing = { rel: 'importing.kexec', result: results.get(files[1]) };
      if (!importing.result.diagnostics.some((d) => d.code === 'import/unreadable' && d.range.start.line === 4)) {
        throw new Error(`the CLI does not report the missing import on line 5: ${cli.cliKeys(importing.result).join(' ')}`);
      }
      server = await codeServer.start(dir);
      ({ context, page } = await browser.launch(dir, { viewport: { width: 1600, height: 1000 } }));
      page.on('console', (m) => {
        messages.push(`${m.type()}: ${m.text()}`);
        if (m.type() === 'error') consoleErrors.push(`${m.text()} @ ${m.location().url}`);
      });
      page.on('pageerror', (e) => consoleErrors.push(`uncaught ${e.message}`));
      await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
      await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
      return `${path.basename(VSIX)}, remote.extensionKind ${EXTENSION_ID}: ["web"]`;
    });
    if (!ready) return;

    const opened = await report.step(`${EXAMPLE} opens and the extension activates in the web worker extension host`, async () => {
      await openFile(page, example.rel);
      // The client logs its failures to the console; activation is the first squiggle.
      const t = Date.now();
      await page.waitForSelector('.editor-instance .view-overlays .squiggly-error', { timeout: 60000 });
      const failed = messages.filter((m) => /Activating extension 'kexec-layout|Kexec Layout client|kexec-layout.*(failed|error)/i.test(m));
      if (failed.length) throw new Error(failed.join(' | '));
      return `squiggle after ${Date.now() - t} ms`;
    });
    if (!opened) return;

    await report.step('no Node language server runs: the diagnostics come from the browser server', async () => {
      const procs = extensionProcesses(dir);
      if (procs.length) throw new Error(`Node server processes: ${procs.join(' | ')}`);
      const worker = messages.filter((m) => /web worker extension host/i.test(m));
      return `no process runs ${path.join('extensions', '…', 'dist/server/server.js')}; workbench: ${worker[0] || '(no worker host message)'}`;
    });

    await report.step(`the Problems panel holds the CLI's findings for ${EXAMPLE}`, async () => {
      await showProblems(page);
      await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 20000 });
      const got = await waitForProblems(page, EXAMPLE, cliProblems(example.result));
      await shot(page, 'web-1-problems.png');
      return got.join(' ');
    });

    await report.step('an import is read through the browser client (vscode.workspace.fs): the CLI\'s findings, a missing file is import/unreadable', async () => {
      await openFile(page, importing.rel);
      await showProblems(page);
      const got = await waitForProblems(page, 'importing.kexec', cliProblems(importing.result));
      // The reason is VS Code's file system error (FileNotFound): read by the client, not from disk
      // by a Node server (which says "no such file").
      const missing = (await problemsOf(page, 'importing.kexec')).find((d) => d.code === 'import/unreadable');
      if (!/FileNotFound/.test(missing.text) || /no such file/i.test(missing.text)) throw new Error(`import/unreadable reads "${missing.text}"`);
      return `${got.join(' ')}; "${missing.text.replace(/kexec-layout\S*\s*\[Ln.*$/, '').slice(0, 100)}"`;
    });

    await report.step('"Kexec Layout: Show Memory Map" draws the CLI\'s segments', async () => {
      // The example is open in a tab already: select that tab (quick open from the Problems panel is unreliable).
      await page.locator('.editor-group-container .tab', { hasText: EXAMPLE }).first().click();
      await page.locator('.editor-group-container .tab.active', { hasText: EXAMPLE }).first().waitFor({ timeout: 20000 });
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type('Kexec Layout: Show Memory Map');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Memory Map' }).first().waitFor({ timeout: 20000 });
      await page.keyboard.press('Enter');
      await page.locator('.tab', { hasText: `Memory Map: ${EXAMPLE}` }).first().waitFor({ timeout: 20000 });
      const frame = page.frameLocator('iframe.webview').frameLocator('#active-frame');
      await frame.locator('svg g.segment[data-name]').first().waitFor({ timeout: 30000 });
      const names = [...new Set(await frame.locator('svg g.segment[data-name]').evaluateAll((gs) => gs.map((g) => g.dataset.name)))].sort();
      const verdict = (await frame.locator('.toolbar .summary').innerText()).replace(/\s+/g, ' ').trim();
      await shot(page, 'web-2-memory-map.png');
      const want = example.result.segments.map((s) => s.name).sort();
      if (JSON.stringify(names) !== JSON.stringify(want)) throw new Error(`segments ${JSON.stringify(names)}, the CLI has ${JSON.stringify(want)}`);
      const jump = `jump ${example.result.outcome.jump}`;
      if (!verdict.includes(jump)) throw new Error(`header "${verdict}" lacks "${jump}"`);
      return `segments ${names.join(', ')}; header "${verdict.slice(0, 80)}"`;
    });

    // Expected workbench noise, as in the UI suite: the missing vsda files (404), cancelled
    // requests, and the TypeScript extension's task provider timing out on a slow machine.
    const errors = consoleErrors.filter((e) => !/\/vsda[/_.]|Failed to load resource: the server responded with a status of 404/.test(e)
      && !/Canceled: Error: Canceled/.test(e) && !/Timed out getting tasks from/.test(e));
    report.ok('no errors in the browser console (workbench, worker host, webview)', !errors.length, errors.slice(0, 5).join(' | '));
  } finally {
    if (page) await shot(page, 'web-last.png').catch(() => {});
    if (context) await context.close().catch(() => {});
    if (server) await server.stop();
    if (process.env.E2E_KEEP) console.log(`web: kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => report.ok('no unexpected error', false, e.stack || String(e)))
  .then(() => process.exit(report.finish()));
