// Hover, diagnostics, the outcome and --explain never contradict each other: walked over every
// example and over generated layouts (every arch, both syscalls, crash loads, partial or missing
// maps, driver-managed RAM, unaccepted memory), per segment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { hover } from '../../../common/src/features/hover';
import { explainText } from '../../../common/src/features/explain';
import { toJsonFile } from '../../../common/src/features/report';
import { KERNEL_ERRNO } from '../../../common/src/engine/findings';
import type { CheckResult } from '../../../common/src/features/check';
import { check, ROOT } from '../helpers';

const text = (h: ReturnType<typeof hover>) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

function agree(src: string, r: CheckResult): void {
  const a = r.analysis, o = a.outcome;
  const json = toJsonFile('x', r);
  const kernelFindings = r.diagnostics.filter((d) => KERNEL_ERRNO[d.code]);
  if (o.load === 'ok') assert.deepEqual(kernelFindings.map((d) => d.code), [], src);
  if (o.load === 'fails') {
    // the first failure is a finding shown (a loader's own failure, load/..., has no kernel errno)
    assert.ok(r.diagnostics.some((d) => d.code === o.firstFailure), src);
    assert.equal(o.errno, KERNEL_ERRNO[o.firstFailure!] ?? null);
    assert.equal(o.jump, 'unknown');
  } else assert.equal(o.errno, null);
  if (o.load !== 'ok') assert.ok(json.segments.every((s) => s.accepts.length === 0), src);
  // --explain ends with the same outcome
  const ex = explainText('x', r);
  assert.ok(ex.trimEnd().endsWith(o.summary), ex);
  const lines = src.split('\n');
  a.segments.forEach((s, i) => {
    assert.equal(json.segments[i].mem, s.mem === null ? null : '0x' + s.mem.toString(16));
    const own = r.diagnostics.filter((d) => d.segment === s.name);
    for (const d of own) {
      // driver-managed RAM is named as such; a placed segment is never "never placed there"
      if (d.code === 'dest/driver-managed') {
        assert.match(d.message, /driver-managed RAM/);
        if (s.auto) assert.doesNotMatch(d.message, /never places|would skip/, d.message);
      }
      if (d.code === 'kexec/no-hole') assert.equal(s.mem, null);
    }
    const line = lines.findIndex((l) => new RegExp(`^segment ${s.name.replace(/[.]/g, '\\.')}\\b`).test(l.trim()));
    if (line < 0 || !s.input.stmt) return;
    const h = text(hover(r, { line, character: lines[line].indexOf(s.name) + 1 }));
    if (s.mem === null) assert.match(h, /no hole|not placed/, h);
    else assert.match(h, /destination `\[/, h);
    for (const d of own) assert.ok(h.includes(d.code), `${d.code} missing from hover of ${s.name}`);
  });
}

test('every example: hover, diagnostics, outcome and explain agree', () => {
  const dir = path.join(ROOT, 'examples');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.kexec'));
  assert.ok(files.length > 3);
  for (const f of files) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    agree(src, check(src));
  }
});

const P = 0x1000n;
const pages = (n: number) => '0x' + (BigInt(n) * P).toString(16);
const segLine = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 0x3000 }), fc.integer({ min: 0, max: 64 }), fc.boolean(), fc.boolean())
  .map(([auto, at, n, top, odd]) => (auto
    ? `mem=auto memsz=${pages(n)}${odd ? '1' : ''}${top ? ' top-down' : ''}`
    : `mem=${pages(at)}${odd ? '8' : ''} memsz=${pages(n)}`));

test('property: generated layouts agree (every arch, both syscalls, crash, partial, no map, driver-managed, unaccepted)', () => {
  fc.assert(fc.property(
    fc.constantFrom('x86_64', 'arm64', 'riscv64', 'ppc64le', 's390x', 'loongarch64'),
    fc.constantFrom('kexec_load', 'kexec_file_load'), fc.boolean(), fc.constantFrom('none', 'full', 'partial'),
    fc.boolean(), fc.constantFrom('', 'kernel 6.13', 'kernel 6.15'), fc.array(segLine, { maxLength: 6 }),
    (arch, sc, crash, map, driver, kernel, segs) => {
      const lines = [`arch ${arch}`, `syscall ${sc}`, kernel];
      if (arch === 'ppc64le' || arch === 'loongarch64') lines.push('page-size 4K');
      if (crash) lines.push('crash');
      if (map !== 'none') {
        if (map === 'partial') lines.push('partial');
        lines.push('region 0x0 .. 0x100_0000 ram', 'region 0x100_0000 .. 0x120_0000 reserved', 'region 0x120_0000 .. 0x300_0000 ram');
        if (driver) lines.push('region 0x200_0000 .. 0x240_0000 ram-driver "System RAM (kmem)"');
        if (crash) lines.push('crashkernel 4M@0x280_0000');
        lines.push('unaccepted 0x120_0000 .. 0x200_0000');
      }
      segs.forEach((s, i) => lines.push(`segment s${i} ${s}`));
      const src = lines.join('\n');
      agree(src, check(src));
    },
  ), { numRuns: 600 });
});
