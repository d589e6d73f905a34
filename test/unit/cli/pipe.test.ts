// A closed stdout (`kexec-layout check x.kexec | head -1`): one line out, no trace, and the exit
// status still says what the check found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers';
import { CLI } from './validate';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-pipe-'));

// A layout with thousands of findings, so the CLI is still writing when `head` closes the pipe.
const big = path.join(tmp, 'big.kexec');
fs.writeFileSync(big, Array.from({ length: 5000 }, (_, i) => `regoin ${i}`).join('\n') + '\n');

function pipeline(args: string, reader = 'head -1') {
  // stderr of the CLI alone goes to a file; PIPESTATUS gives the CLI's own status.
  const err = path.join(tmp, `err-${Math.random().toString(36).slice(2)}`);
  const script = `"${process.execPath}" "${CLI}" ${args} 2>"${err}" | ${reader}; echo "status=\${PIPESTATUS[0]}"`;
  const r = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: fs.readFileSync(err, 'utf8') };
}

test('check x.kexec | head -1 prints one line and exits without a trace', () => {
  for (const format of ['text', 'github', 'json', 'sarif']) {
    const r = pipeline(`check --format ${format} "${big}" examples/acpi-and-overlap.kexec`);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2, format); // the one line, then our status line
    assert.equal(r.stderr, '', `${format}: ${r.stderr}`);
    assert.equal(lines[1], 'status=1', format); // errors were found, the pipe closing does not hide it
  }
});

test('a clean file piped into a reader that stops at once: status 0, no trace', () => {
  const r = pipeline('check examples/kdump-crashkernel.kexec', 'true');
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^status=0$/m);
  const h = pipeline('--help', 'head -c 1');
  assert.equal(h.stderr, '');
  assert.match(h.stdout, /status=0$/m);
});
