// Issue bar: every import fixture becomes a layout that parses clean, and the check gives the
// findings its source implies — both through `kexec-layout import` and through an import statement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './helpers';
import { checkText } from '../../common/src/features/check';
import { fileImportResolver } from '../../server/src/node/fileImports';

const CLI = path.join(ROOT, 'dist/server/cli.js');
const FIX = path.join(ROOT, 'test/fixtures/import');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-import-'));

function importLayout(file: string): string {
  const r = spawnSync(process.execPath, [CLI, 'import', path.join(FIX, file)], { encoding: 'utf8' });
  // A listing read without root yields no region: the import says so and exits 1, still writing the layout.
  assert.equal(r.status, file === 'iomem-zeroed.txt' ? 1 : 0, `${file}: ${r.stderr}`);
  return r.stdout;
}

async function checkLayout(text: string, name = 'x.kexec') {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return checkText(text, fileImportResolver(p));
}

test('every text fixture imports into a layout with no syntax error', async () => {
  for (const f of fs.readdirSync(FIX).filter((x) => x.endsWith('.txt'))) {
    const r = await checkLayout(importLayout(f));
    const syntax = r.diagnostics.filter((d) => d.code.startsWith('syntax/'));
    assert.deepEqual(syntax.map((d) => d.message), [], f);
  }
});

test('EFI map of a TDX guest: unaccepted ranges; a segment there is fatal on 6.13, accepted on 6.15', async () => {
  const base = importLayout('efi-unaccepted.txt');
  assert.match(base, /^unaccepted 0x/m);
  const seg = 'segment initrd mem=0x1_0000_0000 memsz=64M\n';
  const old = await checkLayout(base + 'kernel 6.13\n' + seg);
  assert.equal(old.analysis.outcome.jump, 'fatal');
  const now = await checkLayout(base + 'kernel 6.15\n' + seg);
  assert.equal(now.analysis.outcome.jump, 'ok');
  assert.ok(now.analysis.segments[0].accepts.length > 0);
});

test('import statement: findings in imported data point at the import line and name the source line', async () => {
  fs.copyFileSync(path.join(FIX, 'iomem-old.txt'), path.join(tmp, 'iomem.txt'));
  const text = 'arch x86_64\nimport iomem "iomem.txt"\nsegment a mem=0x7fee_0000 memsz=4K\n';
  const r = await checkLayout(text);
  const d = r.diagnostics.find((x) => x.code === 'dest/reserved')!;
  assert.ok(d, JSON.stringify(r.diagnostics.map((x) => x.code)));
  assert.match(d.message, /ACPI Tables/);
  assert.match(d.message, /iomem\.txt:\d+/);
  assert.equal(d.related?.[0].range.start.line, 1); // the import line
});

test('import statement: unreadable path, skipped lines, zeroed /proc/iomem', async () => {
  const missing = await checkLayout('import auto "nope.txt"\n');
  const u = missing.diagnostics.find((x) => x.code === 'import/unreadable')!;
  assert.match(u.message, /no such file/i);
  assert.deepEqual(u.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 22 } });
  fs.copyFileSync(path.join(FIX, 'bad-lines.txt'), path.join(tmp, 'bad.txt'));
  const skipped = await checkLayout('import e820 "bad.txt"\n');
  assert.match(skipped.diagnostics.find((x) => x.code === 'import/skipped-lines')!.message, /lines of bad\.txt were not understood .*first: line \d+/);
  fs.copyFileSync(path.join(FIX, 'iomem-zeroed.txt'), path.join(tmp, 'zero.txt'));
  const zero = await checkLayout('import iomem "zero.txt"\n');
  assert.match(zero.diagnostics.find((x) => x.code === 'import/warning')!.message, /CAP_SYS_ADMIN|root/);
});

test('kexec -d output imports as segments with the arch and flags it tells', () => {
  const out = importLayout('kexec-d-x86_64.txt');
  assert.match(out, /^arch x86_64$/m);
  assert.ok((out.match(/^segment /gm) ?? []).length >= 3, out);
});

test('kexec-layout import -o refuses to overwrite without --force', () => {
  const target = path.join(tmp, 'out.kexec');
  fs.writeFileSync(target, 'keep me');
  const r = spawnSync(process.execPath, [CLI, 'import', '-o', target, path.join(FIX, 'e820-classic.txt')], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(fs.readFileSync(target, 'utf8'), 'keep me');
  const f = spawnSync(process.execPath, [CLI, 'import', '-o', target, '--force', path.join(FIX, 'e820-classic.txt')], { encoding: 'utf8' });
  assert.equal(f.status, 0, f.stderr);
  assert.match(fs.readFileSync(target, 'utf8'), /^region /m);
});
