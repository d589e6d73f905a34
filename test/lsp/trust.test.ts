// Workspace trust on the Node server over a real connection: with `workspaceTrust: { trusted:
// false, folders }` in initializationOptions (what the VS Code client sends in Restricted Mode),
// `import` and `load` read only inside the folders, symlinks resolved; the trust notification
// rechecks open layouts; a server told nothing (the CLI, other editors) reads as before.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startClient, open, type TestClient } from './client';
import { RESTRICTED_LOAD_REASON, RESTRICTED_REASON } from '../../common/src/protocol/restricted';

const IOMEM = '00001000-0009ffff : System RAM\n00100000-7fffffff : System RAM\n';
let dir: string;
let ws: string;
let outside: string;

before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-trust-')));
  ws = path.join(dir, 'ws');
  outside = path.join(dir, 'outside');
  fs.mkdirSync(path.join(ws, 'sub'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(ws, 'sub', 'iomem.txt'), IOMEM);
  fs.writeFileSync(path.join(outside, 'iomem.txt'), IOMEM);
  fs.writeFileSync(path.join(outside, 'vmlinuz'), Buffer.alloc(4096));
  // Inside the workspace by name, outside by realpath.
  fs.symlinkSync(path.join(outside, 'iomem.txt'), path.join(ws, 'escape.txt'));
  // A directory link: a file reached through it is outside too.
  fs.symlinkSync(outside, path.join(ws, 'outdir'));
  // A link that stays inside is read.
  fs.symlinkSync(path.join(ws, 'sub', 'iomem.txt'), path.join(ws, 'local-link.txt'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const untrusted = () => ({ workspaceTrust: { trusted: false, folders: [ws] } });
const text = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const unreadable = (p: PublishDiagnosticsParams): Diagnostic[] => p.diagnostics.filter((d) => d.code === 'import/unreadable');
const restricted = (p: PublishDiagnosticsParams): Diagnostic[] => unreadable(p).filter((d) => text(d).includes('Restricted Mode'));

async function check(c: TestClient, name: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
  const uri = pathToFileURL(path.join(ws, name)).href;
  const got = c.diagnostics(uri);
  await open(c, uri, text, version);
  return got;
}

test('untrusted: an import outside the folder is one import/unreadable naming Restricted Mode on its line; inside is read', async () => {
  const c = await startClient({ init: untrusted() });
  try {
    const d = await check(c, 'a.kexec', `arch x86_64\nimport iomem "sub/iomem.txt"\nimport iomem "../outside/iomem.txt"\nimport iomem "${path.join(outside, 'iomem.txt')}"\n`);
    const un = unreadable(d);
    assert.equal(un.length, 2, JSON.stringify(d.diagnostics));
    assert.deepEqual(un.map((x) => x.range.start.line), [2, 3]);
    for (const x of un) assert.ok(text(x).endsWith(RESTRICTED_REASON), text(x));
    assert.ok(d.diagnostics.every((x) => x.range.start.line !== 1), 'the import inside is read: ' + JSON.stringify(d.diagnostics));
  } finally { await c.close(); }
});

test('untrusted: a symlink inside the workspace pointing outside is refused, a link staying inside is read', async () => {
  const c = await startClient({ init: untrusted() });
  try {
    const d = await check(c, 'b.kexec', 'arch x86_64\nimport iomem "escape.txt"\nimport iomem "outdir/iomem.txt"\nimport iomem "local-link.txt"\n');
    assert.deepEqual(restricted(d).map((x) => x.range.start.line), [1, 2], JSON.stringify(d.diagnostics));
    assert.equal(unreadable(d).length, 2, JSON.stringify(d.diagnostics));
    // A missing file inside says why it is missing, not Restricted Mode.
    const m = await check(c, 'c.kexec', 'arch x86_64\nimport iomem "sub/none.txt"\n');
    assert.equal(unreadable(m).length, 1);
    assert.match(text(unreadable(m)[0]), /ENOENT/);
    assert.equal(restricted(m).length, 0);
  } finally { await c.close(); }
});

test('untrusted: a load naming a kernel image outside is refused with the load wording', async () => {
  const c = await startClient({ init: untrusted() });
  try {
    const d = await check(c, 'l.kexec', 'arch x86_64\nregion 0x10_0000 .. 0x8000_0000 ram\nload bzImage64 kernel="../outside/vmlinuz"\n');
    const un = d.diagnostics.filter((x) => x.code === 'load/unreadable');
    assert.equal(un.length, 1, JSON.stringify(d.diagnostics));
    assert.equal(un[0].range.start.line, 2);
    assert.ok(text(un[0]).endsWith(RESTRICTED_LOAD_REASON), text(un[0]));
  } finally { await c.close(); }
});

test('the trust notification rechecks open layouts: the import outside is then read', async () => {
  const c = await startClient({ init: untrusted() });
  try {
    const uri = pathToFileURL(path.join(ws, 'd.kexec')).href;
    const first = c.diagnostics(uri);
    await open(c, uri, 'arch x86_64\nimport iomem "escape.txt"\nimport iomem "../outside/iomem.txt"\n');
    assert.equal(restricted(await first).length, 2);
    const again = c.diagnostics(uri);
    await c.conn.sendNotification('kexecLayout/didChangeWorkspaceTrust', { trusted: true, folders: [ws] });
    const d = await again;
    assert.equal(unreadable(d).length, 0, JSON.stringify(d.diagnostics));
  } finally { await c.close(); }
});

test('a folder added by the notification while untrusted widens what is read', async () => {
  const c = await startClient({ init: untrusted() });
  try {
    const uri = pathToFileURL(path.join(ws, 'e.kexec')).href;
    const first = c.diagnostics(uri);
    await open(c, uri, 'arch x86_64\nimport iomem "../outside/iomem.txt"\n');
    assert.equal(restricted(await first).length, 1);
    const again = c.diagnostics(uri);
    await c.conn.sendNotification('kexecLayout/didChangeWorkspaceTrust', { trusted: false, folders: [ws, outside] });
    assert.equal(unreadable(await again).length, 0);
  } finally { await c.close(); }
});

test('a server given no workspaceTrust (the CLI, other editors) reads outside the folder as before', async () => {
  const c = await startClient();
  try {
    const d = await check(c, 'f.kexec', 'arch x86_64\nimport iomem "escape.txt"\nimport iomem "../outside/iomem.txt"\n');
    assert.equal(unreadable(d).length, 0, JSON.stringify(d.diagnostics));
  } finally { await c.close(); }
});

test('untrusted: a big layout, checked in its own worker thread, is confined the same way', async () => {
  const c = await startClient({ init: untrusted() });
  try {
    const pad = '# padding\n'.repeat(110_000); // over the 1 MiB from which a document lives in a worker
    const d = await check(c, 'big.kexec', `arch x86_64\nimport iomem "escape.txt"\nimport iomem "sub/iomem.txt"\n${pad}`);
    assert.deepEqual(restricted(d).map((x) => x.range.start.line), [1], JSON.stringify(d.diagnostics.slice(0, 5)));
    assert.equal(unreadable(d).length, 1);
  } finally { await c.close(); }
});
