// The CLI as users and CI run it: the bundled dist/server/cli.js in a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './helpers';
import { checkJson } from './cli/validate';

const CLI = path.join(ROOT, 'dist/server/cli.js');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', input });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-cli-'));
const write = (name: string, text: string) => { const p = path.join(tmp, name); fs.writeFileSync(p, text); return p; };

test('check --format json follows design/diagnostics.md and the committed schema', () => {
  const r = run(['check', '--format', 'json', 'examples/tdx-6.15-accepted-at-load.kexec']);
  assert.equal(r.status, 0, r.stderr);
  const out = checkJson(r.stdout);
  assert.equal(out.version, 1);
  const f = out.files[0];
  assert.equal(f.path, 'examples/tdx-6.15-accepted-at-load.kexec');
  assert.deepEqual(f.outcome, { syscall: 'kexec_load', load: 'ok', errno: null, firstFailure: null, jump: 'ok' });
  assert.deepEqual(f.diagnostics.map((d: { code: string }) => d.code), ['accept/unaccepted-destination', 'accept/guard-unit']);
  const initrd = f.segments.find((s: { name: string }) => s.name === 'initrd');
  assert.deepEqual(initrd, { name: 'initrd', mem: '0x13e000000', memsz: '0x4000000', bufsz: '0x4000000', auto: false, accepts: [{ start: '0x140000000', end: '0x142200000' }] });
  assert.deepEqual(f.diagnostics[0].range, { start: { line: 21, character: 8 }, end: { line: 21, character: 14 } });
  assert.equal(f.diagnostics[0].segment, 'initrd');
});

test('check text: compiler-style lines, 1-based, and one outcome line; exit 1 on an error', () => {
  const r = run(['check', 'examples/acpi-and-overlap.kexec']);
  assert.equal(r.status, 1);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^examples\/acpi-and-overlap\.kexec:18:9: error: segments kernel and initrd overlap .* \[kexec\/overlap\]$/);
  assert.match(lines[lines.length - 1], /^examples\/acpi-and-overlap\.kexec: outcome: load fails -EINVAL \[kexec\/overlap\], jump unknown/);
  const kernelErr = checkJson(run(['check', '--format=json', 'examples/acpi-and-overlap.kexec']).stdout).files[0].diagnostics[0];
  assert.equal(kernelErr.errno, 'EINVAL');
});

test('exit status: 0 clean, 1 error, 2 usage or unreadable (no stack trace)', () => {
  assert.equal(run(['check', write('ok.kexec', 'region 0x0 .. 0x1000_0000 ram\nsegment a mem=0x10_0000 memsz=4K\n')]).status, 0);
  assert.equal(run(['check', write('bad.kexec', 'regoin 0x0 .. 0x1000 ram\n')]).status, 1);
  const missing = run(['check', path.join(tmp, 'nope.kexec')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read .*nope\.kexec: no such file or directory \(ENOENT\)/);
  assert.doesNotMatch(missing.stderr, /\n\s+at /);
  const dir = run(['check', tmp]);
  assert.equal(dir.status, 2);
  assert.equal(run(['check', '--format', 'xml', 'examples/kdump-crashkernel.kexec']).status, 2);
  assert.equal(run(['frobnicate']).status, 2);
  assert.equal(run(['check']).status, 2);
});

test('several files: one JSON document, worst status wins', () => {
  const r = run(['check', '--format', 'json', 'examples/kdump-crashkernel.kexec', 'examples/acpi-and-overlap.kexec']);
  assert.equal(r.status, 1);
  assert.equal(checkJson(r.stdout).files.length, 2);
});

test('--kernel sets the version for files without one', () => {
  const j = (args: string[]) => checkJson(run(['check', '--format', 'json', ...args]).stdout).files[0].outcome.jump;
  assert.equal(j(['examples/sev-snp-unknown-kernel.kexec']), 'unknown');
  assert.equal(j(['--kernel', '6.12', 'examples/sev-snp-unknown-kernel.kexec']), 'fatal');
  assert.equal(j(['--kernel', '6.15', 'examples/sev-snp-unknown-kernel.kexec']), 'ok');
});

test('every example: the findings its opening comment promises', () => {
  const expect: Record<string, { codes: string[]; load: string; jump: string }> = {
    'tdx-6.13-initrd-unaccepted.kexec': { codes: ['accept/unaccepted-destination'], load: 'ok', jump: 'fatal' },
    'tdx-6.15-accepted-at-load.kexec': { codes: ['accept/unaccepted-destination', 'accept/guard-unit'], load: 'ok', jump: 'ok' },
    'kdump-crashkernel.kexec': { codes: [], load: 'ok', jump: 'ok' },
    'kexec-file-bzimage64.kexec': { codes: [], load: 'ok', jump: 'ok' },
    'acpi-and-overlap.kexec': { codes: ['kexec/overlap', 'dest/reserved'], load: 'fails', jump: 'unknown' },
    'sev-snp-unknown-kernel.kexec': { codes: ['accept/unaligned-range', 'accept/unaccepted-destination'], load: 'ok', jump: 'unknown' },
  };
  for (const [name, e] of Object.entries(expect)) {
    const f = checkJson(run(['check', '--format', 'json', `examples/${name}`]).stdout).files[0];
    assert.deepEqual(f.diagnostics.map((d: { code: string }) => d.code), e.codes, name);
    assert.equal(f.outcome.load, e.load, name);
    assert.equal(f.outcome.jump, e.jump, name);
  }
});

test('the bzImage64 example is placed top-down like the kernel loader', () => {
  const f = checkJson(run(['check', '--format', 'json', 'examples/kexec-file-bzimage64.kexec']).stdout).files[0];
  const seg = Object.fromEntries(f.segments.map((s: { name: string; mem: string }) => [s.name, BigInt(s.mem)]));
  assert.equal(seg.kernel % (2n << 20n), 0n);          // kernel_alignment
  assert.ok(seg.initrd >= 0x100_0000n);                 // above 16 MiB
  assert.ok(seg.purgatory > seg.boot_params && seg.boot_params > seg.kernel && seg.kernel > seg.initrd); // each below the previous
  assert.ok(f.segments.every((s: { auto: boolean }) => s.auto));
});
