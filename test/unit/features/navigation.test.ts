import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { definition, references } from '../../../common/src/features/navigation';
import { check, cursor, textIn, anyTextArb, positionArb, FC_RUNS } from './support';

const T = [
  '# initrd goes after the kernel; initrd.img is not the initrd.',
  'region 0x0 .. 0x1000_0000 ram',
  'segment kernel mem=0x10_0000 memsz=16M',
  'segment initrd mem=0x200_0000 memsz=16M # initrd_2 is not it',
].join('\n');

test('definition from a comment mention and from the declaration itself', () => {
  const { text, pos } = cursor(T.replace('# initrd goes', '# ini<|>trd goes'));
  const r = check(text);
  const d = definition(r, pos)!;
  assert.equal(textIn(text, d), 'initrd');
  assert.equal(d.start.line, 3);
  assert.deepEqual(definition(r, { line: 3, character: 10 }), d);
  assert.equal(definition(r, { line: 1, character: 3 }), null);
  assert.equal(definition(r, { line: 0, character: 33 }), null, 'initrd.img is another word');
});

test('references: the declaration plus whole-word mentions in comments', () => {
  const r = check(T);
  const refs = references(r, { line: 3, character: 9 }, true);
  assert.deepEqual(refs.map((x) => `${x.start.line}:${x.start.character}`), ['0:2', '0:54', '3:8']);
  for (const x of refs) assert.equal(textIn(T, x), 'initrd');
  assert.equal(references(r, { line: 3, character: 9 }, false).length, 2);
  assert.deepEqual(references(r, { line: 1, character: 0 }, true), []);
});

test('never throws on random text and positions', () => {
  fc.assert(fc.property(anyTextArb, fc.array(positionArb, { maxLength: 6 }), fc.boolean(), (t, ps, incl) => {
    const r = check(t);
    for (const p of ps) { definition(r, p); assert.ok(Array.isArray(references(r, p, incl))); }
  }), FC_RUNS);
});
