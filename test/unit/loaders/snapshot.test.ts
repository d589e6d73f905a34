// `kexec-layout snapshot --root DIR` on machine captures arranged from public dumps: the layout it
// writes parses and checks cleanly, keeps what the machine said (crash region, kernel, unaccepted
// total), falls back to /sys/firmware/memmap when /proc/iomem was read without root, and -o never
// overwrites a file unasked. A plan on a guest's snapshot leaves the jump undecided before 6.15.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../server/src/node/cli';
import { checkText } from '../../../common/src/features/check';
import { snapshotLayout } from '../../../common/src/snapshot/machine';
import { ROOT } from '../helpers';

async function run(argv: string[]) {
  let out = '', err = '';
  const code = await main(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}
const CAP = path.join(ROOT, 'test/fixtures/snapshot');

test('a kdump server (root): regions from /proc/iomem, the running kernel and the crash region kept', async () => {
  const r = await run(['snapshot', '--root', path.join(CAP, 'kdump-server')]);
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  const checked = await checkText(r.out);
  assert.deepEqual(checked.file.diagnostics, []);
  const a = checked.analysis;
  assert.equal(a.layout.kernel?.text, '6.8.0-45-generic');
  assert.ok(a.crashRegion);
  assert.equal(a.crashRegion.start, 0x3000000n);
  assert.equal(a.crashRegion.end, 0xb100000n);
  assert.ok(a.map.regions.some((x) => x.type === 'kernel'));
  assert.match(r.out, /^unaccepted-total 0$/m);
});

test('a TDX guest without root: zeros in /proc/iomem → the firmware memmap, a warning, and unaccepted-total', async () => {
  const r = await run(['snapshot', '--root', path.join(CAP, 'tdx-guest')]);
  assert.equal(r.code, 0);
  assert.match(r.err, /without root/);
  assert.match(r.out, /Intel TDX guest/);
  assert.match(r.out, /^unaccepted-total 5120M$/m);
  const checked = await checkText(r.out);
  assert.deepEqual(checked.file.diagnostics, []);
  const ram = checked.analysis.map.regions.filter((x) => x.type === 'ram');
  assert.equal(ram.length, 6);
  assert.equal(ram[ram.length - 1].end, 0x240000000n);
});

test('-o writes atomically and refuses an existing file without --force', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-'));
  const out = path.join(dir, 'machine.kexec');
  assert.equal((await run(['snapshot', '--root', path.join(CAP, 'kdump-server'), '-o', out])).code, 0);
  const first = fs.readFileSync(out, 'utf8');
  assert.match(first, /crashkernel/);
  const again = await run(['snapshot', '--root', path.join(CAP, 'tdx-guest'), '-o', out]);
  assert.equal(again.code, 2);
  assert.equal(fs.readFileSync(out, 'utf8'), first);
  assert.equal((await run(['snapshot', '--root', path.join(CAP, 'tdx-guest'), '-o', out, '--force'])).code, 0);
  assert.match(fs.readFileSync(out, 'utf8'), /unaccepted-total/);
});

test('plan on the guest snapshot: a RAM destination may be unaccepted, so on 6.13 the jump is unknown, on 6.15 accepted', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-'));
  const map = path.join(dir, 'guest.kexec');
  await run(['snapshot', '--root', path.join(CAP, 'tdx-guest'), '-o', map]);
  const hdr = path.join(ROOT, 'test/fixtures/bzimage/debian-6.1.0-50-cloud-amd64.hdr');
  const r13 = JSON.parse((await run(['plan', '--kernel-image', hdr, '--initrd-size', '64M', '--map', map, '--format', 'json'])).out);
  for (const p of r13.plans) {
    assert.equal(p.outcome.jump, 'unknown');
    assert.ok(p.diagnostics.some((d: { code: string; severity: string }) => d.code === 'accept/maybe-unaccepted' && d.severity === 'warning'));
  }
  const r15 = JSON.parse((await run(['plan', '--kernel-image', hdr, '--initrd-size', '64M', '--map', map, '--kernel', '6.15', '--format', 'json'])).out);
  for (const p of r15.plans) assert.equal(p.outcome.jump, 'ok');
});

test('no memory map at all: a warning and a layout that says so, never a throw', () => {
  const s = snapshotLayout({});
  assert.match(s.warnings[0], /no memory map/);
  assert.match(s.text, /^# warning: no memory map/m);
});
