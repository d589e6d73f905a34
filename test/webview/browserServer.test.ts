// The browser build of the language server (dist/server/browserServer.js) in a real Web Worker in
// headless Chromium: for every example it answers diagnostics, hover and kexecLayout/memoryMap, and
// its answers equal the same pure core run here in Node. Imports are read through the client
// (kexecLayout/readFile), which the page answers from an in-memory workspace, as VS Code's file
// system API would.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { checkText } from '../../common/src/features/check';
import { toLspDiagnostics } from '../../common/src/features/lspDiagnostics';
import { memoryMapModel } from '../../common/src/features/memoryMap';
import type { MapModel } from '../../common/src/render/mapModel';
import { chromiumAvailable, launchChromium } from './chromium';
import { REPO_ROOT } from './fixtures';

const skip = chromiumAvailable() ? false : 'no Chromium at /usr/bin/chromium (apt-get install chromium)';
const EXAMPLES = join(REPO_ROOT, 'examples');
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.kexec')).sort();

const IOMEM = [
  '00000000-00000fff : Reserved',
  '00001000-0009fbff : System RAM',
  '000a0000-000fffff : Reserved',
  '00100000-7fedffff : System RAM',
  '7fee0000-7fefffff : ACPI Tables',
].join('\n') + '\n';

/** Runs in the page: starts the worker from the bundle's text and speaks JSON-RPC to it. */
function pageSide([bundle, files]: [string, Record<string, string>]): void {
  const w = window as unknown as Record<string, unknown>;
  const worker = new Worker(URL.createObjectURL(new Blob([bundle], { type: 'text/javascript' })));
  let next = 1;
  const waiting = new Map<number, (m: unknown) => void>();
  const published: { uri: string; diagnostics: unknown[] }[] = [];
  const reads: string[] = [];
  worker.onmessage = (e: MessageEvent) => {
    const m = e.data as { id?: number; method?: string; params?: { uri?: string; diagnostics?: unknown[] }; result?: unknown; error?: unknown };
    if (m.method === 'textDocument/publishDiagnostics') published.push(m.params as { uri: string; diagnostics: unknown[] });
    else if (m.method === 'workspace/configuration') worker.postMessage({ jsonrpc: '2.0', id: m.id, result: [{}] });
    else if (m.method === 'kexecLayout/readFile') {
      const uri = (m.params as { uri: string }).uri;
      reads.push(uri);
      const text = files[uri];
      worker.postMessage({ jsonrpc: '2.0', id: m.id, result: text === undefined ? { error: 'no such file' } : { text } });
    } else if (m.method !== undefined && m.id !== undefined) worker.postMessage({ jsonrpc: '2.0', id: m.id, result: null });
    else if (m.id !== undefined && waiting.has(m.id)) { waiting.get(m.id)!(m); waiting.delete(m.id); }
  };
  w.lsp = {
    request: (method: string, params: unknown) => new Promise((resolve) => { const id = next++; waiting.set(id, resolve); worker.postMessage({ jsonrpc: '2.0', id, method, params }); }),
    notify: (method: string, params: unknown) => worker.postMessage({ jsonrpc: '2.0', method, params }),
    published, reads,
  };
}

describe('the browser language server in a Chromium Web Worker', { skip }, () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const request = (method: string, params: unknown) => page.evaluate(([m, p]) => (window as unknown as { lsp: { request(m: string, p: unknown): Promise<{ result?: unknown; error?: unknown }> } }).lsp.request(m as string, p), [method, params] as const);
  const notify = (method: string, params: unknown) => page.evaluate(([m, p]) => (window as unknown as { lsp: { notify(m: string, p: unknown): void } }).lsp.notify(m as string, p), [method, params] as const);
  const diagnosticsOf = (uri: string) => page.waitForFunction((u) => {
    const all = (window as unknown as { lsp: { published: { uri: string; diagnostics: unknown[] }[] } }).lsp.published.filter((p) => p.uri === u);
    return all.length ? all[all.length - 1].diagnostics : undefined;
  }, uri, { timeout: 30_000 }).then((h) => h.jsonValue() as Promise<Diagnostic[]>);

  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><title>worker</title>');
    const bundle = readFileSync(join(REPO_ROOT, 'dist', 'server', 'browserServer.js'), 'utf8');
    await page.evaluate(pageSide, [bundle, { 'memfs:/ws/iomem.txt': IOMEM }] as [string, Record<string, string>]);
    const init = await request('initialize', { processId: null, rootUri: null, capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } } });
    assert.ok((init.result as { capabilities: { hoverProvider?: unknown } }).capabilities.hoverProvider, JSON.stringify(init));
    await notify('initialized', {});
  });
  after(async () => { await browser?.close(); });

  for (const name of examples) {
    test(name, async () => {
      const text = readFileSync(join(EXAMPLES, name), 'utf8');
      const uri = `memfs:/ws/${name}`;
      const local = await checkText(text);
      await notify('textDocument/didOpen', { textDocument: { uri, languageId: 'kexec-layout', version: 1, text } });
      const shown = await diagnosticsOf(uri);
      const want = toLspDiagnostics(local, uri);
      assert.deepEqual(shown.map((d) => [d.code, d.range.start.line, d.severity]), want.map((d) => [d.code, d.range.start.line, d.severity]));
      assert.ok(!shown.some((d) => d.code === 'outcome'), 'the outcome diagnostic is off by default');

      const line = text.split('\n').findIndex((l) => /^(segment|syscall) /.test(l));
      const hover = (await request('textDocument/hover', { textDocument: { uri }, position: { line, character: 1 } })).result as Hover | null;
      assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents && hover.contents.value.length > 20, `hover on line ${line + 1}: ${JSON.stringify(hover)}`);

      const model = (await request('kexecLayout/memoryMap', { textDocument: { uri } })).result as MapModel;
      const localModel = memoryMapModel(local, name);
      assert.deepEqual(model.outcome, localModel.outcome);
      assert.deepEqual(model.segments.map((s) => [s.name, s.start]), localModel.segments.map((s) => [s.name, s.start]));
      await notify('textDocument/didClose', { textDocument: { uri } });
    });
  }

  test('imports are read through the client (kexecLayout/readFile), relative to the layout', async () => {
    const uri = 'memfs:/ws/imported.kexec';
    const text = 'arch x86_64\nkernel 6.12\nsyscall kexec_load\nimport iomem "iomem.txt"\nimport iomem "missing.txt"\nsegment kernel mem=0x0100_0000 memsz=16M\n';
    await notify('textDocument/didOpen', { textDocument: { uri, languageId: 'kexec-layout', version: 1, text } });
    const shown = await diagnosticsOf(uri);
    const reads = await page.evaluate(() => (window as unknown as { lsp: { reads: string[] } }).lsp.reads);
    assert.ok(reads.includes('memfs:/ws/iomem.txt') && reads.includes('memfs:/ws/missing.txt'), JSON.stringify(reads));
    const unreadable = shown.filter((d) => d.code === 'import/unreadable');
    assert.deepEqual(unreadable.map((d) => d.range.start.line), [4], JSON.stringify(shown));
    assert.match(String(unreadable[0].message), /no such file/);
    const model = (await request('kexecLayout/memoryMap', { textDocument: { uri } })).result as MapModel;
    assert.ok(model.regions.some((r) => r.start === '0x100000' || /0x0*100000|0x10_0000/.test(r.start)), JSON.stringify(model.regions.map((r) => r.start)));
  });

  test('no page or worker errors', () => { assert.deepEqual(errors, []); });
});
