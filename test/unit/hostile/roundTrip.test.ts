// Round-trips: every name `kexec-layout import` writes parses back, the original kept as a comment.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { toLayoutText } from '../../../common/src/import/layoutText';
import { emptyResult } from '../../../common/src/import/lines';
import { parseLayout } from '../../../common/src/language/parser';
import { formatText } from '../../../common/src/features/format';

test('foreign segment names are rewritten to names that parse back, the original kept as a comment', () => {
  const r = emptyResult('kexec-debug');
  const names = ['a..b', 'x.', '1st initrd', '\u202ename', '..', 'kernel', 'kernel'];
  names.forEach((name, i) => r.segments.push({ name, mem: BigInt(i) * 0x1000n, memsz: 0x1000n, bufsz: 0x1000n, line: i + 1 } as never));
  const text = toLayoutText([{ path: 'd.txt', result: r }]);
  const f = parseLayout(text);
  assert.deepEqual(f.diagnostics, []);
  const segs = f.statements.filter((s) => s.kind === 'segment');
  assert.equal(segs.length, names.length);
  assert.deepEqual(segs.map((s) => (s as { name: string }).name), ['a_b', 'x_', '_1st_initrd', '_name', '_', 'kernel', 'kernel_2']);
  assert.match(text, /segment a_b .*# name in the source: "a\.\.b"/);
  assert.match(text, /# name in the source: "\\u202ename"/, 'the original is shown escaped');
  assert.doesNotMatch(text, /\u202e/);
});

test('formatting is idempotent across a lone CR followed by a whitespace-only line and an LF (found by the fuzzer)', () => {
  for (const text of ['crash  # note\r\t\npartial  # note\n', 'region 0x0 .. 0x1000 ram\r \t \nregion 0x1000 + 4K ram\r', 'arch x86_64\r\t\t\n\n\n\n\rsyscall kexec_load']) {
    const once = formatText(text);
    assert.equal(formatText(once), once, JSON.stringify(text));
    // No lone CR and LF were joined into a CRLF the input did not have.
    assert.ok(!once.includes('\r\n'), JSON.stringify(once));
  }
});
