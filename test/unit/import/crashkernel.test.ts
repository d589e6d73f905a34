import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { importText } from '../../../common/src/import';

const crash = (text: string) => importText(text, 'auto');

test('crashkernel: a reservation after `Kernel command line:` is the next boot, its low part stays with its high part', () => {
  const text = [
    '# dmesg | grep crash',
    '[    0.000000] crashkernel reserved: 0x0000000420000000 - 0x0000000440000000 (512 MB)',
    '[    0.000000] Kernel command line: root=/dev/vda crashkernel=512M,high crashkernel=128M,low',
    '# dmesg | grep crash',
    '[    0.000000] crashkernel tmp reserved: 0x00000000f2800000 - 0x00000000fa800000 (128 MB)',
    '[    0.000000] crashkernel low memory reserved: 0xca800000 - 0xd2800000 (128 MB)',
    '[    0.000000] crashkernel reserved: 0x00000000d2800000 - 0x00000000f2800000 (512 MB)',
  ].join('\n');
  const r = crash(text);
  assert.deepEqual(r.regions.map((x) => [x.start, x.end, x.line]), [[0xca800000n, 0xd2800000n, 6], [0xd2800000n, 0xf2800000n, 7]]);
  assert.deepEqual(r.snapshots?.find((s) => s.format === 'crashkernel')?.lines, [2, 6]);
  const first = importText(text, 'auto', { snapshot: 1 });
  assert.deepEqual(first.regions.map((x) => [x.start, x.end]), [[0x420000000n, 0x440000000n]]);
});

test('crashkernel: `Command line:` (x86 setup_arch, before the reservation) and a command line before any reservation start nothing', () => {
  const r = crash([
    '[    0.000000] Command line: BOOT_IMAGE=/vmlinuz crashkernel=1G-4G:256M',
    '[    0.000000] Kernel command line: BOOT_IMAGE=/vmlinuz crashkernel=1G-4G:256M',
    '[    0.000000] Reserving 256MB of low memory at 2816MB for crashkernel (System low RAM: 768MB)',
    '[    0.000000] Reserving 786MB of memory at 654158MB for crashkernel (System RAM: 130816MB)',
    '[    0.000000] Kernel command line: BOOT_IMAGE=/vmlinuz crashkernel=1G-4G:256M',
  ].join('\n'));
  assert.equal(r.regions.length, 2);
  assert.equal(r.snapshots, undefined);
});
