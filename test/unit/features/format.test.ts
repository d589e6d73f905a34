import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { format, formatText } from '../../../common/src/features/format';
import { check, model, examples, applyEdits, layoutArb, garbageArb, anyTextArb, FC_RUNS } from './support';

const fmt = (lines: string[]) => formatText(lines.join('\n'));

test('canonical spacing: one space, key=value, A .. B, SIZE@OFFSET, no indentation', () => {
  assert.equal(formatText('   arch     x86_64  \n'), 'arch x86_64\n');
  assert.equal(formatText('segment  k mem = auto\tmemsz=  4K top-down'), 'segment k mem=auto memsz=4K top-down');
  assert.equal(formatText('unaccepted 0x0..0x20_0000'), 'unaccepted 0x0 .. 0x20_0000');
  assert.equal(formatText('crashkernel   256M @ 0x1000_0000'), 'crashkernel 256M@0x1000_0000');
  assert.equal(formatText('import  auto   "a b.txt"'), 'import auto "a b.txt"');
});

test('numbers, labels and comments keep their text', () => {
  assert.equal(formatText('region 0X00A_0000 ..=0xFFFFF  reserved   "BIOS  area"   #  keep  me  '), 'region 0X00A_0000 ..= 0xFFFFF reserved "BIOS  area"  #  keep  me');
  assert.equal(formatText('  #   indented comment   '), '#   indented comment');
});

test('consecutive region lines align their columns; a comment line ends the block', () => {
  assert.equal(fmt([
    'region 0x0 ..= 0x9_fbff ram',
    'region 0x10_0000 .. 0x8000_0000 ram "low"',
    'region 0x1_0000_0000 + 6G mmio',
    '# next block',
    'region 0x2_0000_0000 + 1G ram',
  ]), [
    'region 0x0           ..= 0x9_fbff    ram',
    'region 0x10_0000     ..  0x8000_0000 ram  "low"',
    'region 0x1_0000_0000 +   6G          mmio',
    '# next block',
    'region 0x2_0000_0000 + 1G ram',
  ].join('\n'));
});

test('consecutive segment lines align the name and each key column; trailing comments line up', () => {
  // Comments align over the lines that carry one; labels get their own column after the type's.
  assert.equal(fmt([
    'segment purgatory mem=0x7ef0_0000 memsz=16K # a',
    'segment kernel mem=0x1_0000_0000 memsz=32M bufsz=12M',
    'segment initrd mem=0x1_3e00_0000 memsz=64M # c',
  ]), [
    'segment purgatory mem=0x7ef0_0000   memsz=16K  # a',
    'segment kernel    mem=0x1_0000_0000 memsz=32M bufsz=12M',
    'segment initrd    mem=0x1_3e00_0000 memsz=64M  # c',
  ].join('\n'));
  // A key only some lines have gets its own column; a line without it leaves the gap.
  assert.equal(fmt([
    'segment a mem=auto memsz=4K max=0xffff_ffff top-down',
    'segment bb mem=auto memsz=16K align=2M max=0x1000_0000',
  ]), [
    'segment a  mem=auto memsz=4K           max=0xffff_ffff top-down',
    'segment bb mem=auto memsz=16K align=2M max=0x1000_0000',
  ].join('\n'));
});

test('lines with syntax errors stay exactly as written; blank lines collapse to two', () => {
  const broken = '  region   0x0 .. zz   ram  ';
  assert.equal(fmt(['arch  x86_64', broken, '', '', '', '', 'kernel  6.13']), ['arch x86_64', broken, '', '', 'kernel 6.13'].join('\n'));
  assert.equal(formatText('segmnt  kernel mem=0x0 memsz=4K'), 'segmnt  kernel mem=0x0 memsz=4K');
  // A repeated setting is an error on its second line only.
  assert.equal(formatText('arch  x86_64\narch   arm64'), 'arch x86_64\narch   arm64');
});

test('CRLF, CR and a final newline are preserved; a BOM stays', () => {
  assert.equal(formatText('arch  x86_64\r\nkernel  6.13\r\n'), 'arch x86_64\r\nkernel 6.13\r\n');
  assert.equal(formatText('arch  x86_64\rkernel  6.13'), 'arch x86_64\rkernel 6.13');
  assert.equal(formatText('\uFEFF  arch  x86_64\n'), '\uFEFFarch x86_64\n');
  assert.equal(formatText('arch x86_64', { insertFinalNewline: true }), 'arch x86_64\n');
});

test('format() edits turn the text into formatText(), and are empty on formatted text', () => {
  const t = '  arch  x86_64\n\n\n\n\nregion 0x0 ..  0x1000 ram\r\n\n\n\n   \n';
  const edits = format(t);
  assert.ok(edits.length > 0);
  assert.equal(applyEdits(t, edits), formatText(t));
  assert.deepEqual(format(formatText(t)), []);
});

test('on every example and fixture: same model, idempotent, edits agree', () => {
  for (const { name, text } of examples()) {
    const once = formatText(text);
    assert.deepEqual(model(check(once)), model(check(text)), name);
    assert.equal(formatText(once), once, `${name} is stable`);
    assert.equal(applyEdits(text, format(text)), once, name);
  }
});

test('generated layouts: formatting keeps the model and is idempotent', () => {
  fc.assert(fc.property(layoutArb, (t) => {
    const once = formatText(t);
    assert.deepEqual(model(check(once)), model(check(t)));
    assert.equal(formatText(once), once);
    assert.equal(applyEdits(t, format(t)), once);
  }), FC_RUNS);
});

test('garbage: formatting never throws, keeps the model and is idempotent', () => {
  fc.assert(fc.property(fc.oneof(garbageArb, anyTextArb), (t) => {
    const once = formatText(t);
    assert.deepEqual(model(check(once)), model(check(t)));
    assert.equal(formatText(once), once);
    assert.equal(applyEdits(t, format(t)), once);
  }), FC_RUNS);
});
