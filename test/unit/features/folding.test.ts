import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldingRanges } from '../../../common/src/features/folding';
import { check, anyTextArb, FC_RUNS } from './support';

const folds = (lines: string[]) => {
  const t = lines.join('\n');
  return foldingRanges(check(t), t).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ' ' + f.kind : ''}`);
};

test('comment blocks, markers, region runs and nested regions', () => {
  assert.deepEqual(folds([
    '# A machine', //                     0
    '# with two RAM ranges', //           1
    '# region low memory', //             2
    'region 0x0 .. 0x8000_0000 ram', //   3
    'region 0x100_0000 + 16M kernel', //  4
    'region 0x200_0000 + 16M kernel', //  5
    'region 0x8000_0000 + 1G mmio', //    6
    '# endregion', //                     7
    '', //                                8
    'segment a mem=0x0 memsz=4K', //      9
    'segment b mem=0x1000 memsz=4K', //   10
    'arch x86_64', //                     11
  ]), ['0-1 comment', '2-7 region', '3-6', '3-5', '9-10']);
});

test('a single line folds nothing; unmatched markers are ignored', () => {
  assert.deepEqual(folds(['# one', 'region 0x0 .. 0x1000 ram', '# endregion', '# region x']), []);
});

test('never throws; every range is well formed and inside the text', () => {
  fc.assert(fc.property(anyTextArb, (t) => {
    const n = t.split(/\r\n|\r|\n/).length;
    for (const f of foldingRanges(check(t), t)) assert.ok(f.startLine < f.endLine && f.endLine < n, JSON.stringify(f));
  }), FC_RUNS);
});
