// A 20,000-input slice of the fuzz run (test/fuzz/fuzz.ts; `npm run fuzz` runs 1,000,000): no
// throw, formatting idempotent and meaning-preserving, import → write → parse round-tripping.
// The seeds move every day, so the slice explores new inputs while any failure stays reproducible.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { runFuzz, rng, genLayout, checkLayoutText, checkImportText } from '../../fuzz/fuzz';

test('fuzz slice: 20,000 generated layouts and import texts', () => {
  const day = Math.floor(Date.now() / 86_400_000);
  const first = (day % 1000) * 1_000_000 + 1;
  const report = runFuzz(first, 20_000, 3);
  const shown = report.failures.map((f) => `seed ${f.seed} (${f.kind}): ${f.message}\ninput: ${JSON.stringify(f.input)}\nreproduce: node out/test/fuzz/fuzz.js --seed ${f.seed} --count 1`);
  assert.deepEqual(shown, []);
  assert.equal(report.runs, 20_000);
});

test('the properties can fail: a lone-CR layout, a foreign segment name and a non-idempotent format are caught', () => {
  // A lone CR between statements is a line break for the parser, the formatter and LSP clients.
  assert.equal(checkLayoutText('region 0x0 .. 0x1000 ram\rsegment  k mem=0 memsz=1\r\rpartial', rng(1)), null);
  // `a..b` as a segment name from kexec -d output is written as a name that parses back.
  const dump = 'segment[0].mem   = 0x100000\nsegment[0].memsz = 0x1000\n';
  assert.equal(checkImportText(dump, rng(2)), null);
  // The generator is deterministic per seed (failures are reproducible).
  assert.equal(genLayout(rng(42)), genLayout(rng(42)));
});
