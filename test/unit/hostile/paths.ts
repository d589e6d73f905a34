// The hostile paths of issue 12, made fresh in a temporary folder: each must give one clear
// error fast (devices, /proc/self/mem, a FIFO, a 2 GB sparse file, a directory, a symlink loop).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

export function hostileDir(): { dir: string; cases: [string, string, RegExp][]; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-hostile-'));
  const fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const sparse = path.join(dir, 'sparse-2g');
  fs.closeSync(fs.openSync(sparse, 'w'));
  fs.truncateSync(sparse, 2 * 1024 ** 3);
  const loop = path.join(dir, 'loop');
  fs.symlinkSync(path.join(dir, 'loop2'), loop);
  fs.symlinkSync(loop, path.join(dir, 'loop2'));
  const cases: [string, string, RegExp][] = [
    ['/dev/zero', '/dev/zero', /character device/],
    ['/dev/urandom', '/dev/urandom', /character device/],
    ['/proc/self/mem', '/proc/self/mem', /EIO|input\/output error/i],
    ['a FIFO', fifo, /FIFO/],
    ['a 2 GB sparse file', sparse, /2 GiB, over the 256 MiB limit/],
    ['a directory', dir, /EISDIR/],
    ['a symlink loop', loop, /ELOOP/],
  ];
  return { dir, cases, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

