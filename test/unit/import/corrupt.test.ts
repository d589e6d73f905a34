// A corrupt imported map is an error on the import line and the jump is never "ok" on it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkText } from '../../../common/src/features/check';
import { fileImportResolver } from '../../../server/src/node/fileImports';

async function check(map: string): Promise<Awaited<ReturnType<typeof checkText>>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-corrupt-'));
  try {
    fs.writeFileSync(path.join(dir, 'dmesg.txt'), map);
    const layout = 'arch x86_64\nsyscall kexec_file_load\nimport auto "dmesg.txt"\nsegment kernel mem=0x100_0000 memsz=0x10_0000\n';
    const file = path.join(dir, 'x.kexec');
    fs.writeFileSync(file, layout);
    return await checkText(layout, fileImportResolver(file));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CLEAN = [
  'BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable',
  'BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable',
];

test('a clean map: no import/corrupt, the jump is decided by the engine', async () => {
  const r = await check(CLEAN.join('\n'));
  assert.equal(r.diagnostics.filter((d) => d.code === 'import/corrupt').length, 0);
  assert.equal(r.analysis.outcome.jump, 'ok');
});

test('overlapping e820 entries: import/corrupt (error, count and first line) and the jump is unknown', async () => {
  const r = await check([...CLEAN, 'BIOS-e820: [mem 0x000000007ff00000-0x00000000800fffff] reserved'].join('\n'));
  const c = r.diagnostics.filter((d) => d.code === 'import/corrupt');
  assert.equal(c.length, 1);
  assert.equal(c[0].severity, 'error');
  assert.match(c[0].message, /^dmesg\.txt: 1 corrupt entry \(first: line 3, e820 entries overlap\)/);
  assert.equal(r.analysis.outcome.jump, 'unknown');
  assert.match(r.analysis.outcome.summary, /is corrupt \(import\/corrupt\)/);
});
