// `kexec-layout import [--format F] [--snapshot N] [-o out.kexec [--force]] FILE...`
// Prints the layout to stdout in chunks as it is written (or writes -o), what was read per format
// to stderr. Options come parsed (cli.ts). Exit 0 on success, 1 when a file yielded nothing, 2 on
// an unreadable input or a refused/failed write.

import * as fs from 'node:fs';
import { ImportFormat, ImportResult } from '../../../common/src/engine/types';
import { importFile, importStream } from './importFile';
import { writeLayout } from '../../../common/src/import/layoutText';
import type { Io } from './cliArgs';
import { writeFileAtomic } from './atomicWrite';
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
    `${r.segments.length} segments; ${r.skipped.length} lines skipped`;
  return `${oneLine(path)}: ${oneLine(what)}${first} of ${r.linesRead} lines${r.partial ? '; the source elides lines (partial map)' : ''}`;
}

function yieldedNothing(r: ImportResult): boolean {
  return r.regions.length + r.unaccepted.length + r.segments.length === 0;
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
  const { format, output, force, files, maxBytes, snapshot } = opts;

  // Refuse early, before reading anything, when the output exists.
  if (output !== undefined && !force && lexists(output)) {
    io.stderr(`kexec-layout import: ${oneLine(output)} already exists; use --force to overwrite it\n`);
    return 2;
  }

  const results: { path: string; result: ImportResult }[] = [];
  for (const path of files) {
    const r = path === '-' ? await importStream(process.stdin, format, { maxBytes, snapshot }) : await importFile(path, format, { maxBytes, snapshot });
    if ('error' in r) {
      io.stderr(`kexec-layout import: cannot read ${oneLine(path)}: ${oneLine(r.error)}\n`);
      return 2;
    }
    const shown = path === '-' ? '(stdin)' : path;
    results.push({ path: shown, result: r });
    io.stderr(describe(shown, r) + '\n');
    if (r.corrupt) {
      const c = r.corrupt;
      io.stderr(`${oneLine(shown)}:${c.line}: error: ${c.count === 1 ? '1 corrupt entry' : `${c.count} corrupt entries`} (first: ${oneLine(c.reason)}); the map cannot be trusted\n`);
    }
    for (const w of r.warnings) io.stderr(`${oneLine(shown)}${w.line > 0 ? `:${w.line}` : ''}: warning: ${oneLine(w.message)}\n`);
  }

  const status = results.some(({ result }) => yieldedNothing(result)) ? 1 : 0;
  if (output === undefined) {
    writeLayout(results, (chunk) => io.stdout(chunk));
    return status;
  }
  // The atomic writer takes the whole content (it writes a temp file and renames it).
  const chunks: string[] = [];
  writeLayout(results, (chunk) => chunks.push(chunk));
  const text = chunks.join('');
  // Temp file beside the target, then rename (or link, without --force, so the refusal holds even
  // if the file appeared while reading): a failed write leaves the old file and no partial one.
  const wrote = await writeFileAtomic(output, text, { force });
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
