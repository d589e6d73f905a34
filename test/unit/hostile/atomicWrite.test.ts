// Writes that never lose data: temp file beside the target then rename, symlinks never written
// through, a failed write (injected, or a full tmpfs) leaves the old file and no partial one.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { nodeWriteFs, writeFileAtomic, type WriteFs } from '../../../server/src/node/atomicWrite';
import { ROOT } from '../helpers';

const CLI = path.join(ROOT, 'dist/server/cli.js');
const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });

function tempDir(): string { return fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-write-')); }

test('new file, refusal without --force, replacement with it; the mode of a replaced file is kept', async () => {
  const dir = tempDir();
  try {
    const f = path.join(dir, 'out.kexec');
    assert.deepEqual(await writeFileAtomic(f, 'one\n'), { ok: true });
    assert.equal(fs.readFileSync(f, 'utf8'), 'one\n');
    const refused = await writeFileAtomic(f, 'two\n');
    assert.ok('error' in refused && /already exists; use --force/.test(refused.error));
    assert.equal(fs.readFileSync(f, 'utf8'), 'one\n');
    fs.chmodSync(f, 0o600);
    assert.deepEqual(await writeFileAtomic(f, 'two\n', { force: true }), { ok: true });
    assert.equal(fs.readFileSync(f, 'utf8'), 'two\n');
    assert.equal(fs.statSync(f).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(dir), ['out.kexec']); // no temporary file left
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

test('symlinks: refused without --force (dangling too), never written through; --force replaces the link itself', async () => {
  const dir = tempDir();
  try {
    const victim = path.join(dir, 'victim');
    const link = path.join(dir, 'x.svg');
    fs.symlinkSync(victim, link); // dangling
    const r = await writeFileAtomic(link, 'svg');
    assert.ok('error' in r && /symbolic link/.test(r.error));
    assert.equal(fs.existsSync(victim), false);
    fs.writeFileSync(victim, 'precious');
    assert.deepEqual(await writeFileAtomic(link, 'svg', { force: true }), { ok: true });
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious');
    assert.equal(fs.lstatSync(link).isSymbolicLink(), false);
    assert.equal(fs.readFileSync(link, 'utf8'), 'svg');
    const d = await writeFileAtomic(dir, 'x', { force: true });
    assert.ok('error' in d && /a directory/.test(d.error));
    const dev = await writeFileAtomic('/dev/null', 'x', { force: true });
    assert.ok('error' in dev && /character device/.test(dev.error));
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

test('an injected write error (ENOSPC) leaves the old file intact and no partial or temporary file', async () => {
  const dir = tempDir();
  try {
    const f = path.join(dir, 'map.svg');
    fs.writeFileSync(f, 'old content');
    for (const failing of ['write', 'rename', 'link'] as const) {
      const broken: WriteFs = {
        ...nodeWriteFs,
        [failing]: async (...args: unknown[]) => {
          if (failing === 'write') await (args[0] as fs.promises.FileHandle).write(Buffer.from('partial'));
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      };
      const target = failing === 'link' ? path.join(dir, 'new.svg') : f;
      const r = await writeFileAtomic(target, 'new content '.repeat(1000), { force: failing !== 'link', fs: broken });
      assert.ok('error' in r && /ENOSPC/.test(r.error), failing);
      assert.equal(fs.readFileSync(f, 'utf8'), 'old content', failing);
      assert.deepEqual(fs.readdirSync(dir), ['map.svg'], failing);
    }
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

/** A 64 KiB tmpfs (root only); null where mounting is not allowed. */
function smallTmpfs(): string | null {
  const dir = tempDir();
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
  if (m.status === 0) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  return null;
}

test('a full disk (a 64 KiB tmpfs, or an injected ENOSPC where mount is not allowed): map --out and import -o keep the old file', async () => {
  const mnt = smallTmpfs();
  const dir = mnt ?? tempDir();
  const work = tempDir();
  try {
    // A layout whose map is far over 64 KiB, and an import source whose layout is too.
    const layout = path.join(work, 'big.kexec');
    const lines = ['arch x86_64'];
    for (let i = 0; i < 3000; i++) lines.push(`region 0x${(i * 0x10000 + 0x100000).toString(16)} + 64K ram "r${i}"`);
    fs.writeFileSync(layout, lines.join('\n') + '\n');
    const e820 = path.join(work, 'e820.txt');
    const e = [];
    for (let i = 0; i < 4000; i++) e.push(`BIOS-e820: [mem 0x${(i * 0x2000).toString(16).padStart(16, '0')}-0x${(i * 0x2000 + 0xfff).toString(16).padStart(16, '0')}] usable`);
    fs.writeFileSync(e820, e.join('\n') + '\n');
    const svg = path.join(dir, 'map.svg');
    const kexec = path.join(dir, 'out.kexec');
    fs.writeFileSync(svg, 'old map');
    fs.writeFileSync(kexec, 'old layout');
    if (mnt) {
      const m = cli(['map', layout, '--out', svg, '--force']);
      assert.equal(m.status, 2, m.stderr);
      assert.match(m.stderr, /cannot write .*map\.svg: ENOSPC/);
      const i = cli(['import', e820, '-o', kexec, '--force']);
      assert.equal(i.status, 2, i.stderr);
      assert.match(i.stderr, /cannot write .*out\.kexec: ENOSPC/);
    } else {
      const broken: WriteFs = { ...nodeWriteFs, write: async () => { throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }); } };
      for (const f of [svg, kexec]) {
        const r = await writeFileAtomic(f, 'x'.repeat(200_000), { force: true, fs: broken });
        assert.ok('error' in r && /ENOSPC/.test(r.error));
      }
    }
    assert.equal(fs.readFileSync(svg, 'utf8'), 'old map');
    assert.equal(fs.readFileSync(kexec, 'utf8'), 'old layout');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['map.svg', 'out.kexec']);
  } finally {
    if (mnt) spawnSync('umount', [mnt]);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('CLI: map --out and import -o refuse a dangling symlink without --force and create nothing through it', () => {
  const dir = tempDir();
  try {
    const victim = path.join(dir, 'victim');
    fs.symlinkSync(victim, path.join(dir, 'x.svg'));
    fs.symlinkSync(victim, path.join(dir, 'x.kexec'));
    const m = cli(['map', 'examples/tdx-6.13-initrd-unaccepted.kexec', '--out', path.join(dir, 'x.svg')]);
    assert.equal(m.status, 2);
    assert.match(m.stderr, /exists; pass --force/);
    const i = cli(['import', 'test/fixtures/import/e820-classic.txt', '-o', path.join(dir, 'x.kexec')]);
    assert.equal(i.status, 2);
    assert.match(i.stderr, /already exists; use --force/);
    assert.equal(fs.existsSync(victim), false);
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});
