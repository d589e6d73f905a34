import { test, beforeEach, after } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { FakePanel, installVscodeMock, makeEditor, state, Uri } from './vscodeMock';
import type { MapModel } from '../../common/src/render/mapModel';
import { loadFixtures } from './fixtures';
import { writeFileAtomic } from '../../server/src/node/atomicWrite';

installVscodeMock();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const panelModule = require('../../client/src/memoryMapPanel') as typeof import('../../client/src/memoryMapPanel');
const { registerMemoryMap, MemoryMapPanel, VIEW_TYPE, SHOW_COMMAND, EXPORT_COMMAND } = panelModule;

const models = loadFixtures();
const tdx = models.find((f) => f.name === 'tdx-guest')!.model;
const kdump = models.find((f) => f.name === 'kdump-crash')!.model;
const memento = new Map<string, unknown>();
const workspaceState = { get: (k: string) => memento.get(k), update: async (k: string, v: unknown) => { memento.set(k, v); } };
const context = { extensionUri: Uri.file('/ext'), subscriptions: [] as Array<{ dispose(): void }>, workspaceState };
const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-panel-'));
after(() => fs.rmSync(exportDir, { recursive: true, force: true }));
const docA = { uri: Uri.file('/work/a.kexec'), languageId: 'kexec-layout' };
const docB = { uri: Uri.file('/work/b.kexec'), languageId: 'kexec-layout' };

let served: Record<string, MapModel | null>;
let requests: string[];
const writeLocalFile = (p: string, text: string) => writeFileAtomic(p, text, { force: true });
const deps: import('../../client/src/memoryMapPanel').MemoryMapDeps = {
  requestModel: async (uri: string) => { requests.push(uri); return served[uri] ?? null; },
  writeLocalFile, // as the desktop client passes it
};
const api = registerMemoryMap(context as never, deps);
const flush = () => new Promise((r) => setImmediate(r));

beforeEach(() => {
  MemoryMapPanel.current?.panel.dispose();
  served = { [docA.uri.toString()]: tdx, [docB.uri.toString()]: kdump };
  requests = [];
  state.panels.length = 0;
  state.messages.length = 0;
  state.written.length = 0;
  state.saveDialogs.length = 0;
  state.shown.length = 0;
  state.saveDialogAnswer = undefined;
  state.activeTextEditor = makeEditor(docA, 7);
  state.visibleTextEditors = [state.activeTextEditor];
});

async function openPanel(): Promise<FakePanel> {
  await state.commands.get(SHOW_COMMAND)!();
  const panel = state.panels[state.panels.length - 1];
  panel.webview.receive.fire({ v: 1, type: 'ready' });
  await flush();
  return panel;
}

test('the page loads only the bundled script under a nonce CSP; data waits for ready', async () => {
  await state.commands.get(SHOW_COMMAND)!();
  const panel = state.panels[0];
  assert.equal(panel.viewType, VIEW_TYPE);
  assert.equal(panel.title, 'Memory Map: a.kexec');
  const html = panel.webview.html;
  const nonce = /'nonce-([0-9a-f]+)'/.exec(html)![1];
  assert.ok(html.includes(`default-src 'none'; img-src https://webview.test data:; style-src https://webview.test 'nonce-${nonce}'; script-src 'nonce-${nonce}'`));
  assert.ok(html.includes(`<script nonce="${nonce}" src="https://webview.test/ext/dist/webview/memoryMap.js"></script>`));
  assert.ok(!html.includes('tdx-guest'), 'no model data in the HTML');
  assert.deepEqual(panel.webview.options, { enableScripts: true, localResourceRoots: [Uri.joinPath(Uri.file('/ext'), 'dist', 'webview')] });
  assert.equal(panel.webview.posted.length, 0, 'nothing posted before ready');
  panel.webview.receive.fire({ v: 1, type: 'ready' });
  await flush();
  assert.deepEqual(panel.webview.posted, [
    { v: 1, type: 'model', model: tdx, uri: docA.uri.toString() },
    { v: 1, type: 'highlight', line: 7 },
  ]);
});

test('refresh re-requests only for the shown document; the cursor line is relayed', async () => {
  const panel = await openPanel();
  panel.webview.posted.length = 0;
  requests.length = 0;
  api.refresh(docB.uri.toString());
  await flush();
  assert.equal(requests.length, 0);
  served[docA.uri.toString()] = kdump;
  api.refresh(docA.uri.toString());
  await flush();
  assert.deepEqual(panel.webview.posted[0], { v: 1, type: 'model', model: kdump, uri: docA.uri.toString() });
  panel.webview.posted.length = 0;
  state.selection.fire({ textEditor: makeEditor(docA, 12), selections: [makeEditor(docA, 12).selection] });
  state.selection.fire({ textEditor: makeEditor(docB, 3), selections: [makeEditor(docB, 3).selection] });
  assert.deepEqual(panel.webview.posted, [{ v: 1, type: 'highlight', line: 12 }]);
});

test('a null model keeps the last picture instead of blanking it', async () => {
  const panel = await openPanel();
  panel.webview.posted.length = 0;
  served[docA.uri.toString()] = null;
  api.refresh(docA.uri.toString());
  await flush();
  assert.equal(panel.webview.posted.length, 0);
});

test('the panel follows the active .kexec editor and resends everything when shown again', async () => {
  const panel = await openPanel();
  panel.webview.posted.length = 0;
  const editorB = makeEditor(docB, 2);
  state.activeTextEditor = editorB;
  state.activeEditor.fire(editorB);
  await flush();
  assert.equal(panel.title, 'Memory Map: b.kexec');
  assert.deepEqual(panel.webview.posted[0], { v: 1, type: 'model', model: kdump, uri: docB.uri.toString() });
  state.activeEditor.fire(makeEditor({ uri: Uri.file('/work/notes.md'), languageId: 'markdown' }));
  await flush();
  assert.equal(panel.title, 'Memory Map: b.kexec', 'other editors are ignored');
  panel.webview.posted.length = 0;
  panel.viewState.fire({ webviewPanel: panel });
  assert.equal((panel.webview.posted[0] as { type: string }).type, 'model');
  // Hidden: nothing is posted (it would be lost); the reloaded page's ready gets everything.
  panel.webview.posted.length = 0;
  panel.visible = false;
  panel.viewState.fire({ webviewPanel: panel });
  api.refresh(docB.uri.toString());
  await flush();
  assert.equal(panel.webview.posted.length, 0);
  panel.visible = true;
  panel.viewState.fire({ webviewPanel: panel });
  panel.webview.receive.fire({ v: 1, type: 'ready' });
  await flush();
  assert.deepEqual(panel.webview.posted[0], { v: 1, type: 'model', model: kdump, uri: docB.uri.toString() });
});

test('reveal selects the range and reveals it centred if outside the viewport', async () => {
  const panel = await openPanel();
  panel.webview.receive.fire({ v: 1, type: 'reveal', range: { start: { line: 21, character: 0 }, end: { line: 21, character: 30 } } });
  await flush();
  const editor = state.visibleTextEditors[0];
  assert.equal(editor.selection.start.line, 21);
  assert.equal(editor.selection.end.character, 30);
  assert.deepEqual(editor.revealed.map((r) => [r.range.start.line, r.type]), [[21, 2]]);
  // Malformed messages are dropped.
  panel.webview.receive.fire({ v: 1, type: 'reveal', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } });
  panel.webview.receive.fire({ type: 'reveal' });
  await flush();
  assert.equal(editor.revealed.length, 1);
});

test('export renders the SVG from the model and writes only where the dialog says', async () => {
  await openPanel();
  await state.commands.get(EXPORT_COMMAND)!();
  assert.equal(state.saveDialogs.length, 1);
  assert.equal(state.written.length, 0, 'cancelled dialog: nothing written');
  const dialog = state.saveDialogs[0] as { defaultUri: Uri; filters: Record<string, string[]> };
  assert.equal(dialog.defaultUri.path, '/work/a.svg');
  assert.deepEqual(Object.values(dialog.filters), [['svg']]);
  const out = path.join(exportDir, 'out.svg');
  state.saveDialogAnswer = Uri.file(out);
  await state.commands.get(EXPORT_COMMAND)!();
  const text = fs.readFileSync(out, 'utf8'); // file: targets are written atomically on disk
  assert.ok(text.startsWith('<?xml'));
  assert.ok(text.includes('tdx-guest.kexec'));
  assert.deepEqual(fs.readdirSync(exportDir), ['out.svg'], 'no temporary file left');
});

test('without a local writer (the browser client) the export goes through vscode.workspace.fs, file: targets too', async () => {
  await openPanel();
  const out = path.join(exportDir, 'browser.svg');
  state.saveDialogAnswer = Uri.file(out);
  delete deps.writeLocalFile;
  try {
    await state.commands.get(EXPORT_COMMAND)!();
  } finally {
    deps.writeLocalFile = writeLocalFile;
  }
  assert.equal(fs.existsSync(out), false, 'nothing written on disk by the panel itself');
  assert.deepEqual(state.written.map((w) => w.uri.fsPath), [out]);
  assert.ok(state.written[0].text.startsWith('<?xml') && state.written[0].text.includes('tdx-guest.kexec'));
});

test('the serializer restores the panel to the document the host recorded, whatever the webview state says', async () => {
  const serializer = state.serializers.get(VIEW_TYPE)!;
  memento.set(panelModule.SHOWN_URI_KEY, docB.uri.toString());
  const panel = new FakePanel(VIEW_TYPE, 'old');
  await serializer.deserializeWebviewPanel(panel, { uri: 'file:///etc/shadow', view: { zoom: 2, panX: 0, panY: 0 } });
  assert.equal(MemoryMapPanel.current?.panel, panel as never);
  assert.equal(panel.title, 'Memory Map: b.kexec');
  assert.ok(panel.webview.html.includes('memoryMap.js'));
  panel.webview.receive.fire({ v: 1, type: 'ready' });
  await flush();
  assert.deepEqual((panel.webview.posted[0] as { model: MapModel }).model, kdump);
  const stale = new FakePanel(VIEW_TYPE, 'old');
  await serializer.deserializeWebviewPanel(stale, undefined);
  assert.ok(stale.disposed, 'a panel without a saved uri is closed');
});

test('closing the panel stops listening', async () => {
  const panel = await openPanel();
  const before = state.selection.count;
  panel.dispose();
  assert.equal(MemoryMapPanel.current, undefined);
  assert.equal(state.selection.count, before - 1);
});

test('reveal opens only the document the panel shows, lines clamped; webview errors are capped, escaped, throttled', async () => {
  const panel = await openPanel();
  const tenLines = makeEditor({ uri: docA.uri, languageId: 'kexec-layout', lineCount: 10 } as never);
  state.visibleTextEditors = [tenLines];
  panel.webview.receive.fire({ v: 1, type: 'reveal', range: { start: { line: 5000, character: 3 }, end: { line: 9000, character: 4 } } });
  await flush();
  assert.equal(tenLines.selection.start.line, 9, 'clamped to the last line');
  assert.equal(tenLines.selection.end.line, 9);
  state.visibleTextEditors = [];
  const revealDoc = { uri: docA.uri, languageId: 'kexec-layout', lineCount: 10, validateRange: undefined };
  const vscodeMod = require('vscode') as { workspace: { openTextDocument: unknown } };
  const original = vscodeMod.workspace.openTextDocument;
  const opened: string[] = [];
  vscodeMod.workspace.openTextDocument = async (u: Uri) => { opened.push(u.toString()); return { ...revealDoc, uri: u }; };
  try {
    panel.webview.receive.fire({ v: 1, type: 'reveal', range: { start: { line: 5000, character: 3 }, end: { line: 9000, character: 4 } } });
    await flush(); await flush();
    assert.deepEqual(opened, [docA.uri.toString()], 'the panel\'s own document, nothing the message names');
    const shown = state.shown[state.shown.length - 1];
    assert.equal(shown.doc.uri.toString(), docA.uri.toString());
  } finally {
    vscodeMod.workspace.openTextDocument = original;
  }
  state.messages.length = 0;
  panel.webview.receive.fire({ v: 1, type: 'error', message: '\x1b]0;pwned\x07' + 'x'.repeat(100_000) });
  panel.webview.receive.fire({ v: 1, type: 'error', message: 'second, within the interval' });
  assert.equal(state.messages.length, 1);
  assert.ok(state.messages[0].length < panelModule.MAX_ERROR_CHARS + 100);
  assert.ok(state.messages[0].includes('\\x1b]0;pwned\\x07'));
  assert.ok(!/[\x00-\x1f]/.test(state.messages[0]));
});
