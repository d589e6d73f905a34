import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { codeActions, formatLike, freeSlot } from '../../../common/src/features/actions';
import { toLspDiagnostics } from '../../../common/src/features/lspDiagnostics';
import { parseNumber } from '../../../common/src/language/numbers';
import { check, applyEdits, readExample, TDX_EXAMPLE, anyTextArb, rangeArbLsp, layoutArb, FC_RUNS } from './support';

const URI = 'file:///t.kexec';
const diagsOf = (t: string) => toLspDiagnostics(check(t), URI, false);
const editsOf = (a: CodeAction) => a.edit?.changes?.[URI] ?? [];
const point = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });

/** Actions offered for the diagnostics with `code`, as an editor would ask (range = diagnostic range). */
function fixesFor(t: string, code: string): { actions: CodeAction[]; diag: Diagnostic } {
  const r = check(t);
  const diag = toLspDiagnostics(r, URI, false).find((d) => d.code === code);
  assert.ok(diag, `${code} expected in:\n${t}`);
  return { actions: codeActions(r, t, diag.range, [diag], URI).filter((a) => a.kind === 'quickfix'), diag };
}

test('formatLike keeps the notation the user wrote', () => {
  assert.equal(formatLike(0x10_0000n, '0x1_3e00_0000'), '0x10_0000');
  assert.equal(formatLike(0xa_0000n, '0x0009_fbff'), '0x000a_0000');
  assert.equal(formatLike(0xabcn, '0X1F'), '0XABC');
  assert.equal(formatLike(20480n, '17K'), '20K');
  assert.equal(formatLike(3n << 20n, '1MiB'), '3MiB');
  assert.equal(formatLike(4096n, '4095'), '4096');
  assert.equal(formatLike(1_234_567n, '1_000'), '1_234_567');
  assert.equal(formatLike(0x1800n, '1k'), '6k');
  assert.equal(formatLike(0x1800n, '1G'), '6K', 'falls back to the largest exact unit');
});

test('kexec/unaligned: align mem down or up, keeping hex style; the fix clears the finding', () => {
  const t = 'region 0x0 .. 0x1000_0000 ram\nsegment k mem=0x10_0800 memsz=16K';
  const { actions } = fixesFor(t, 'kexec/unaligned');
  const down = actions.find((a) => a.title.startsWith('Align mem of k down'))!;
  const up = actions.find((a) => a.title.startsWith('Align mem of k up'))!;
  assert.deepEqual(editsOf(down), [{ range: { start: { line: 1, character: 14 }, end: { line: 1, character: 23 } }, newText: '0x10_0000' }]);
  assert.equal(editsOf(up)[0].newText, '0x10_1000');
  for (const a of [down, up]) assert.ok(!check(applyEdits(t, editsOf(a))).diagnostics.some((d) => d.code === 'kexec/unaligned'));
});

test('kexec/unaligned at the end: round memsz up, keeping the unit suffix', () => {
  const t = 'region 0x0 .. 0x1000_0000 ram\nsegment k mem=0x10_0000 memsz=4097';
  const { actions } = fixesFor(t, 'kexec/unaligned');
  assert.equal(actions.length, 1);
  assert.match(actions[0].title, /Round memsz of k up to the 4 KiB page size \(8192\)/);
  assert.equal(actions[0].isPreferred, true);
  const fixed = applyEdits(t, editsOf(actions[0]));
  assert.equal(fixed.split('\n')[1], 'segment k mem=0x10_0000 memsz=8192');
  const t2 = 'region 0x0 .. 0x1000_0000 ram\nsegment k mem=0x10_0000 memsz=0x1_0010';
  assert.equal(editsOf(fixesFor(t2, 'kexec/unaligned').actions[0])[0].newText, '0x1_1000');
});

test('Move initrd (TDX example): the new destination has no accept/* or dest/* finding', () => {
  const t = readExample(TDX_EXAMPLE);
  const { actions } = fixesFor(t, 'accept/unaccepted-destination');
  const move = actions.find((a) => a.title.startsWith('Move initrd to '))!;
  assert.ok(move, JSON.stringify(actions.map((a) => a.title)));
  const edits = editsOf(move);
  assert.equal(edits.length, 1);
  assert.equal(t.split('\n')[edits[0].range.start.line].slice(edits[0].range.start.character, edits[0].range.end.character), '0x1_3e00_0000', 'only the mem value changes');
  const after = check(applyEdits(t, edits));
  const bad = after.diagnostics.filter((d) => /^(accept|dest)\//.test(d.code) || d.code === 'kexec/overlap');
  assert.deepEqual(bad, []);
  assert.equal(after.analysis.outcome.jump, 'ok');
});

test('Move: skips other segments, unaccepted units and the guard unit before them', () => {
  const t = [
    'kernel 6.16', 'region 0x0 .. 0x10_0000 reserved', 'region 0x10_0000 .. 0x4000_0000 ram', 'accept-unit 2M',
    'unaccepted 0x20_0000 .. 0x40_0000', 'segment a mem=0x40_0000 memsz=1M', 'segment b mem=0x3000_0000 memsz=1M', 'segment c mem=0x0 memsz=1M',
  ].join('\n');
  const r = check(t);
  const c = r.analysis.segments.find((s) => s.name === 'c')!;
  // 1M at 0x10_0000 would end at 0x20_0000, where an unaccepted unit starts: accept_memory's guard
  // unit. Past the unaccepted range, a sits at 0x40_0000, so the first slot is right after a.
  assert.equal(freeSlot(r, c), 0x50_0000n);
  const { actions } = fixesFor(t, 'dest/reserved');
  const fixed = check(applyEdits(t, editsOf(actions.find((x) => x.title.startsWith('Move c'))!)));
  assert.ok(!fixed.diagnostics.some((d) => /^(accept|dest)\//.test(d.code) || d.code === 'kexec/overlap'), JSON.stringify(fixed.diagnostics.map((d) => d.code)));
});

test('Move: a crash load stays inside the crash region', () => {
  const t = [
    'crash', 'region 0x0 .. 0x8000_0000 ram', 'crashkernel 64M@0x2000_0000', 'segment k mem=0x10_0000 memsz=16M', 'segment i mem=0x2000_0000 memsz=16M',
  ].join('\n');
  const { actions } = fixesFor(t, 'kexec/outside-crashkernel');
  assert.deepEqual(actions, [], 'outside-crashkernel is not a move code');
  const r = check(t + '\nsegment j mem=0x2000_0000 memsz=4K');
  const d = toLspDiagnostics(r, URI, false).find((x) => x.code === 'kexec/overlap')!;
  const move = codeActions(r, t, d.range, [d], URI).find((a) => a.title.startsWith('Move j'))!;
  assert.equal(move.title, 'Move j to 0x2100_0000');
});

test('Move: a disabled action says when there is no slot', () => {
  const t = 'region 0x0 .. 0x100_0000 ram\nsegment a mem=0x0 memsz=12M\nsegment b mem=0x80_0000 memsz=12M';
  const { actions } = fixesFor(t, 'kexec/overlap');
  const none = actions.find((a) => a.title.startsWith('No free'))!;
  assert.equal(none.title, 'No free, accepted slot for b (12 MiB)');
  assert.ok(none.disabled?.reason);
  assert.equal(none.edit, undefined);
});

test('range rewrites keep start and end identical, anywhere on the range', () => {
  const t = 'region 0x0000_0000 ..= 0x0009_fbff ram\nunaccepted 0x1_0000_0000 + 6G\nregion 0 .. 4096 ram';
  const r = check(t);
  for (const line of [0, 1, 2]) {
    const before = r.file.statements.find((s) => s.line === line)!;
    const span = (before as { span: { start: bigint; end: bigint } }).span;
    const rewrites = codeActions(r, t, point(line, 15), [], URI).filter((a) => a.kind === 'refactor.rewrite');
    assert.equal(rewrites.length, 2);
    for (const a of rewrites) {
      const after = check(applyEdits(t, editsOf(a))).file.statements.find((s) => s.line === line) as unknown as { span: { start: bigint; end: bigint } };
      assert.deepEqual([after.span.start, after.span.end], [span.start, span.end], a.title);
    }
  }
  const titles = codeActions(r, t, point(0, 25), [], URI).map((a) => a.title);
  assert.deepEqual(titles, ['Rewrite range as 0x0000_0000 .. 0x0009_fc00 (exclusive end)', 'Rewrite range as 0x0000_0000 + 639K (start + size)']);
  // A range reaching 2^64 has no `..` spelling.
  const top = 'region 0xffff_ffff_ffff_0000 ..= 0xffff_ffff_ffff_ffff mmio';
  assert.deepEqual(codeActions(check(top), top, point(0, 10), [], URI).map((a) => a.title), ['Rewrite range as 0xffff_ffff_ffff_0000 + 64K (start + size)']);
});

test('Fix all alignment: one edit for every unaligned segment, covering the old bytes', () => {
  const t = 'region 0x0 .. 0x1000_0000 ram\nsegment a mem=0x10_0800 memsz=0x1000\nsegment b mem=0x40_0000 memsz=100\nsegment c mem=auto memsz=5';
  const r = check(t);
  const all = codeActions(r, t, point(0, 0), diagsOf(t), URI, ['source.fixAll']);
  assert.equal(all.length, 1);
  assert.equal(all[0].kind, 'source.fixAll');
  const fixed = check(applyEdits(t, editsOf(all[0])));
  assert.ok(!fixed.diagnostics.some((d) => d.code === 'kexec/unaligned'));
  const a = fixed.analysis.segments[0];
  assert.deepEqual([a.mem, a.mem! + a.memsz], [0x10_0000n, 0x10_2000n]);
  assert.deepEqual(applyEdits(t, editsOf(all[0])).split('\n').slice(1, 3), ['segment a mem=0x10_0000 memsz=0x2000', 'segment b mem=0x40_0000 memsz=4096']);
  assert.deepEqual(codeActions(r, t, point(0, 0), [], URI, ['quickfix']).filter((x) => x.kind === 'source.fixAll'), []);
});

test('did you mean: the typo fixture offers the nearest keyword', () => {
  const t = readExample('test/e2e/fixtures/typo.kexec');
  const { actions } = fixesFor(t, 'syntax/unknown-statement');
  assert.equal(actions[0].title, "Replace 'segmnt' with 'segment'");
  assert.ok(!check(applyEdits(t, editsOf(actions[0]))).diagnostics.some((d) => d.severity === 'error'));
  const k = 'region 0x0 .. 0x1000 ram\nsegment a mem=0x0 memsiz=4K';
  assert.equal(editsOf(fixesFor(k, 'syntax/unknown-key').actions[0])[0].newText, 'memsz');
  assert.equal(editsOf(fixesFor('arch arm46', 'syntax/unknown-arch').actions[0])[0].newText, 'arm64');
  assert.equal(editsOf(fixesFor('region 0x0 .. 0x1000 rma', 'syntax/unknown-type').actions[0])[0].newText, 'ram');
  assert.equal(editsOf(fixesFor('syscall kexec_fileload', 'syntax/invalid-setting').actions[0])[0].newText, 'kexec_file_load');
});

test('generated layouts: every edit parses back, moves leave no accept/dest finding on that segment', () => {
  fc.assert(fc.property(layoutArb, (t) => {
    const r = check(t);
    const ds = toLspDiagnostics(r, URI, false);
    for (const d of ds) {
      for (const a of codeActions(r, t, d.range, [d], URI)) {
        if (!a.edit) continue;
        const after = check(applyEdits(t, editsOf(a)));
        for (const e of editsOf(a)) if (/^[0-9]/.test(e.newText)) assert.ok(parseNumber(e.newText).ok, e.newText);
        if (a.title.startsWith('Move ')) {
          const name = a.title.split(' ')[1];
          assert.ok(!after.diagnostics.some((x) => x.segment === name && (/^(accept|dest)\//.test(x.code) || x.code === 'kexec/overlap')), `${a.title}\n${t}`);
        }
      }
    }
    // Range rewrites on every range line keep the meaning.
    for (const s of r.file.statements) {
      if (s.kind !== 'region' && s.kind !== 'unaccepted') continue;
      for (const a of codeActions(r, t, point(s.line, s.span.operator.start.character), [], URI, ['refactor.rewrite'])) {
        const after = check(applyEdits(t, editsOf(a))).file.statements.find((x) => x.line === s.line) as typeof s;
        assert.deepEqual([after.span.start, after.span.end], [s.span.start, s.span.end]);
      }
    }
  }), FC_RUNS);
});

test('never throws on random text, ranges and diagnostics', () => {
  fc.assert(fc.property(anyTextArb, rangeArbLsp, (t, range) => {
    const r = check(t);
    const ds = toLspDiagnostics(r, URI, false);
    assert.ok(Array.isArray(codeActions(r, t, range, ds, URI)));
    for (const d of ds) codeActions(r, t, d.range, [d], URI);
    codeActions(r, t, range, [{ range, message: 'x', code: 'kexec/unaligned' }, { range, message: 'y', code: 42 }, { range, message: 'z' }], URI);
  }), FC_RUNS);
});
