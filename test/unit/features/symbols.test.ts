import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DocumentSymbol, Range } from 'vscode-languageserver-types';
import { documentSymbols } from '../../../common/src/features/symbols';
import { check, readExample, TDX_EXAMPLE, anyTextArb, FC_RUNS } from './support';

const inside = (inner: Range, outer: Range) =>
  (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
  (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));

function checkShape(syms: DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const s of syms) {
    assert.ok(inside(s.selectionRange, s.range), `${s.name}: selection inside range`);
    if (parent) assert.ok(inside(s.range, parent.range), `${s.name} inside ${parent.name}`);
    checkShape(s.children ?? [], s);
  }
}

test('the TDX example: settings, regions, unaccepted, segments', () => {
  const syms = documentSymbols(check(readExample(TDX_EXAMPLE)));
  assert.deepEqual(syms.map((s) => s.name), ['Settings', 'ram', 'reserved', 'ram', 'acpi "ACPI Tables"', 'mmio "PCI hole"', 'ram', 'Unaccepted', 'Segments']);
  const settings = syms[0].children!;
  assert.deepEqual(settings.map((s) => `${s.name}=${s.detail}`), ['arch=x86_64', 'kernel=6.13', 'syscall=kexec_load', 'accept-unit=2M (2 MiB)']);
  assert.equal(syms[6].detail, '0x1_0000_0000 .. 0x2_8000_0000 (6 GiB)');
  assert.equal(syms[7].children![0].name, '0x1_4000_0000 .. 0x2_8000_0000');
  assert.deepEqual(syms[8].children!.map((s) => `${s.name}: ${s.detail}`), [
    'purgatory: 0x7ef0_0000 .. 0x7ef0_4000, 16 KiB', 'kernel: 0x1_0000_0000 .. 0x1_0200_0000, 32 MiB', 'initrd: 0x1_3e00_0000 .. 0x1_4200_0000, 64 MiB',
  ]);
  checkShape(syms);
});

test('regions nest as the memory map nests them, whatever the line order', () => {
  const t = [
    'region 0x100_0000 .. 0x200_0000 kernel "Kernel code"',
    'region 0x0 .. 0x8000_0000 ram',
    'crashkernel 256M@0x1000_0000',
    'region 0x8000_0000 .. 0x1_0000_0000 mmio',
    'segment k mem=auto memsz=4K',
  ].join('\n');
  const syms = documentSymbols(check(t));
  const ram = syms.find((s) => s.name === 'ram')!;
  assert.deepEqual(ram.children!.map((c) => c.name), ['kernel "Kernel code"', 'crashkernel "crashkernel=256M@0x1000_0000"']);
  assert.equal(ram.range.start.line, 0, 'the parent widens over its children');
  assert.equal(syms.find((s) => s.name === 'Segments')!.children![0].detail, '0x0 .. 0x1000 (auto), 4 KiB');
  checkShape(syms);
});

test('10,000 regions stay fast', () => {
  const lines = ['region 0x0 .. 0x1_0000_0000_0000 ram'];
  for (let i = 0; i < 10_000; i++) lines.push(`region ${'0x' + (i * 0x10_0000).toString(16)} + 1M reserved "r${i}"`);
  const r = check(lines.join('\n'));
  const t0 = performance.now();
  const syms = documentSymbols(r);
  const ms = performance.now() - t0;
  assert.equal(syms[0].children!.length, 10_000);
  assert.ok(ms < 500, `${ms} ms`);
});

test('never throws, and ranges always contain their selection and children', () => {
  fc.assert(fc.property(anyTextArb, (t) => { checkShape(documentSymbols(check(t))); }), FC_RUNS);
});
