// `kexec-layout import [--format F] [-o out.kexec [--force]] FILE...`
// Prints the layout to stdout (or writes -o), a one-line summary per file to stderr.
// Options come parsed (cli.ts). Exit 0 on success, 2 on an unreadable input or a refused/failed write.

import * as fs from 'node:fs';
import { ImportFormat, ImportResult } from '../../../common/src/engine/types';
import { importFile, importStream, osReason } from './importFile';
import { toLayoutText } from '../../../common/src/import/layoutText';
import type { Io } from './cliArgs';

export interface ImportOptions {
  format: ImportFormat | 'auto';
  output?: string;
  force: boolean;
  files: string[];
}

function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

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
  const { format, output, force, files } = opts;

  // Refuse early, before reading anything, when the output exists.
  if (output !== undefined && !force && fs.existsSync(output)) {
    io.stderr(`kexec-layout import: ${oneLine(output)} already exists; use --force to overwrite it\n`);
    return 2;
  }

  const results: { path: string; result: ImportResult }[] = [];
  for (const path of files) {
    const r = path === '-' ? await importStream(process.stdin, format) : await importFile(path, format);
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
  try {
    // `wx` makes the refusal hold even if the file appeared while reading.
    fs.writeFileSync(output, text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (e) {
    const reason = osReason(e);
    io.stderr(`kexec-layout import: cannot write ${oneLine(output)}: ${reason.startsWith('EEXIST') ? 'it already exists; use --force to overwrite it' : reason}\n`);
    return 2;
  }
  return 0;
}
