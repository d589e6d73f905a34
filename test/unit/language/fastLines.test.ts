// The parser's fast line path (compact region/unaccepted nodes, ./lineNodes.ts) gives the
// statement the general parser gives. A trailing comment sends the same line down the general
// path without changing its statement, so each line is parsed both ways and compared field by
// field (every range, number node and value the ast.ts interfaces name).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLayout } from '../../../common/src/language/parser';
import { RegionLine, UnacceptedLine, LineSpan } from '../../../common/src/language/lineNodes';
import type { Statement, RangeNode } from '../../../common/src/language/ast';

function spanOf(s: RangeNode) {
  return { start: s.start, end: s.end, form: s.form, first: { ...s.first }, second: { ...s.second }, operator: s.operator, range: s.range };
}
function plain(s: Statement) {
  if (s.kind === 'region') return { kind: s.kind, line: s.line, keyword: s.keyword, range: s.range, span: spanOf(s.span), type: s.type, typeRange: s.typeRange, label: s.label, labelRange: s.labelRange };
  if (s.kind === 'unaccepted') return { kind: s.kind, line: s.line, keyword: s.keyword, range: s.range, span: spanOf(s.span) };
  return s;
}

function bothWays(line: string) {
  const fast = parseLayout(line);
  const general = parseLayout(line + ' # general');
  return { fast, general };
}

const LINES = [
  'region 0x0 .. 0x1000 ram',
  'region 0x1000 ..= 0x1fff reserved "a label"',
  'region 0x1_0000_0000 + 1M ram "r7"',
  '  region\t0x1000+4K   acpi-nvs  ',
  'region 0x1000..0x2000 mmio',
  'region 0x1000..=0x2000 pmem""',
  'region 4096 + 16MiB soft-reserved',
  'region 1G + 1gb ram "x # not a comment"',
  'unaccepted 0x1_0000_0000 + 4M',
  'unaccepted 0x1000..0x2000',
  '\ufeffregion 0x0 + 1 rom',
  'region 0x1f_ffff_ffff_ffff + 1 ram',
];

for (const line of LINES) {
  test(`fast and general paths agree: ${JSON.stringify(line)}`, () => {
    const { fast, general } = bothWays(line);
    assert.deepEqual(fast.diagnostics, []);
    assert.deepEqual(general.diagnostics, []);
    assert.equal(fast.statements.length, 1);
    const s = fast.statements[0];
    assert.ok(s instanceof RegionLine || s instanceof UnacceptedLine, 'the fast path read it');
    assert.ok(s.span instanceof LineSpan);
    assert.deepEqual(plain(s), plain(general.statements[0]));
    // Made once: the same object on every read (features key maps by range objects).
    assert.equal(s.range, s.range);
    assert.equal(s.span.range, s.span.range);
    assert.equal(s.span.first, s.span.first);
  });
}

// Lines the fast path must leave to the general parser (errors, big numbers, escapes, comments).
const GENERAL = [
  'region 0x1000 .. 0x1000 ram', 'region 0x2000 .. 0x1000 ram', 'region 0x1000 ..= 0xfff ram', 'region 0x1000 + 0 ram',
  'region 0xffff_ffff_ffff_f000 + 0x1000 mmio', 'region 0x20_0000_0000_0000 + 1 ram', 'region 0x0 .. 0x1000 ramm',
  'region 0x0 .. 0x1000 ram "a \\"b\\""', 'region 0x0 .. 0x1000 ram "open', 'region 0x0 .. 0x1000 ram x', 'region 0x0 .. 0x1000',
  'region 0x0 ... 0x1000 ram', 'region 0x0_ .. 0x1000 ram', 'region 1Mx + 1 ram', 'regions 0x0 .. 0x1000 ram', 'region0x0 .. 0x1 ram',
  'unaccepted 0x0 .. 0x1000 ram', 'unaccepted-total 4G', 'region 0x0 .. 0x1000 ram "a" "b"', 'region 0x0 + 1M ram # c',
];
for (const line of GENERAL) {
  test(`left to the general parser: ${JSON.stringify(line)}`, () => {
    const f = parseLayout(line);
    for (const s of f.statements) assert.ok(!(s instanceof RegionLine) && !(s instanceof UnacceptedLine));
  });
}

test('random region and unaccepted lines: same statements and diagnostics both ways', () => {
  let seed = 12345;
  const rnd = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff; return (seed >>> 12) % n; };
  const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)];
  const nums = ['0', '1', '0x0', '0x1000', '0x1_0000', '4K', '4KiB', '4kb', '16M', '1G', '0xfff', '4096', '0x1f_ffff_ffff_ffff', '0x20_0000_0000_0000', '9007199254740991', '9007199254740992', '1_0', '0x_1', '1__0', '8E', '1Z'];
  const ops = ['..', '..=', '+', '...', '.'];
  const types = ['ram', 'reserved', 'mmio', 'kernel', 'bogus', 'ram-driver'];
  const sp = ['', ' ', '  ', '\t', '\u00a0'];
  const labels = ['', ' "x"', ' "a b"', '"y"', ' "e\\\\"', ' ""', ' "q" z']; // (an unterminated string would swallow the comment: GENERAL has it)
  let read = 0;
  for (let k = 0; k < 3000; k++) {
    const kw = pick(['region', 'unaccepted']);
    const line = `${pick(sp)}${kw} ${pick(nums)}${pick(sp)}${pick(ops)}${pick(sp)}${pick(nums)}${kw === 'region' ? ` ${pick(types)}${pick(labels)}` : ''}${pick(sp)}`;
    const { fast, general } = bothWays(line);
    assert.deepEqual(fast.diagnostics, general.diagnostics, line);
    assert.deepEqual(fast.statements.map(plain), general.statements.map(plain), line);
    if (fast.statements[0] instanceof RegionLine || fast.statements[0] instanceof UnacceptedLine) read++;
  }
  assert.ok(read > 300, `the fast path read ${read} of the lines`);
});

test('line ends: \\n, \\r\\n and \\r cut lines as splitLines does, on both paths', () => {
  const text = 'region 0x0 + 4K ram\r\nunaccepted 0x0 + 4K\rregion 0x1000 + 4K ram "l"\n\nregion bad\r\n';
  const f = parseLayout(text);
  assert.equal(f.lineCount, 6);
  assert.deepEqual(f.lineLengths, [19, 19, 26, 0, 10, 0]);
  assert.deepEqual(f.statements.map((s) => s.line), [0, 1, 2]);
  assert.deepEqual(f.diagnostics.map((d) => d.range.start.line), [4]);
});
