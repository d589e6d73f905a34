// `kexec-layout check [--format F] [--kernel VERSION] FILE...`: check layouts from files (or `-`
// for stdin) and print the findings and the outcome in the format a terminal or CI reads.
// Exit 0 when no error was found, 1 when one was, 2 when a file cannot be read.

import { readFile } from 'node:fs/promises';
import { checkText, hasErrors } from '../../../common/src/features/check';
import { parseVersion } from '../../../common/src/language/parser';
import { toJsonFile, toText, type JsonFile } from '../../../common/src/features/report';
import { fileImportResolver } from './fileImports';
import { UsageError, type Io } from './cliArgs';

export type CheckFormat = 'text' | 'json';

export interface CheckOptions {
  format: CheckFormat;
  /** Kernel version to check against (`6.13`), validated here. */
  kernel?: string;
  files: string[];
}

export async function runCheckCommand(opts: CheckOptions, io: Io): Promise<number> {
  if (opts.kernel !== undefined && !parseVersion(opts.kernel)) {
    throw new UsageError(`option '--kernel' needs a kernel version like 6.13 or 6.15-rc2, not '${opts.kernel}'`);
  }
  let status = 0;
  const json: JsonFile[] = [];
  for (const f of opts.files) {
    let text: string;
    try {
      text = await readFile(f === '-' ? '/dev/stdin' : f, 'utf8');
    } catch (e) {
      io.stderr(`kexec-layout: cannot read ${f}: ${reason(e)}\n`);
      status = 2;
      continue;
    }
    const result = await checkText(text, fileImportResolver(f === '-' ? null : f), { kernel: opts.kernel });
    if (hasErrors(result) && status === 0) status = 1;
    if (opts.format === 'json') json.push(toJsonFile(f, result));
    else io.stdout(toText(f, result));
  }
  if (opts.format === 'json') io.stdout(JSON.stringify({ version: 1, files: json }, null, 2) + '\n');
  return status;
}

/** An OS error on one line: `no such file or directory (ENOENT)`. */
export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') {
    const m = /^[A-Z]+: ([^,]+)/.exec(err.message ?? '');
    return `${m ? m[1] : err.message} (${err.code})`;
  }
  return e instanceof Error ? e.message : String(e);
}
