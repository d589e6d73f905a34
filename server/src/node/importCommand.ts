// `kexec-layout import [--format F] [--snapshot N] [-o out.kexec [--force]] FILE...`
// Prints the layout to stdout in chunks as it is written (or writes -o), what was read per format
// to stderr. Options come parsed (cli.ts). Exit 0 on success, 1 when a file yielded nothing, 2 on
// an unreadable input or a refused/failed write.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { ImportFormat, ImportResult } from '../../../common/src/engine/types';
import { importFile, importStream } from './importFile';
import { layoutChunks, regionLine } from '../../../common/src/import/layoutText';
import type { RegionSink } from '../../../common/src/import/lines';
import type { ImportedRegion } from '../../../common/src/engine/types';
import type { Io } from './cliArgs';
import { openAtomic } from './atomicWrite';
import { showText } from '../../../common/src/features/safeText';

export interface ImportOptions {
  format: ImportFormat | 'auto';
  output?: string;
  force: boolean;
  files: string[];
  /** Byte cap on each input (--max-import-bytes). */
  maxBytes?: number;
  /** Which copy of a file holding several to import (--snapshot N, 1-based); the last by default. */
  snapshot?: number;
}

/** One line for the terminal: controls and bidi characters shown escaped (`\x1b`, `\u202e`). */
const oneLine = showText;

/** `PATH: e820: 14 regions, crashkernel: 1, kexec_file: 4 segments; 312 lines skipped (first at line 3)`. */
function describe(path: string, r: ImportResult): string {
  const first = r.skipped.length > 0 ? ` (first at line ${r.skipped[0].line})` : '';
  const what = r.summary ?? `${r.format}: ${r.regions.length} regions, ${r.unaccepted.length} unaccepted, ` +
    `${r.segments.length} segments; ${r.skippedCount ?? r.skipped.length} lines skipped`;
  return `${oneLine(path)}: ${oneLine(what)}${first} of ${r.linesRead} lines${r.partial ? '; the source elides lines (partial map)' : ''}`;
}

function yieldedNothing(r: ImportResult): boolean {
  return r.regions.length + (r.streamed?.count ?? 0) + r.unaccepted.length + r.segments.length === 0;
}

export async function runImportCommand(opts: ImportOptions, io: Io): Promise<number> {
  try {
    return await run(opts, io);
  } catch (e) {
    // Never a stack trace on the terminal.
    io.stderr(`kexec-layout import: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  }
}

async function run(opts: ImportOptions, io: Io): Promise<number> {
  const { output, force } = opts;

  // Refuse early, before reading anything, when the output exists.
  if (output !== undefined && !force && lexists(output)) {
    io.stderr(`kexec-layout import: ${oneLine(output)} already exists; use --force to overwrite it\n`);
    return 2;
  }

  const spill = new Spill();
  try {
    return await readAndWrite(opts, io, spill);
  } finally {
    spill.close();
  }
}

async function readAndWrite(opts: ImportOptions, io: Io, spill: Spill): Promise<number> {
  const { format, output, force, files, maxBytes, snapshot } = opts;
  const results: { path: string; result: ImportResult }[] = [];
  for (const [index, path] of files.entries()) {
    const sink = (_f: unknown, id: number): RegionSink => spill.open(index, id);
    const r = path === '-' ? await importStream(process.stdin, format, { maxBytes, snapshot, sink }) : await importFile(path, format, { maxBytes, snapshot, sink });
    if ('error' in r) {
      io.stderr(`kexec-layout import: cannot read ${oneLine(path)}: ${oneLine(r.error)}\n`);
      return 2;
    }
    const shown = path === '-' ? '(stdin)' : path;
    results.push({ path: shown, result: r });
    spill.files.set(r, index);
    io.stderr(describe(shown, r) + '\n');
    if (r.corrupt) {
      const c = r.corrupt;
      io.stderr(`${oneLine(shown)}:${c.line}: error: ${c.count === 1 ? '1 corrupt entry' : `${c.count} corrupt entries`} (first: ${oneLine(c.reason)}); the map cannot be trusted\n`);
    }
    for (const w of r.warnings) io.stderr(`${oneLine(shown)}${w.line > 0 ? `:${w.line}` : ''}: warning: ${oneLine(w.message)}\n`);
  }

  const status = results.some(({ result }) => yieldedNothing(result)) ? 1 : 0;
  const streamed = (r: ImportResult): Iterable<Buffer> => spill.replay(r);
  if (output === undefined) {
    for (const chunk of layoutChunks(results, streamed)) {
      if (typeof chunk === 'string') io.stdout(chunk);
      else if (io.stdoutBytes) io.stdoutBytes(chunk);
      else io.stdout(chunk.toString('utf8'));
    }
    return status;
  }
  // Streamed into a temp file beside the target as it is produced, then renamed (or linked, without
  // --force, so the refusal holds even if the file appeared while reading): a failed write (a full
  // disk) leaves the old file and no partial one.
  const file = await openAtomic(output, { force });
  if ('error' in file) {
    io.stderr(`kexec-layout import: cannot write ${oneLine(output)}: ${file.error}\n`);
    return 2;
  }
  let wrote: { ok: true } | { error: string } = { ok: true };
  try {
    for (const chunk of layoutChunks(results, streamed)) {
      wrote = await file.write(chunk);
      if ('error' in wrote) break;
    }
    if (!('error' in wrote)) wrote = await file.commit();
  } finally {
    await file.abort();
  }
  if ('error' in wrote) {
    io.stderr(`kexec-layout import: cannot write ${oneLine(output)}: ${wrote.error}\n`);
    return 2;
  }
  return status;
}

/** Anything at the path, a dangling symlink included. */
function lexists(p: string): boolean {
  try { fs.lstatSync(p); return true; } catch { return false; }
}

/**
 * /proc/iomem regions go to a spill file per copy as they are read (already written as layout
 * lines, unpadded), so memory stays bounded whatever the listing's size; the chosen copy is copied
 * into the output where its regions belong, the others are dropped with the directory.
 */
class Spill {
  readonly files = new Map<ImportResult, number>();
  private dir: string | undefined;
  private readonly sinks = new Map<string, SpillSink>();

  open(file: number, id: number): RegionSink {
    this.dir ??= fs.mkdtempSync(nodePath.join(os.tmpdir(), 'kexec-layout-import-'));
    const sink = new SpillSink(nodePath.join(this.dir, `${file}-${id}.kexec`));
    this.sinks.set(`${file}:${id}`, sink);
    return sink;
  }

  /** The chosen copy's lines, read back in chunks as they are asked for. */
  *replay(r: ImportResult): Generator<Buffer, void, undefined> {
    const file = this.files.get(r);
    const sink = file === undefined || !r.streamed ? undefined : this.sinks.get(`${file}:${r.streamed.id}`);
    if (sink) yield* sink.replay();
  }

  close(): void {
    for (const s of this.sinks.values()) s.closeFd();
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

const SPILL_CHUNK = 1 << 16;
const REPLAY_CHUNK = 1 << 20;

class SpillSink implements RegionSink {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  /** Lines are encoded into this one buffer before each write (a string written whole costs more). */
  private readonly bytes = Buffer.allocUnsafe(SPILL_CHUNK * 3 + 3 * 8192);

  constructor(private readonly file: string) {
    this.fd = fs.openSync(file, 'w+', 0o600);
  }

  add(region: ImportedRegion, start?: number, last?: number): void {
    const line = regionLine(region, 0, 0, start, last);
    this.buf.push(line, '\n');
    this.size += line.length + 1;
    if (this.size >= SPILL_CHUNK) this.flush();
  }

  discard(): void {
    this.buf = [];
    this.size = 0;
    fs.ftruncateSync(this.fd, 0);
  }

  private flush(): void {
    if (this.size === 0) return;
    const text = this.buf.join('');
    this.buf = [];
    this.size = 0;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: the buffer holds a chunk; a longer one is written as a string.
    if (text.length * 3 <= this.bytes.length) fs.writeSync(this.fd, this.bytes, 0, this.bytes.write(text, 0, 'utf8'));
    else fs.writeSync(this.fd, text);
  }

  /**
   * The spilled lines as bytes, in chunks of whole lines (every line ends in \n, so a chunk cut after
   * its last \n decodes alone). One buffer is read into again for each chunk (fresh memory costs a
   * page fault per 4 KiB): the consumer is done with a chunk before it asks for the next.
   */
  *replay(): Generator<Buffer, void, undefined> {
    this.flush();
    let pos = 0;
    const chunk = Buffer.allocUnsafe(REPLAY_CHUNK);
    for (;;) {
      const n = fs.readSync(this.fd, chunk, 0, chunk.length, pos);
      if (n === 0) break;
      // Up to the last whole line read; a line longer than the chunk (none is) would be taken as it is.
      let end = chunk.lastIndexOf(0x0a, n - 1) + 1;
      if (end === 0 || n < chunk.length) end = n;
      pos += end;
      yield chunk.subarray(0, end);
    }
  }

  closeFd(): void {
    try { fs.closeSync(this.fd); } catch { /* already closed */ }
    void this.file;
  }
}
