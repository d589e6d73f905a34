// The CLI's worker pool: every file checked, results reported in argument order (whatever order
// the workers finish in), each exactly what an in-thread check of that file gives; an unreadable
// file is one error among the others.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkFiles, checkFileJob, type FileJob, type FileOutcome } from '../../server/src/node/checkPool';

const SCRIPT = path.join(__dirname, '..', '..', '..', 'dist', 'server', 'checkWorker.js');

test('40 files through 3 workers: argument order, same output as in-thread, unreadable ones reported', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kexec-pool-'));
  try {
    const jobs: FileJob[] = [];
    for (let i = 0; i < 40; i++) {
      const p = path.join(dir, `f${i}.kexec`);
      // Sizes vary a lot so workers finish out of order; every third file has an overlap.
      const regions = Array.from({ length: (i % 5) * 2000 + 8 }, (_, k) => `region 0x${(k * 0x10_0000).toString(16)} + 1M ram`).join('\n');
      const segs = i % 3 === 0 ? 'segment a mem=0x10_0000 memsz=2M\nsegment b mem=0x20_0000 memsz=1M' : 'segment a mem=0x10_0000 memsz=1M';
      if (i !== 17) writeFileSync(p, `arch x86_64\nkernel 6.12\n${regions}\n${segs}\n`);
      jobs.push({ path: p, format: i % 2 ? 'text' : 'json' });
    }
    const order: number[] = [];
    const got: FileOutcome[] = [];
    await checkFiles(jobs, (i, o) => { order.push(i); got[i] = o; }, { workers: 3, script: SCRIPT });
    assert.deepEqual(order, jobs.map((_, i) => i));
    for (let i = 0; i < jobs.length; i++) {
      if (i === 17) { assert.ok('error' in got[i], 'the missing file is an error'); continue; }
      assert.deepEqual(got[i], await checkFileJob(jobs[i]), `file ${i}`);
      assert.equal((got[i] as { errors: boolean }).errors, i % 3 === 0, `file ${i} errors`);
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('SARIF jobs bring back a whole CheckResult that works on this side', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kexec-pool-'));
  try {
    const p = path.join(dir, 'a.kexec');
    writeFileSync(p, 'arch x86_64\nregion 0x0 .. 0x1000_0000 ram\nsegment a mem=0x10_0000 memsz=1M\n');
    const got: FileOutcome[] = [];
    await checkFiles([{ path: p, format: 'sarif' }, { path: p, format: 'sarif' }], (i, o) => { got[i] = o; }, { workers: 2, script: SCRIPT });
    const r = (got[1] as { result: { analysis: { map: { containing(a: bigint): unknown } } } }).result;
    assert.equal(typeof r.analysis.map.containing, 'function', 'the memory map is a MemoryMap again');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('kexec-layout check of many files prints each file in argument order, exit 2 when one is unreadable', async () => {
  const { spawnSync } = await import('node:child_process');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kexec-pool-'));
  try {
    const files: string[] = [];
    for (let i = 0; i < 8; i++) {
      const p = path.join(dir, `n${i}.kexec`);
      // Large first files, small last ones: a pool finishes them out of order.
      const regions = Array.from({ length: (8 - i) * 1500 }, (_, k) => `region 0x${(k * 0x10_0000).toString(16)} + 1M ram`).join('\n');
      if (i !== 5) writeFileSync(p, `${regions}\nsegment a mem=0x10_0000 memsz=1M\n`);
      files.push(p);
    }
    const cli = path.join(__dirname, '..', '..', '..', 'dist', 'server', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'check', ...files], { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    const order = [...r.stdout.matchAll(/n(\d)\.kexec: outcome/g)].map((m) => Number(m[1]));
    assert.deepEqual(order, [0, 1, 2, 3, 4, 6, 7]);
    assert.match(r.stderr, /cannot read .*n5\.kexec/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
