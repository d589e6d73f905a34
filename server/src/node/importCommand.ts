// `kexec-layout import [--format F] [-o out.kexec [--force]] FILE...`
// Prints the layout to stdout (or writes -o), a one-line summary per file to stderr.
// Options come parsed (cli.ts). Exit 0 on success, 2 on an unreadable input or a refused/failed write.

import * as fs from 'node:fs';
import { ImportFormat, ImportResult } from '../../../common/src/engine/types';
import { importFile, importStream } from './importFile';
import { toLayoutText } from '../../../common/src/import/layoutText';
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
}

/** One line for the terminal: controls and bidi characters shown escaped (`\x1b`, `\u202e`). */
const oneLine = showText;

function describe(path: string, r: ImportResult): string {
  const first = r.skipped.length > 0 ? ` (first at line ${r.skipped[0].line})` : '';
  return `${oneLine(path)}: read as ${r.format}: ${r.regions.length} regions, ${r.unaccepted.length} unaccepted, ` +
    `${r.segments.length} segments; ${r.skipped.length} of ${r.linesRead} lines skipped${first}`;
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
  const { format, output, force, files, maxBytes } = opts;

  // Refuse early, before reading anything, when the output exists.
  if (output !== undefined && !force && lexists(output)) {
    io.stderr(`kexec-layout import: ${oneLine(output)} already exists; use --force to overwrite it\n`);
    return 2;
  }

  const results: { path: string; result: ImportResult }[] = [];
  for (const path of files) {
    const r = path === '-' ? await importStream(process.stdin, format, { maxBytes }) : await importFile(path, format, { maxBytes });
    if ('error' in r) {
      io.stderr(`kexec-layout import: cannot read ${oneLine(path)}: ${oneLine(r.error)}\n`);
      return 2;
    }
    const shown = path === '-' ? '(stdin)' : path;
    results.push({ path: shown, result: r });
    io.stderr(describe(shown, r) + '\n');
    for (const w of r.warnings) io.stderr(`${oneLine(shown)}${w.line > 0 ? `:${w.line}` : ''}: warning: ${oneLine(w.message)}\n`);
  }

  const text = toLayoutText(results);
  if (output === undefined) {
    io.stdout(text);
    return 0;
  }
  // Temp file beside the target, then rename (or link, without --force, so the refusal holds even
  // if the file appeared while reading): a failed write leaves the old file and no partial one.
  const wrote = await writeFileAtomic(output, text, { force });
  if ('error' in wrote) {
    io.stderr(`kexec-layout import: cannot write ${oneLine(output)}: ${wrote.error}\n`);
    return 2;
  }
  return 0;
}

/** Anything at the path, a dangling symlink included. */
function lexists(p: string): boolean {
  try { fs.lstatSync(p); return true; } catch { return false; }
}
