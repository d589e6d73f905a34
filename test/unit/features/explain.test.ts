// check --explain: the passes in the kernel's order, each with its verdict and the segments it looked
// at, the first failure marked, later kernel passes "not reached", ending with the outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainText } from '../../../common/src/features/explain';
import { check, machine } from '../helpers';

test('explain lists the kexec_load passes in order, marks the first failure and what the kernel never reached', () => {
  const r = check(machine('segment a mem=0x10_0000 memsz=8K\nsegment b mem=0x10_1000 memsz=4K bufsz=8K'));
  const t = explainText('f.kexec', r);
  const order = ['kexec_load_check:', 'kimage_alloc_init:', 'pass 1:', 'pass 2:', 'pass 3:', 'pass 4:', 'pass 5', 'accept_memory(mem, memsz)', 'destinations lie in RAM'];
  let at = -1;
  for (const w of order) { const i = t.indexOf(w); assert.ok(i > at, `${w} out of order`); at = i; }
  assert.match(t, /pass 2: .*\n {3}verdict: FAIL — segments a and b overlap \[kexec\/overlap\]\n {3}looked at: a 0x10_0000\+0x2000, b 0x10_1000\+0x1000\n {3}failing: b/);
  assert.match(t, /pass 3: .*\n {3}verdict: FAIL \(not reached by the kernel\)/);
  assert.match(t, /outcome: load fails with -EINVAL \[kexec\/overlap\]/);
});

test('explain names the undecided pass and what would decide it', () => {
  const t = explainText('dump', check('segment a mem=0x10_0000 memsz=4K'));
  assert.match(t, /pass 4: .*\n {3}verdict: undecided — totalram_pages\(\) is not known: add a total-ram line/);
  assert.match(t, /outcome: load unknown, jump unknown/);
});
