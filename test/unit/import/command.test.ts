import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../server/src/node/cli';

// The import command as the CLI's one parser hands it its options.
const runImportCommand = (argv: string[], io: { stdout(s: string): void; stderr(s: string): void }) => main(['import', ...argv], io);
import { fixturePath } from './fixtures';

function capture(): { io: { stdout(s: string): void; stderr(s: string): void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, out, err };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-layout-import-'));
}

test('import prints the layout to stdout and a summary to stderr', async () => {
  const c = capture();
  const code = await runImportCommand([fixturePath('e820-classic.txt')], c.io);
  assert.equal(code, 0);
  const text = c.out.join('');
  assert.match(text, /^# Memory layout imported by kexec-layout from 1 file\.\n/);
  assert.ok(text.includes('\narch x86_64\n'));
  assert.ok(text.includes('\nregion 0x0            ..= 0x9_fbff       ram\n'));
  assert.equal(c.err.length, 1);
  assert.match(c.err[0], /e820-classic\.txt: e820: 10 regions; 0 lines skipped of 12 lines\n$/);
});

test('import --format forces the reader; a file that yields nothing exits 1 and says so', async () => {
  const c = capture();
  assert.equal(await runImportCommand(['--format', 'iomem', fixturePath('e820-classic.txt')], c.io), 1);
  assert.match(c.err[0], /e820-classic\.txt: nothing read; 11 lines skipped \(first at line 2\) of 12 lines\n$/);
  assert.match(c.err[1], /e820-classic\.txt: warning: nothing was imported: no line is one the importer reads \(11 lines skipped\)\n$/);
  const d = capture();
  assert.equal(await runImportCommand(['--format=efi', fixturePath('efi-unaccepted.txt')], d.io), 0);
  assert.ok(d.out.join('').includes('unaccepted 0x1_0000_0000 .. 0x2_8000_0000\n'));
});

test('import -o writes the file and refuses to overwrite it without --force', async () => {
  const dir = tempDir();
  try {
    const out = path.join(dir, 'layout.kexec');
    const first = capture();
    assert.equal(await runImportCommand(['-o', out, fixturePath('iomem-old.txt')], first.io), 0);
    assert.equal(first.out.length, 0);
    const written = fs.readFileSync(out, 'utf8');
    assert.ok(written.includes('crashkernel 0x810_0000@0x300_0000\n'));

    fs.writeFileSync(out, 'keep me\n');
    const refused = capture();
    assert.equal(await runImportCommand(['-o', out, fixturePath('iomem-old.txt')], refused.io), 2);
    assert.equal(fs.readFileSync(out, 'utf8'), 'keep me\n');
    assert.equal(refused.err.join(''), `kexec-layout import: ${out} already exists; use --force to overwrite it\n`);

    const forced = capture();
    assert.equal(await runImportCommand(['-o', out, '--force', fixturePath('iomem-old.txt')], forced.io), 0);
    assert.equal(fs.readFileSync(out, 'utf8'), written);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('import of an unreadable file exits 2 with a one-line reason and no output', async () => {
  const c = capture();
  const missing = path.join(os.tmpdir(), 'kexec-layout-missing-input.txt');
  assert.equal(await runImportCommand([fixturePath('e820-classic.txt'), missing], c.io), 2);
  assert.equal(c.out.length, 0);
  const last = c.err[c.err.length - 1];
  assert.equal(last, `kexec-layout import: cannot read ${missing}: ENOENT: no such file or directory\n`);
  assert.equal(last.split('\n').length, 2);
});

test('import usage errors exit 2', async () => {
  for (const argv of [[], ['--format', 'bogus', 'x'], ['--format'], ['--frobnicate', 'x'], ['--force', 'x']]) {
    const c = capture();
    assert.equal(await runImportCommand(argv, c.io), 2, argv.join(' '));
    assert.match(c.err.join(''), /^kexec-layout import: .+\nusage: kexec-layout import /);
  }
  const help = capture();
  assert.equal(await runImportCommand(['--help'], help.io), 0);
  assert.match(help.out.join(''), /^usage: kexec-layout import /);
});

test('import of several files combines them and exits 0 even with skipped lines', async () => {
  const c = capture();
  const code = await runImportCommand([fixturePath('e820-update-remove.txt'), fixturePath('efi-unaccepted.txt')], c.io);
  assert.equal(code, 0);
  const text = c.out.join('');
  assert.ok(text.startsWith('# Memory layout imported by kexec-layout from 2 files.\n'));
  assert.equal(text.match(/^# from /gm)?.length, 2);
  assert.equal(c.err.length, 2);
});

test('import streams /proc/iomem regions through a spill file: the same regions as the kept ones, copies apart', async () => {
  const dir = tempDir();
  const savedTmp = process.env.TMPDIR;
  const spillRoot = path.join(dir, 'tmp');
  fs.mkdirSync(spillRoot);
  process.env.TMPDIR = spillRoot;
  try {
    const a = fs.readFileSync(fixturePath('iomem-old.txt'), 'utf8');
    const b = fs.readFileSync(fixturePath('iomem-modern.txt'), 'utf8');
    const both = path.join(dir, 'both.txt');
    fs.writeFileSync(both, a + '\n' + b);
    const streamed = capture();
    assert.equal(await runImportCommand([both], streamed.io), 0);
    const kept = capture();
    assert.equal(await runImportCommand([fixturePath('iomem-modern.txt')], kept.io), 0);
    const body = (text: string) => text.split('\n').filter((l) => /^(region|crashkernel) /.test(l)).map((l) => l.replace(/ +/g, ' '));
    assert.deepEqual(body(streamed.out.join('')), body(kept.out.join('')));
    assert.equal(body(kept.out.join('')).length, 10);
    const first = capture();
    assert.equal(await runImportCommand(['--snapshot', '1', both], first.io), 0);
    const old = capture();
    assert.equal(await runImportCommand([fixturePath('iomem-old.txt')], old.io), 0);
    assert.deepEqual(body(first.out.join('')), body(old.out.join('')));
    assert.match(first.err.join(''), /warning: 2 iomem copies in this file, starting at lines 2, \d+; imported #1/);
    // The spill directory is gone afterwards (os.tmpdir() points into this test's own directory, so
    // other test files running at the same time cannot add entries there).
    assert.deepEqual(fs.readdirSync(spillRoot), []);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = savedTmp;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
