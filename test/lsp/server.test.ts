// The language server through a real LSP connection over stdio to the bundled server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, CompletionItem, CodeAction, TextEdit, InlayHint, DocumentSymbol, Diagnostic } from 'vscode-languageserver-protocol';
import { startClient, open, ROOT, type TestClient } from './client';
import { TextDocument } from 'vscode-languageserver-textdocument';

const example = (name: string) => {
  const file = path.join(ROOT, 'examples', name);
  return { uri: pathToFileURL(file).href, text: fs.readFileSync(file, 'utf8') };
};
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).filter((c) => c !== 'outcome');
const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : JSON.stringify(h?.contents));

test('push diagnostics: open, change, related information, outcome, clear on close', async () => {
  const c = await startClient({ settings: { diagnostics: { outcome: true } } });
  try {
    const { uri, text } = example('acpi-and-overlap.kexec');
    const first = c.diagnostics(uri);
    await open(c, uri, text);
    const d = (await first).diagnostics;
    assert.deepEqual(codes(d), ['kexec/overlap', 'dest/reserved']);
    const overlap = d.find((x) => x.code === 'kexec/overlap')!;
    assert.equal(overlap.source, 'kexec-layout');
    assert.match(String(overlap.message), /-EINVAL/);
    assert.equal(overlap.relatedInformation?.[0].location.range.start.line, 16);
    const outcome = d.find((x) => x.code === 'outcome')!;
    assert.equal(outcome.range.start.line, 7); // the syscall line
    assert.match(String(outcome.message), /kexec_load would fail with -EINVAL: segments kernel and initrd overlap/);
    // Fix the overlap by an edit: the next publish for version 2 drops it.
    const line = text.split('\n').findIndex((l) => l.startsWith('segment initrd'));
    const col = text.split('\n')[line].indexOf('0x0300_0000');
    const next = c.diagnostics(uri, (p) => p.version === 2);
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col + 11 } }, text: '0x0500_0000' }],
    });
    assert.deepEqual(codes((await next).diagnostics), ['dest/reserved']);
    const cleared = c.diagnostics(uri, (p) => p.diagnostics.length === 0);
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.equal((await cleared).diagnostics.length, 0);
  } finally { await c.close(); }
});

test('pull diagnostics when the client supports them', async () => {
  const c = await startClient({ pull: true });
  try {
    const { uri, text } = example('tdx-6.13-initrd-unaccepted.kexec');
    await open(c, uri, text);
    const report = await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as { kind: string; items: Diagnostic[] };
    assert.equal(report.kind, 'full');
    assert.deepEqual(codes(report.items), ['accept/unaccepted-destination']);
    assert.equal(report.items[0].severity, 1);
  } finally { await c.close(); }
});

test('settings: severity off and the default kernel come from workspace/configuration', async () => {
  const c = await startClient({ settings: { kernel: '6.15', diagnostics: { severity: { 'accept/guard-unit': 'off' } } } });
  try {
    const { uri, text } = example('sev-snp-unknown-kernel.kexec');
    const p = c.diagnostics(uri);
    await open(c, uri, text);
    const d = (await p).diagnostics;
    assert.equal(d.find((x) => x.code === 'accept/unaccepted-destination')!.severity, 3); // information on 6.15
  } finally { await c.close(); }
});

test('hover, completion, symbols, code actions, formatting, inlay hints, memory map', async () => {
  const c = await startClient();
  try {
    const { uri, text } = example('tdx-6.13-initrd-unaccepted.kexec');
    const ready = c.diagnostics(uri);
    await open(c, uri, text);
    await ready;
    const lines = text.split('\n');
    const ln = lines.findIndex((l) => l.startsWith('unaccepted'));
    const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: ln, character: 13 } }) as Hover;
    assert.match(hoverText(h), /0x1_4000_0000/);
    assert.match(hoverText(h), /unaccepted/);
    const seg = lines.findIndex((l) => l.startsWith('segment initrd'));
    const hs = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: seg, character: 10 } }) as Hover;
    assert.match(hoverText(hs), /initrd/);
    const blank = lines.findIndex((l) => l === '');
    const items = await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: blank, character: 0 } }) as CompletionItem[] | { items: CompletionItem[] };
    const labels = (Array.isArray(items) ? items : items.items).map((i) => i.label);
    assert.ok(labels.includes('segment') && labels.includes('region'), labels.join(','));
    const symbols = await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as DocumentSymbol[];
    assert.ok(JSON.stringify(symbols).includes('initrd'));
    const diags = (await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }).catch(() => null)) as null;
    void diags;
    const actions = await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: seg, character: 8 }, end: { line: seg, character: 14 } },
      context: { diagnostics: [{ range: { start: { line: seg, character: 8 }, end: { line: seg, character: 14 } }, message: 'x', code: 'accept/unaccepted-destination', source: 'kexec-layout' }] },
    }) as CodeAction[];
    const move = actions.find((a) => /Move initrd/.test(a.title));
    assert.ok(move?.edit?.changes?.[uri]?.length, actions.map((a) => a.title).join(' | '));
    const edits = await c.conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }) as TextEdit[];
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'kexec-layout', 1, text), edits);
    assert.ok(formatted.includes('segment initrd'));
    const hints = await c.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } }) as InlayHint[];
    assert.ok(hints.length > 0);
    const model = await c.conn.sendRequest('kexecLayout/memoryMap', { textDocument: { uri } }) as { segments: { name: string; start: string }[]; outcome: { jump: string } };
    assert.equal(model.outcome.jump, 'fatal');
    assert.deepEqual(model.segments.map((s) => s.name), ['purgatory', 'kernel', 'initrd']);
    assert.equal(model.segments[2].start, '0x13e000000');
    assert.ok(c.notifications.some((n) => n.method === 'kexecLayout/didChangeMemoryMap'));
  } finally { await c.close(); }
});

test('bad requests: positions past the end, unknown documents, a 100,000-line document', async () => {
  const c = await startClient();
  try {
    const { uri, text } = example('kdump-crashkernel.kexec');
    await open(c, uri, text);
    const far = { line: 99_999, character: 99_999 };
    assert.equal(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: far }), null);
    await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: far });
    assert.equal(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.kexec' }, position: far }), null);
    const bigUri = 'file:///big.kexec';
    const big = Array.from({ length: 100_000 }, (_, i) => `region 0x${(i * 0x1000).toString(16)} + 4K ${i % 2 ? 'ram' : 'reserved'}`).join('\n');
    const p = c.diagnostics(bigUri);
    await open(c, bigUri, big);
    assert.ok(Array.isArray((await p).diagnostics));
    const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: bigUri }, position: { line: 99_998, character: 8 } }) as Hover;
    assert.match(hoverText(h), /0x1_869e_000|0x1869e000/i);
  } finally { await c.close(); }
  assert.doesNotMatch(c.stderr(), /Error|at /);
});

test('a burst of 1,000 edits: the server answers and the last version wins', async () => {
  const c = await startClient();
  try {
    const uri = 'file:///burst.kexec';
    await open(c, uri, 'region 0x0 .. 0x1000_0000 ram\nsegment a mem=0x10_0000 memsz=4K\n');
    for (let v = 2; v <= 1001; v++) {
      const mem = v === 1001 ? '0x10_0800' : `0x${(0x10_0000 + v * 0x1000).toString(16)}`;
      void c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: `region 0x0 .. 0x1000_0000 ram\nsegment a mem=${mem} memsz=4K\n` }] });
    }
    const last = await c.diagnostics(uri, (p) => p.version === 1001);
    assert.deepEqual(codes(last.diagnostics), ['kexec/unaligned']);
    const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 15 } }) as Hover;
    assert.match(hoverText(h), /0x10_0800|0x100800/);
  } finally { await c.close(); }
});

test('cancellation is honoured while the server is busy checking', async () => {
  const c = await startClient();
  try {
    const uri = 'file:///busy.kexec';
    const big = Array.from({ length: 100_000 }, (_, i) => `region 0x${(i * 0x1000).toString(16)} + 4K ram`).join('\n');
    const first = c.diagnostics(uri);
    await open(c, uri, big);
    await first;
    // A new version: the hover below has to check 100,000 lines first, and is cancelled meanwhile.
    void c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: big + '\n# edited' }] });
    const { CancellationTokenSource } = await import('vscode-languageserver-protocol');
    const src = new CancellationTokenSource();
    const req = c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 10 } }, src.token);
    setTimeout(() => src.cancel(), 20);
    await assert.rejects(req, (e: { code?: number }) => e.code === -32800);
    // The server still answers afterwards.
    const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 10 } }) as Hover;
    assert.match(hoverText(h), /0xa000|0xa_000/);
  } finally { await c.close(); }
});

export type { TestClient };

test('kexecLayout/importLayout: a layout from a memory map file, or a one-line reason', async () => {
  const c = await startClient();
  try {
    const ok = await c.conn.sendRequest('kexecLayout/importLayout', { path: path.join(ROOT, 'test/fixtures/import/iomem-old.txt'), format: 'auto' }) as { text?: string };
    assert.match(ok.text ?? '', /^region 0x.* ram/m);
    assert.match(ok.text ?? '', /^crashkernel /m);
    const bad = await c.conn.sendRequest('kexecLayout/importLayout', { path: '/nonexistent/iomem', format: 'auto' }) as { error?: string };
    assert.match(bad.error ?? '', /no such file/i);
  } finally { await c.close(); }
});

test('hover on an import line says what was read and what was skipped', async () => {
  const c = await startClient();
  try {
    const uri = pathToFileURL(path.join(ROOT, 'test/fixtures/import/layout.kexec')).href;
    await open(c, uri, 'import e820 "bad-lines.txt"\n');
    const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }) as Hover;
    assert.match(hoverText(h), /skipped/i);
    assert.match(hoverText(h), /line \d+/);
  } finally { await c.close(); }
});
