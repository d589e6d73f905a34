import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, codes } from './helpers';
import { pasteConversions } from '../../common/src/features/pasteConvert';
import { TextDocument } from 'vscode-languageserver-textdocument';

const uri = 'file:///x.kexec';
const apply = (text: string, a: { edit?: { changes?: Record<string, { range: never; newText: string }[]> } }) =>
  TextDocument.applyEdits(TextDocument.create(uri, 'kexec-layout', 1, text), a.edit!.changes![uri]);

test('pasted /proc/iomem converts in place to statements that check clean', () => {
  const text = [
    'arch x86_64',
    '00000000-00000fff : Reserved',
    '00001000-0009ffff : System RAM',
    '00100000-7fffffff : System RAM',
    '  01000000-01ffffff : Kernel code',
    '80000000-ffffffff : PCI Bus 0000:00',
    'segment k mem=0x100_0000 memsz=4K',
  ].join('\n');
  const r = check(text);
  assert.ok(codes(r).includes('syntax/unknown-statement'));
  const actions = pasteConversions(r, text, { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, uri);
  assert.equal(actions.length, 1);
  assert.match(actions[0].title, /Convert pasted iomem text \(5 lines, 5 items\)/);
  const out = apply(text, actions[0] as never);
  const after = check(out);
  assert.deepEqual(codes(after), []);
  assert.equal(after.analysis.map.regions.length, 5);
  assert.equal(after.analysis.map.regions.find((x) => x.type === 'kernel')?.parent !== undefined, true);
  assert.equal((out.match(/^arch /gm) ?? []).length, 1);
});

test('pasted e820 dmesg lines convert; a plain typo offers nothing', () => {
  const text = 'kernel 6.8\n[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n[    0.000000] BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n';
  const r = check(text);
  const a = pasteConversions(r, text, { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } }, uri);
  assert.equal(a.length, 1);
  // A map without segments has nothing to check: that information is the only finding.
  assert.deepEqual(codes(check(apply(text, a[0] as never))), ['layout/no-segments']);
  const typo = 'regoin 0x0 .. 0x1000 ram';
  assert.deepEqual(pasteConversions(check(typo), typo, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, uri), []);
});
