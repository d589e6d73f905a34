// The `load` statement in the language and the editor: parsing and its errors, the check with the
// image header read through the host, unreadable files, completion of the loader and its keys,
// the outline's rule text, and formatting that keeps the line's meaning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLayout } from '../../../common/src/language/parser';
import type { LoadStmt } from '../../../common/src/language/ast';
import { checkText, type ImportResolver } from '../../../common/src/features/check';
import { complete } from '../../../common/src/features/completion';
import { documentSymbols } from '../../../common/src/features/symbols';
import { formatText } from '../../../common/src/features/format';
import { memoryMapModel } from '../../../common/src/features/memoryMap';
import { hover } from '../../../common/src/features/hover';
import { readBzImageHeader } from '../../../common/src/loaders/bzImageHeader';
import { ROOT } from '../helpers';

const HDR = fs.readFileSync(path.join(ROOT, 'test/fixtures/bzimage/debian-6.1.0-50-cloud-amd64.hdr'));
const MAP = 'arch x86_64\nkernel 6.12\nregion 0x0 ..= 0x9_ffff ram\nregion 0x10_0000 .. 0x8000_0000 ram\n';

function resolver(files: Record<string, Buffer | string>): ImportResolver {
  const r: ImportResolver = async (stmt) => ({ path: stmt.path, error: 'no imports here' });
  r.loadFile = async (p, role) => {
    const f = files[p];
    if (f === undefined) return { path: p, error: 'ENOENT: no such file or directory' };
    if (typeof f === 'string') return { path: p, error: f };
    if (role === 'initrd') return { path: p, size: BigInt(f.length) };
    const h = readBzImageHeader(f);
    return { path: p, size: BigInt(f.length), header: h.header, problems: h.problems, headerOnly: true };
  };
  return r;
}

test('load parses keys, strings and numbers; errors name the key', () => {
  const f = parseLayout('load bzImage64 kernel="vmlinuz" initrd-size=64M cmdline="console=ttyS0 quiet"\n');
  assert.deepEqual(f.diagnostics, []);
  const s = f.statements[0] as LoadStmt;
  assert.equal(s.kind, 'load');
  assert.equal(s.values.kernel?.value, 'vmlinuz');
  assert.equal((s.values['initrd-size']?.value as { value: bigint }).value, 64n << 20n);
  assert.equal(s.values.cmdline?.value, 'console=ttyS0 quiet');
  const bad = (line: string) => parseLayout(line + '\n').diagnostics.map((d) => d.message).join(' | ');
  assert.match(bad('load bzImage32 init-size=4M'), /unknown loader/);
  assert.match(bad('load bzImage64 init-size=4M initrd-sise=4M'), /unknown load key 'initrd-sise'.*initrd-size/);
  assert.match(bad('load bzImage64 kernel="a" initrd="b" initrd-size=4M'), /initrd= or initrd-size=/);
  assert.match(bad('load bzImage64 initrd-size=4M'), /kernel="PATH"|init-size/);
  assert.match(bad('load bzImage64 kernel=vmlinuz'), /quoted string/);
  assert.match(bad('load bzImage64 init-size="4M"'), /number/);
  assert.match(parseLayout('load bzImage64 init-size=4M\nload bzImage64 init-size=8M\n').diagnostics[0].message, /one load/);
});

test('check: the header read through the host places the segments; the rule is on each segment', async () => {
  const r = await checkText(MAP + 'syscall kexec_file_load\nload bzImage64 kernel="vmlinuz.hdr" initrd="initrd.img"\n', resolver({ 'vmlinuz.hdr': HDR, 'initrd.img': Buffer.alloc(3 << 20) }));
  const segs = r.analysis.segments.filter((s) => s.input.loader);
  assert.deepEqual(segs.map((s) => s.name), ['purgatory', 'boot_params', 'kernel', 'initrd']);
  assert.equal(segs[2].memsz, 0x3378000n);
  assert.equal(segs[3].memsz, 3n << 20n);
  assert.match(segs[2].input.loader!, /kernel_alignment 2 MiB/);
  assert.equal(r.analysis.outcome.load, 'ok');
  assert.ok(r.diagnostics.some((d) => d.code === 'load/size-unknown' && d.severity === 'information'));
  const h = hover(r, { line: 5, character: 1 })!;
  const md = (h.contents as { value: string }).value;
  assert.match(md, /kernel's bzImage64 loader \(kexec_file_load\)/);
  assert.match(md, /`kernel` 0x7cc0_0000 \.\. /);
  assert.match(md, /Defaults used: purgatory-size 20 KiB/);
  const keyHover = hover(r, { line: 5, character: 40 })!;
  assert.match((keyHover.contents as { value: string }).value, /`initrd=`.*read only for its size/);
  const map = memoryMapModel(r, 'x.kexec');
  assert.match(map.segments.find((s) => s.name === 'initrd')!.messages[0], /bzImage64 \(kexec_file\): initrd, buf_min = 16 MiB/);
  const outline = documentSymbols(r).find((x) => x.name === 'Segments')!;
  assert.match(outline.children!.find((c) => c.name === 'kernel')!.detail!, /bzImage64 \(kexec_file\): kernel/);
});

test('check: an unreadable image is load/unreadable on its path, and nothing is placed', async () => {
  const r = await checkText(MAP + 'load bzImage64 kernel="missing" initrd-size=1M\n', resolver({}));
  const d = r.diagnostics.find((x) => x.code === 'load/unreadable')!;
  assert.match(d.message, /cannot read missing: ENOENT/);
  assert.equal(d.range.start.line, 4);
  assert.equal(r.analysis.segments.length, 0);
});

test('check: a non-bzImage refuses the load before any check (kexec_file: -ENOEXEC)', async () => {
  const broken = Buffer.from(HDR); broken.write('NOPE', 0x202, 'latin1');
  const r = await checkText(MAP + 'syscall kexec_file_load\nload bzImage64 kernel="x"\n', resolver({ x: broken }));
  assert.equal(r.analysis.outcome.load, 'fails');
  assert.equal(r.analysis.outcome.firstFailure, 'load/not-bzimage');
  assert.equal(r.analysis.outcome.errno, 'ENOEXEC');
});

test('completion: the loader, then the keys not yet given, paths with their quotes', async () => {
  const text = MAP + 'load \n';
  const r = await checkText(text);
  const items = complete(r, text, { line: 4, character: 5 });
  assert.deepEqual(items.map((i) => i.label), ['bzImage64']);
  const text2 = MAP + 'load bzImage64 init-size=4M \n';
  const keys = complete(await checkText(text2), text2, { line: 4, character: 28 }).map((i) => i.label);
  assert.ok(keys.includes('kernel=') && keys.includes('initrd-size='));
  assert.ok(!keys.includes('init-size='));
  const kernelItem = complete(await checkText(text2), text2, { line: 4, character: 28 }).find((i) => i.label === 'kernel=')!;
  assert.match((kernelItem.textEdit as { newText: string }).newText, /^kernel="\$1"$/);
});

test('formatting keeps a load line\'s meaning', () => {
  const line = 'load   bzImage64   kernel="a b.hdr"    initrd-size=64M  cmdline="x=\\"1\\""\n';
  const before = parseLayout(line).statements[0] as LoadStmt;
  const after = parseLayout(formatText(line)).statements[0] as LoadStmt;
  assert.equal(after.kind, 'load');
  assert.deepEqual(Object.keys(after.values), Object.keys(before.values));
  for (const k of Object.keys(before.values) as (keyof LoadStmt['values'])[]) {
    const a = before.values[k]!.value, b = after.values[k]!.value;
    assert.deepEqual(typeof a === 'string' ? a : a.value, typeof b === 'string' ? b : b.value);
  }
});
