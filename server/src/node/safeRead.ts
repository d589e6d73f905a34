// The one way the Node host reads a file a layout or a command names (imports, kernel images,
// initrds): refuse what is not a regular file before opening it, never block in open(), never
// hold more than a cap, never throw. Every failure is `{ error }` with a one-line reason.

import * as fs from 'node:fs';
import { isAscii } from 'node:buffer';

/** Default cap on the bytes read from one file (`kexecLayout.import.maxBytes`, `--max-import-bytes`). */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** No memory-map line comes near this; a longer line is cut here, never buffered whole. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
const CHUNK = 64 * 1024;

export interface SafeReadOptions {
  /** Refuse a file larger than this; stop reading once this many bytes came (files in /proc say size 0). */
  maxBytes?: number;
  /** Cancels the read; the answer is then `{ error: 'cancelled' }`. */
  signal?: AbortSignal;
}

export interface LineOptions extends SafeReadOptions {
  maxLineBytes?: number;
}

export type ReadError = { error: string };

/** The OS reason of a failed call, on one line: `ENOENT: no such file or directory`. */
export function osReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException | undefined;
  const message = err && typeof err.message === 'string' ? err.message : String(e);
  // Node appends `, open '/path'` or `, read`; the caller names the path (and the act) itself.
  const reason = message.replace(/, \w+(?: '.*')?$/s, '').replace(/[\r\n]+/g, ' ').trim();
  return reason || (err?.code ?? 'unknown error');
}

/** `1.5 GiB`: sizes in reasons. */
export function sizeWords(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return i === 0 ? `${n} bytes` : `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}

function kindOf(st: fs.Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'EISDIR: illegal operation on a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe), not a regular file; not opened';
  if (st.isSocket()) return 'a socket, not a regular file; not opened';
  if (st.isCharacterDevice()) return 'a character device, not a regular file; not opened';
  if (st.isBlockDevice()) return 'a block device, not a regular file; not opened';
  return 'not a regular file; not opened';
}

function tooBig(size: number, max: number): string {
  return `the file is ${sizeWords(size)}, over the ${sizeWords(max)} limit (kexecLayout.import.maxBytes, --max-import-bytes)`;
}

const CANCELLED: ReadError = { error: 'cancelled' };

/**
 * Opens a regular file for reading: lstat (and stat through a symlink, so a loop is ELOOP) to
 * refuse other kinds unopened; O_NONBLOCK so a file swapped for a FIFO meanwhile cannot block;
 * then fstat of the open file must be the same regular file.
 */
async function openRegular(path: string, opts: SafeReadOptions): Promise<{ handle: fs.promises.FileHandle; size: number } | ReadError> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let st: fs.Stats;
  try {
    st = await fs.promises.lstat(path);
    if (st.isSymbolicLink()) st = await fs.promises.stat(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err?.code === 'ELOOP') return { error: 'ELOOP: too many levels of symbolic links (a symbolic link loop)' };
    return { error: osReason(e) };
  }
  const kind = kindOf(st);
  if (kind) return { error: kind };
  if (st.size > max) return { error: tooBig(st.size, max) };
  if (opts.signal?.aborted) return CANCELLED;
  let handle: fs.promises.FileHandle;
  try {
    const c = fs.constants;
    handle = await fs.promises.open(path, c.O_RDONLY | c.O_NONBLOCK | c.O_NOCTTY);
  } catch (e) {
    return { error: osReason(e) };
  }
  try {
    const now = await handle.stat();
    const changed = kindOf(now) ?? (now.ino !== st.ino || now.dev !== st.dev ? 'the file changed while it was being opened' : null);
    if (changed) { await handle.close().catch(() => undefined); return { error: changed }; }
    if (now.size > max) { await handle.close().catch(() => undefined); return { error: tooBig(now.size, max) }; }
    return { handle, size: now.size };
  } catch (e) {
    await handle.close().catch(() => undefined);
    return { error: osReason(e) };
  }
}

/** Reads a regular file chunk by chunk (the chunk buffer is reused: copy what you keep). */
export async function safeReadChunks(path: string, onChunk: (chunk: Buffer) => void, opts: SafeReadOptions = {}): Promise<{ bytes: number } | ReadError> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const opened = await openRegular(path, opts);
  if ('error' in opened) return opened;
  const { handle } = opened;
  const buf = Buffer.allocUnsafe(CHUNK);
  let bytes = 0;
  try {
    for (;;) {
      if (opts.signal?.aborted) return CANCELLED;
      // One byte past the cap tells "exactly at the cap" from "over it" (files in /proc say size 0).
      const want = Math.min(CHUNK, max - bytes + 1);
      const { bytesRead } = await handle.read(buf, 0, want, bytes);
      if (bytesRead === 0) return { bytes };
      if (bytes + bytesRead > max) return { error: `read stopped at the ${sizeWords(max)} limit (kexecLayout.import.maxBytes, --max-import-bytes)` };
      bytes += bytesRead;
      onChunk(buf.subarray(0, bytesRead));
    }
  } catch (e) {
    return { error: osReason(e) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The whole file, for binary inputs (kernel images, initrds), under the byte cap. */
export async function safeReadBytes(path: string, opts: SafeReadOptions = {}): Promise<{ data: Buffer } | ReadError> {
  const parts: Buffer[] = [];
  const r = await safeReadChunks(path, (c) => parts.push(Buffer.from(c)), opts);
  return 'error' in r ? r : { data: Buffer.concat(parts) };
}

/** Buffer's own latin1 decoder (what toString('latin1', a, b) calls), without the argument checks. */
type Latin1Slice = Buffer & { latin1Slice(start: number, end: number): string };

/**
 * Splits bytes into lines at `\r\n`, `\n` or a lone `\r` (as forEachLine in common/src/import/lines.ts
 * does on text). A line past maxLineBytes is kept only up to the cap; the rest is dropped as it comes.
 * A line that lies whole in one chunk is decoded straight from it (latin1 when the chunk is ASCII, the
 * same string); only a line split across chunks (or cut) is gathered from copied parts.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private held = 0;
  private cut = false;
  private pendingCr = false;
  private started = false;
  lines = 0;

  constructor(private readonly onLine: (line: string, lineNo: number) => void, private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES) {}

  push(chunk: Buffer): void {
    let pos = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (chunk.length > 0 && chunk[0] === 0x0a) pos = 1; // the \n of a \r\n split across chunks
    }
    const ascii = isAscii(chunk);
    const len = chunk.length;
    // Next \n and \r at or after pos (-1: none left in the chunk), found by the native indexOf.
    let nl = chunk.indexOf(0x0a, pos);
    let cr = chunk.indexOf(0x0d, pos);
    while (nl >= 0 || cr >= 0) {
      const i = cr >= 0 && (nl < 0 || cr < nl) ? cr : nl;
      if (!this.started && i - pos <= this.maxLineBytes) {
        // The whole line is in this chunk: one decode, no copy.
        this.lines++;
        this.onLine(ascii ? (chunk as Latin1Slice).latin1Slice(pos, i) : chunk.toString('utf8', pos, i), this.lines);
      } else {
        this.take(chunk, pos, i);
        this.emit();
      }
      let next = i + 1;
      if (i === cr) {
        if (next < len) { if (chunk[next] === 0x0a) next++; } else this.pendingCr = true;
        cr = chunk.indexOf(0x0d, i + 1);
      }
      if (nl >= 0 && nl < next) nl = chunk.indexOf(0x0a, next);
      pos = next;
    }
    this.take(chunk, pos, len);
  }

  end(): void {
    if (this.started) this.emit();
  }

  private take(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    this.started = true;
    const room = this.maxLineBytes - this.held;
    if (room <= 0) { this.cut = true; return; }
    const n = Math.min(room, to - from);
    this.parts.push(Buffer.from(chunk.subarray(from, from + n)));
    this.held += n;
    if (n < to - from) this.cut = true;
  }

  private emit(): void {
    const line = this.parts.length === 1 ? this.parts[0].toString('utf8') : Buffer.concat(this.parts).toString('utf8');
    this.parts = [];
    this.held = 0;
    this.cut = false;
    this.started = false;
    this.onLine(line, ++this.lines);
  }
}

/** Reads a regular file line by line (see LineSplitter), under the byte cap. */
export async function safeReadLines(
  path: string, onLine: (line: string, lineNo: number) => void, opts: LineOptions = {},
): Promise<{ bytes: number; lines: number } | ReadError> {
  const split = new LineSplitter(onLine, opts.maxLineBytes);
  const r = await safeReadChunks(path, (c) => split.push(c), opts);
  if ('error' in r) return r;
  split.end();
  return { bytes: r.bytes, lines: split.lines };
}

/** The same for a stream (stdin): bounded lines, the byte cap, cancellation; errors as reasons. */
export async function streamLines(
  input: AsyncIterable<Buffer | string>, onLine: (line: string, lineNo: number) => void, opts: LineOptions = {},
): Promise<{ bytes: number; lines: number } | ReadError> {
  const split = new LineSplitter(onLine, opts.maxLineBytes);
  const r = await streamChunks(input, opts, (chunk) => split.push(chunk));
  if ('error' in r) return r;
  split.end();
  return { bytes: r.bytes, lines: split.lines };
}

/** Feeds a stream's chunks as bytes under the byte cap, honouring cancellation; errors as reasons. */
async function streamChunks(input: AsyncIterable<Buffer | string>, opts: SafeReadOptions, onChunk: (chunk: Buffer) => void): Promise<{ bytes: number } | ReadError> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes = 0;
  try {
    for await (const c of input) {
      if (opts.signal?.aborted) return CANCELLED;
      const chunk = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
      bytes += chunk.length;
      if (bytes > max) return { error: `read stopped at the ${sizeWords(max)} limit (kexecLayout.import.maxBytes, --max-import-bytes)` };
      onChunk(chunk);
    }
  } catch (e) {
    return { error: osReason(e) };
  }
  return { bytes };
}

/** A layout file as text (UTF-8), through the same checks and cap. */
export async function safeReadText(path: string, opts: SafeReadOptions = {}): Promise<{ text: string } | ReadError> {
  const r = await safeReadBytes(path, opts);
  return 'error' in r ? r : { text: r.data.toString('utf8') };
}

/** A whole stream (stdin) as text, under the byte cap. */
export async function streamText(input: AsyncIterable<Buffer | string>, opts: SafeReadOptions = {}): Promise<{ text: string } | ReadError> {
  const parts: Buffer[] = [];
  const r = await streamChunks(input, opts, (chunk) => parts.push(chunk));
  return 'error' in r ? r : { text: Buffer.concat(parts).toString('utf8') };
}
