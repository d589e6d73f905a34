// Hostile imports through the CLI: one clear import/unreadable error each, in under a second,
// no stack trace; a layout path that is a device or FIFO is refused the same way.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { hostileDir } from './paths';
import { ROOT } from '../helpers';

const CLI = path.join(ROOT, 'dist/server/cli.js');
const cli = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, timeout: 10_000 });

test('check: a layout importing each hostile path gets one import/unreadable error, exit 1, fast', () => {
  const h = hostileDir();
  try {
    for (const [name, p, want] of h.cases) {
      const layout = path.join(h.dir, `${name.replace(/\W+/g, '-')}.kexec`);
      fs.writeFileSync(layout, `arch x86_64\nimport auto "${p}"\n`);
      const t0 = Date.now();
      const r = cli(['check', layout]);
      const ms = Date.now() - t0;
      assert.equal(r.status, 1, `${name}: ${r.stderr}`);
      const errors = r.stdout.split('\n').filter((l) => /: error: /.test(l));
      assert.equal(errors.length, 1, `${name}: ${r.stdout}`);
      assert.match(errors[0], /\[import\/unreadable\]$/);
      assert.match(errors[0], want, name);
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
      // Wall time includes starting Node (the reads themselves are timed in safeRead.test.ts and
      // over LSP); this bound only says nothing blocks or reads for long.
      assert.ok(ms < 5000, `${name}: ${ms} ms including node start-up`);
    }
  } finally { h.cleanup(); }
});

test('import and check: a hostile path named on the command line is refused with exit 2', () => {
  const h = hostileDir();
  try {
    for (const [name, p, want] of h.cases) {
      const i = cli(['import', p]);
      assert.equal(i.status, 2, name);
      assert.match(i.stderr, want, name);
      assert.equal(i.stdout, '');
      const c = cli(['check', p]);
      assert.equal(c.status, 2, name);
      assert.equal(c.stderr.trim().split('\n').length, 1, `${name}: ${c.stderr}`);
    }
  } finally { h.cleanup(); }
});

test('--max-import-bytes caps imports and stdin; a bad size is a usage error', () => {
  const h = hostileDir();
  try {
    const small = path.join(h.dir, 'e820.txt');
    fs.writeFileSync(small, 'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n'.repeat(100));
    const over = cli(['import', '--max-import-bytes', '1K', small]);
    assert.equal(over.status, 2);
    assert.match(over.stderr, /over the 1 KiB limit/);
    assert.equal(cli(['import', '--max-import-bytes=64K', small]).status, 0);
    const stdin = cli(['import', '--max-import-bytes', '100', '-'], 'x'.repeat(1000));
    assert.equal(stdin.status, 2);
    assert.match(stdin.stderr, /read stopped at the 100 bytes limit/);
    const bad = cli(['import', '--max-import-bytes', 'lots', small]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--max-import-bytes' needs a size/);
  } finally { h.cleanup(); }
});
