// Any text gives diagnostics with exact ranges, never an exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { check } from './helpers';
import type { CheckResult } from '../../common/src/features/check';
import { splitLines } from '../../common/src/language/lexer';

function assertRangesInside(text: string, r: CheckResult): void {
  const lines = splitLines(text);
  const inside = (p: { line: number; character: number }) =>
    p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  for (const d of r.diagnostics) {
    assert.ok(inside(d.range.start) && inside(d.range.end), `${d.code} ${JSON.stringify(d.range)} outside the document`);
    const s = d.range.start, e = d.range.end;
    assert.ok(s.line < e.line || (s.line === e.line && s.character <= e.character), `${d.code}: reversed range`);
    for (const rel of d.related ?? []) assert.ok(inside(rel.range.start) && inside(rel.range.end));
  }
}

const samples: [string, string][] = [
  ['empty file', ''],
  ['only comments', '# one\n   # two\n#'],
  ['a 1 MB line', 'region ' + '0'.repeat(1_000_000) + ' .. 0x1000 ram'],
  ['a 1 MB comment', '#' + 'x'.repeat(1_000_000)],
  ['NUL bytes', 'region 0x0\0 .. 0x1000 ram\n\0\0\0\nsegment a mem=0x1000 memsz=4K\0'],
  ['CRLF', 'arch x86_64\r\nregion 0x0 .. 0x1000_0000 ram\r\nsegment a mem=0x1000 memsz=4K\r\n'],
  ['a UTF-8 BOM', '\uFEFFarch x86_64\nregion 0x0 .. 0x1000 ram'],
  ['tabs', 'region\t0x0\t..\t0x1000\tram\t"x"\nsegment\ta\tmem=0x0\tmemsz=4K'],
  ['binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('latin1')],
  ['lone surrogates and emoji', 'region 0x0 .. 0x1000 mmio "\uD800 🙂"\nsegment 🙂 mem=0 memsz=1'],
];

for (const [name, text] of samples) {
  test(`bad input: ${name}`, () => {
    const r = check(text);
    assertRangesInside(text, r);
  });
}

test('CRLF and BOM do not change the meaning', () => {
  const lf = check('arch x86_64\nregion 0x0 .. 0x1000_0000 ram\nsegment a mem=0x1000 memsz=4K\n');
  const crlf = check('\uFEFFarch x86_64\r\nregion 0x0 .. 0x1000_0000 ram\r\nsegment a mem=0x1000 memsz=4K\r\n');
  assert.deepEqual(crlf.diagnostics, []);
  assert.deepEqual(crlf.analysis.outcome, lf.analysis.outcome);
});

test('a 1 MB number is one invalid-number/overflow diagnostic on its exact token', () => {
  const text = 'entry 0x' + 'f'.repeat(1_000_000);
  const r = check(text);
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0].code, 'syntax/number-overflow');
  assert.deepEqual(r.diagnostics[0].range, { start: { line: 0, character: 6 }, end: { line: 0, character: text.length } });
  assert.ok(r.diagnostics[0].message.length < 300);
});

const keyword = fc.constantFrom('arch', 'kernel', 'region', 'segment', 'unaccepted', 'crashkernel', 'entry', 'crash', 'page-size', 'accept-unit', 'total-ram', 'syscall', 'import', '#');
const atom = fc.oneof(
  keyword,
  fc.constantFrom('..', '..=', '+', '=', '@', '"', '"x"', 'mem=', 'memsz=', 'auto', 'top-down', 'ram', 'acpi', '0x0', '0x1000', '4K', '2M', '0xffff_ffff_ffff_ffff', '0x1_0000_0000_0000_0000', '6.15', 'x86_64', '\t', '\r', '\0', '\uFEFF'),
  fc.string({ maxLength: 6 }),
  fc.bigInt({ min: 0n, max: (1n << 65n) }).map((n) => '0x' + n.toString(16)),
);
const line = fc.array(atom, { maxLength: 8 }).map((a) => a.join(' '));
const doc = fc.array(line, { maxLength: 20 }).chain((ls) => fc.constantFrom('\n', '\r\n', '\r').map((nl) => ls.join(nl)));

test('property: the checker never throws and every range lies inside the document', () => {
  fc.assert(fc.property(doc, (text) => { assertRangesInside(text, check(text)); }), { numRuns: 2000 });
  fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => { assertRangesInside(text, check(text)); }), { numRuns: 1000 });
});
