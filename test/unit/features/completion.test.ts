import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { complete } from '../../../common/src/features/completion';
import { check, cursor, anyTextArb, positionArb, FC_RUNS } from './support';

function items(marked: string): CompletionItem[] {
  const { text, pos } = cursor(marked);
  return complete(check(text), text, pos);
}
const labels = (xs: CompletionItem[]) => xs.map((i) => i.label);
const docOf = (i: CompletionItem | undefined) => (i?.documentation && typeof i.documentation === 'object' ? i.documentation.value : '');

test('statements at the start of a line, with docs and snippets', () => {
  const xs = items('arch x86_64\n<|>');
  assert.ok(labels(xs).includes('segment'));
  assert.ok(labels(xs).includes('region'));
  assert.ok(!labels(xs).includes('arch'), 'arch is given already and may appear once');
  const seg = xs.find((i) => i.label === 'segment')!;
  assert.equal(seg.kind, CompletionItemKind.Keyword);
  assert.match(docOf(seg), /struct kexec_segment/);
  const region = xs.find((i) => i.kind === CompletionItemKind.Snippet && String(i.label).startsWith('region'))!;
  assert.equal(region.insertTextFormat, InsertTextFormat.Snippet);
  assert.match((region.textEdit as { newText: string }).newText, /^region \$\{1:0x0\} \.\. \$\{2:0x1000\} \$\{3\|ram,ram-driver,crashkernel,/);
  const s = xs.find((i) => i.kind === CompletionItemKind.Snippet && String(i.label).startsWith('segment'))!;
  assert.equal((s.textEdit as { newText: string }).newText, 'segment ${1:name} mem=${2:auto} memsz=${3:4K}');
});

test('a partly typed keyword is replaced as a whole', () => {
  const xs = items('  seg<|>');
  const seg = xs.find((i) => i.label === 'segment')!;
  assert.deepEqual((seg.textEdit as { range: unknown }).range, { start: { line: 0, character: 2 }, end: { line: 0, character: 5 } });
});

test('region types after a complete range, with docs', () => {
  const xs = items('region 0x0 .. 0x1000 <|>');
  assert.ok(labels(xs).includes('acpi-nvs'));
  assert.ok(labels(xs).includes('ram'));
  assert.equal(xs.find((i) => i.label === 'acpi-nvs')!.kind, CompletionItemKind.EnumMember);
  assert.match(docOf(xs.find((i) => i.label === 'acpi-nvs')), /ACPI Non-volatile Storage/);
  assert.deepEqual(items('region 0x0 .. <|>'), []);
  assert.ok(labels(items('region 0x0 + 4K me<|>')).includes('mmio'));
});

test('arch names, syscalls, import formats, page sizes per arch', () => {
  assert.deepEqual(labels(items('arch <|>')), ['x86_64', 'arm64', 'riscv64', 'ppc64le', 's390x', 'loongarch64']);
  assert.deepEqual(labels(items('syscall kexec<|>')), ['kexec_load', 'kexec_file_load']);
  assert.ok(labels(items('import <|>')).includes('kexec-debug'));
  assert.deepEqual(labels(items('page-size <|>')), ['4K']);
  assert.deepEqual(labels(items('arch arm64\npage-size <|>')), ['4K', '16K', '64K']);
  assert.deepEqual(labels(items('arch ppc64le\npage-size <|>')), ['4K', '64K']);
});

test('segment keys not already on the line, flags, and auto after mem=', () => {
  const xs = items('segment k mem=auto <|> memsz=4K');
  assert.ok(labels(xs).includes('bufsz='));
  assert.ok(labels(xs).includes('align='));
  assert.ok(!labels(xs).includes('mem='));
  assert.ok(!labels(xs).includes('memsz='));
  assert.ok(labels(xs).includes('top-down'));
  assert.equal(xs.find((i) => i.label === 'bufsz=')!.kind, CompletionItemKind.Property);
  // Fixed destinations take no auto-only keys or flags.
  const fixed = labels(items('segment k mem=0x1000 <|>'));
  assert.ok(fixed.includes('memsz='));
  assert.ok(!fixed.includes('align=') && !fixed.includes('top-down'));
  assert.deepEqual(labels(items('segment k mem=<|>')), ['auto']);
  assert.deepEqual(labels(items('segment k mem=a<|>')), ['auto']);
  assert.deepEqual(items('segment k memsz=<|>'), []);
  assert.deepEqual(items('segment <|>'), [], 'the name is the user\'s');
  assert.ok(!labels(items('segment k mem=auto memsz=4K top-down <|>')).includes('bottom-up'));
});

test('nothing inside comments, strings, or after a finished statement', () => {
  assert.deepEqual(items('# seg<|>'), []);
  assert.deepEqual(items('region 0x0 .. 0x1000 ram # <|>'), []);
  assert.deepEqual(items('import iomem "pa<|>'), []);
  assert.deepEqual(items('arch x86_64 <|>'), []);
});

test('never throws on random text and positions', () => {
  fc.assert(fc.property(anyTextArb, fc.array(positionArb, { maxLength: 8 }), (t, ps) => {
    const r = check(t);
    for (const p of ps) assert.ok(Array.isArray(complete(r, t, p)));
    t.split(/\r\n|\r|\n/).slice(0, 8).forEach((l, line) => { for (let c = 0; c <= l.length; c++) complete(r, t, { line, character: c }); });
  }), FC_RUNS);
});
