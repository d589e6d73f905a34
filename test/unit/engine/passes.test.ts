// The kernel's passes and honest verdicts: memsz rounding for every kexec_file segment, the empty
// crash resource on memblock arches, load unknown when a pass cannot be decided, partial maps, no
// map, nothing to check, bounded overlap findings — and pass 2 against the kernel's pairwise loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { check, codes, machine } from '../helpers';
import { overlaps } from '../../../common/src/engine/overlap';

test('kexec_file_load rounds memsz up for fixed segments too (kexec_add_buffer); kexec_load does not', () => {
  const file = check(machine('syscall kexec_file_load\nsegment a mem=0x10_0000 memsz=0x1001'));
  assert.equal(file.analysis.segments[0].memsz, 0x2000n);
  assert.equal(file.analysis.outcome.load, 'ok');
  const load = check(machine('segment a mem=0x10_0000 memsz=0x1001'));
  assert.equal(load.analysis.segments[0].memsz, 0x1001n);
  assert.equal(load.analysis.outcome.firstFailure, 'kexec/unaligned');
});

test('memblock crash load without a reservation walks [0, 0]: a zero-size segment is placed at 0, then pass 5 refuses it', () => {
  const text = (arch: string) => `arch ${arch}\nsyscall kexec_file_load\ncrash\nregion 0x4000_0000 .. 0x8000_0000 ram\nsegment z mem=auto memsz=0 top-down`;
  const arm = check(text('arm64'));
  assert.equal(arm.analysis.segments[0].mem, 0n);
  assert.equal(arm.analysis.outcome.firstFailure, 'kexec/outside-crashkernel');
  // x86_64 walks resources: nothing has the crash descriptor, so the search finds no range.
  const x86 = check(text('x86_64'));
  assert.equal(x86.analysis.segments[0].mem, null);
  assert.equal(x86.analysis.outcome.firstFailure, 'kexec/no-hole');
  // just missing: bottom-up, the zero-size slot's end (0 - 1) wraps above the range end; a one-page segment does not fit one byte.
  assert.equal(check(text('arm64').replace(' top-down', '')).analysis.outcome.firstFailure, 'kexec/no-hole');
  assert.equal(check(text('arm64').replace('memsz=0', 'memsz=4K')).analysis.outcome.firstFailure, 'kexec/no-hole');
});

test('no memory map: one memory/no-map, no per-segment destination finding, load unknown at the half-of-RAM pass', () => {
  const r = check('segment a mem=0x10_0000 memsz=4K\nsegment b mem=0x20_0000 memsz=4K');
  assert.deepEqual(codes(r), ['memory/no-map']);
  assert.equal(r.analysis.outcome.load, 'unknown');
  assert.equal(r.analysis.outcome.errno, null);
  assert.equal(r.analysis.outcome.jump, 'unknown');
  assert.match(r.analysis.outcome.summary, /aligned.*disjoint/);
  assert.deepEqual(r.analysis.segments.map((s) => s.accepts), [[], []]);
  // total-ram alone decides pass 4: the load is ok, the jump still unknown
  const t = check('total-ram 8G\nsegment a mem=0x10_0000 memsz=4K');
  assert.equal(t.analysis.outcome.load, 'ok');
  assert.equal(t.analysis.outcome.jump, 'unknown');
  // a failing pass before the undecided one still decides the load
  const f = check('segment a mem=0x10_0001 memsz=4K');
  assert.equal(f.analysis.outcome.load, 'fails');
  assert.equal(f.analysis.outcome.errno, 'EADDRNOTAVAIL');
  // ... but one after it does not
  const after = check('segment a mem=0x10_0000 memsz=4K bufsz=8K');
  assert.ok(codes(after).includes('kexec/bufsz-exceeds-memsz'));
  assert.equal(after.analysis.outcome.load, 'fails'); // pass 3 comes before pass 4
  const crash = check('crash\nsegment a mem=0x10_0000 memsz=4K');
  assert.equal(crash.analysis.outcome.load, 'unknown');
  assert.ok(!codes(crash).includes('memory/no-crashkernel'));
});

test('a map without ram regions and no total-ram leaves pass 4 undecided; zero-size segments decide it', () => {
  assert.equal(check('region 0x0 .. 0x1000_0000 reserved\nsegment a mem=0x10_0000 memsz=4K').analysis.outcome.load, 'unknown');
  assert.equal(check('region 0x0 .. 0x1000_0000 reserved\nsegment a mem=0x10_0000 memsz=0').analysis.outcome.load, 'ok');
});

test('partial map: outside every region is dest/unknown-memory and the jump unknown; inside known RAM the jump is decided', () => {
  const base = 'partial\nregion 0x0 .. 0x1000_0000 ram\n';
  const out = check(base + 'segment a mem=0x2000_0000 memsz=4K');
  assert.deepEqual(codes(out), ['dest/unknown-memory']);
  assert.equal(out.analysis.outcome.load, 'ok');
  assert.equal(out.analysis.outcome.jump, 'unknown');
  const inside = check(base + 'segment a mem=0x10_0000 memsz=4K');
  assert.equal(inside.analysis.outcome.jump, 'ok');
  // without partial the same destination is a hole: dest/not-ram, corrupts
  const full = check('region 0x0 .. 0x1000_0000 ram\nsegment a mem=0x2000_0000 memsz=4K');
  assert.deepEqual(codes(full), ['dest/not-ram']);
  assert.equal(full.analysis.outcome.jump, 'corrupts');
  // reserved memory is known even on a partial map
  assert.equal(check(base + 'region 0x1000_0000 .. 0x1100_0000 reserved\nsegment a mem=0x1000_0000 memsz=4K').analysis.outcome.jump, 'corrupts');
});

test('nothing to check: layout/no-segments, outcome unknown, never safe', () => {
  for (const text of ['', machine('')]) {
    const r = check(text);
    assert.deepEqual(codes(r), ['layout/no-segments']);
    assert.equal(r.analysis.outcome.load, 'unknown');
    assert.equal(r.analysis.outcome.jump, 'unknown');
    assert.doesNotMatch(r.analysis.outcome.summary, /safe/);
  }
});

test('4,000 identical segments: one overlap finding per failing segment with the count, not one per pair', () => {
  const lines = Array.from({ length: 4000 }, (_, i) => `segment s${i + 1} mem=0x10_0000 memsz=4K`);
  const r = check(machine(lines.join('\n')));
  const ov = r.diagnostics.filter((d) => d.code === 'kexec/overlap');
  assert.equal(ov.length, 3999);
  assert.match(ov[ov.length - 1].message, /overlaps 3,999 other segments, first \(lowest address\): s1/);
  assert.equal(new Set(ov.map((d) => d.segment)).size, 3999);
  assert.equal(r.analysis.outcome.firstFailure, 'kexec/too-many-segments');
});

test('the passes are listed in the kernel order of each syscall and the outcome is the first that fails', () => {
  const r = check(machine('segment a mem=0x10_0001 memsz=4K\nsegment b mem=0x10_0000 memsz=8K'));
  assert.deepEqual(r.analysis.passes.map((p) => p.id), ['placement', 'kexec_load_check', 'crash-entry', 'sanity-1', 'sanity-2', 'sanity-3', 'sanity-4', 'sanity-5', 'accept_memory', 'destinations']);
  assert.deepEqual(r.analysis.passes.filter((p) => p.verdict === 'fail').map((p) => p.id).slice(0, 2), ['sanity-1', 'sanity-2']);
  assert.equal(r.analysis.outcome.firstFailure, 'kexec/unaligned');
  const f = check(machine('syscall kexec_file_load\nsegment a mem=auto memsz=4K'));
  assert.deepEqual(f.analysis.passes.map((p) => p.id).slice(0, 2), ['placement', 'sanity-1']);
});

test('property: pass 2 equals the kernel\'s pairwise loop (earlier overlap, counts, a real partner)', () => {
  const P = 0x1000n;
  fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 6 })), { maxLength: 14 }), (xs) => {
    const spans = xs.map(([a, n]) => ({ start: BigInt(a) * P, end: BigInt(a + n) * P }));
    const hit = (i: number, j: number) => spans[i].end > spans[j].start && spans[i].start < spans[j].end;
    const got = overlaps(spans);
    spans.forEach((_, i) => {
      let earlier = false, count = 0;
      for (let j = 0; j < spans.length; j++) if (j !== i && hit(i, j)) { count++; if (j < i) earlier = true; }
      assert.equal(got[i]!.earlier, earlier);
      assert.equal(got[i]!.count, count);
      if (count) assert.ok(hit(i, got[i]!.first) && got[i]!.first !== i);
      else assert.equal(got[i]!.first, -1);
    });
  }), { numRuns: 2000 });
});
