// Every file the tool writes goes through here: the new content goes to a temporary file beside
// the target, is flushed, and only then replaces the target in one rename. So a full disk or a
// failed write leaves the old file intact and no partial one, and a symlink is never written
// through (a forced write replaces the link itself, not what it points at).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { osReason } from './safeRead';

/** The file-system calls used, replaceable so a test can inject a failure (a full disk). */
export interface WriteFs {
  lstat(p: string): Promise<fs.Stats>;
  open(p: string, flags: string, mode?: number): Promise<fs.promises.FileHandle>;
  write(h: fs.promises.FileHandle, data: Buffer): Promise<void>;
  link(from: string, to: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(p: string): Promise<void>;
}

export const nodeWriteFs: WriteFs = {
  lstat: (p) => fs.promises.lstat(p),
  open: (p, flags, mode) => fs.promises.open(p, flags, mode),
  write: async (h, data) => { await h.writeFile(data); },
  link: (a, b) => fs.promises.link(a, b),
  rename: (a, b) => fs.promises.rename(a, b),
  unlink: (p) => fs.promises.unlink(p),
};

export interface AtomicWriteOptions {
  /** Replace an existing file (or a symlink, the link itself). Without it an existing target is refused. */
  force?: boolean;
  fs?: WriteFs;
}

function kindWord(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * Writes `data` to `target` atomically. Never throws; `{ error }` carries a one-line reason
 * (without the path). Refused without `force`: an existing file, a symlink (dangling or not).
 * Refused always: a directory, device, FIFO or socket.
 */
export async function writeFileAtomic(target: string, data: string | Buffer, opts: AtomicWriteOptions = {}): Promise<{ ok: true } | { error: string }> {
  const file = await openAtomic(target, opts);
  if ('error' in file) return file;
  const wrote = await file.write(data);
  if ('error' in wrote) return wrote;
  return file.commit();
}

/**
 * A file being written atomically, piece by piece (a layout of millions of lines is never one
 * string): the pieces go to the temporary file beside the target; commit() flushes it and only then
 * puts it in place; a failed write or abort() removes it and leaves the target as it was.
 */
export interface AtomicFile {
  /** Appends to the temporary file; on an error the file is already removed (nothing to abort). */
  write(data: string | Buffer): Promise<{ ok: true } | { error: string }>;
  /** fsync, close, then rename (with force) or link (without: refused if the target appeared meanwhile). */
  commit(): Promise<{ ok: true } | { error: string }>;
  /** Removes the temporary file; the target is untouched. */
  abort(): Promise<void>;
}

/** Checks the target as writeFileAtomic does and creates the temporary file; never throws. */
export async function openAtomic(target: string, opts: AtomicWriteOptions = {}): Promise<AtomicFile | { error: string }> {
  const wfs = opts.fs ?? nodeWriteFs;
  const force = !!opts.force;
  let mode: number | undefined;
  let existing: fs.Stats | undefined;
  try {
    existing = await wfs.lstat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException)?.code !== 'ENOENT') return { error: osReason(e) };
  }
  if (existing) {
    if (existing.isSymbolicLink()) {
      if (!force) return { error: 'it is a symbolic link; not written through (use --force to replace the link itself with a file)' };
    } else if (!existing.isFile()) {
      return { error: `it is ${kindWord(existing)}, not a regular file; not replaced` };
    } else {
      if (!force) return { error: 'it already exists; use --force to overwrite it' };
      mode = existing.mode & 0o7777;
    }
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.promises.FileHandle | undefined;
  let done = false;
  const fail = async (e: unknown): Promise<{ error: string }> => {
    done = true;
    if (handle) await handle.close().catch(() => undefined);
    handle = undefined;
    await wfs.unlink(tmp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'EEXIST' && !force) return { error: 'it already exists; use --force to overwrite it' };
    return { error: osReason(e) };
  };
  try {
    // `wx`: O_CREAT|O_EXCL, which never follows a symlink planted at the temporary name.
    handle = await wfs.open(tmp, 'wx', mode ?? 0o666);
  } catch (e) {
    return fail(e);
  }
  const file: AtomicFile = {
    async write(data) {
      if (done || !handle) return { error: 'the file was already closed' };
      try {
        await wfs.write(handle, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
        return { ok: true };
      } catch (e) {
        return fail(e);
      }
    },
    async commit() {
      if (done || !handle) return { error: 'the file was already closed' };
      try {
        await handle.sync();
        await handle.close();
        handle = undefined;
        if (force) {
          await wfs.rename(tmp, target);
        } else {
          // link() fails with EEXIST if the target appeared meanwhile: the refusal holds without a race.
          try {
            await wfs.link(tmp, target);
            await wfs.unlink(tmp).catch(() => undefined);
          } catch (e) {
            const code = (e as NodeJS.ErrnoException)?.code;
            if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
            // A file system without hard links: check once more, then rename (a narrow race, not none).
            const again = await wfs.lstat(target).then(() => true, () => false);
            if (again) throw Object.assign(new Error('EEXIST: file already exists'), { code: 'EEXIST' });
            await wfs.rename(tmp, target);
          }
        }
      } catch (e) {
        return fail(e);
      }
      done = true;
      // Make the rename itself durable; not all file systems allow fsync on a directory.
      try {
        const dir = await fs.promises.open(path.dirname(target), 'r');
        await dir.sync().catch(() => undefined);
        await dir.close();
      } catch { /* best effort */ }
      return { ok: true };
    },
    async abort() {
      if (done) return;
      done = true;
      if (handle) await handle.close().catch(() => undefined);
      handle = undefined;
      await wfs.unlink(tmp).catch(() => undefined);
    },
  };
  return file;
}
