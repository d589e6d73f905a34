// `kexec-layout check [--format text|json|sarif|github] [--kernel VERSION] FILE...`: check layouts from files (or `-`
// for stdin) and print the findings and the outcome in the format a terminal or CI reads.
// Exit 0 when no error was found, 1 when one was, 2 when a file cannot be read.

import { checkText, hasErrors } from '../../../common/src/features/check';
import { parseVersion } from '../../../common/src/language/parser';
import { toJsonFile, toText, type JsonFile } from '../../../common/src/features/report';
import { explainText } from '../../../common/src/features/explain';
import { fileImportResolver } from './fileImports';
import { UsageError, type Io } from './cliArgs';
import { safeReadText, streamText } from './safeRead';
import { jsonText, showText } from '../../../common/src/features/safeText';
import { checkEntry, toSarif } from '../../../common/src/features/sarif';
import { toGithub } from '../../../common/src/features/githubAnnotations';
import { CHECK_OUTPUT_SCHEMA_URL } from '../../../common/src/features/project';
import { pathToFileURL } from 'node:url';
import type { CheckResult } from '../../../common/src/features/check';
import { version } from './version';

export type CheckFormat = 'text' | 'json' | 'sarif' | 'github';

export interface CheckOptions {
  format: CheckFormat;
  /** Kernel version to check against (`6.13`), validated here. */
  kernel?: string;
  /** Text format: after the findings, the kernel's passes in order (explainText). */
  explain?: boolean;
  files: string[];
  /** Byte cap on the layout and each file it imports (--max-import-bytes). */
  maxBytes?: number;
}

export async function runCheckCommand(opts: CheckOptions, io: Io): Promise<number> {
  if (opts.kernel !== undefined && !parseVersion(opts.kernel)) {
    throw new UsageError(`option '--kernel' needs a kernel version like 6.13 or 6.15-rc2, not '${opts.kernel}'`);
  }
  let status = 0;
  const json: JsonFile[] = [];
  // SARIF is one document about every file, the unreadable ones included.
  const checked: { path: string; result: CheckResult }[] = [];
  const unreadable: { path: string; reason: string }[] = [];
  // Many files: a worker pool (one per core) checks them, results in argument order.
  if (opts.files.length > 1 && !opts.files.includes('-')) {
    const { checkFiles } = await import('./checkPool.js');
    const jobs = opts.files.map((path) => ({ path, format: opts.format, kernel: opts.kernel, explain: opts.explain, maxBytes: opts.maxBytes }));
    await checkFiles(jobs, (_i, o) => {
      if ('error' in o) {
        io.stderr(`kexec-layout: cannot read ${showText(o.path)}: ${cliReason(o.error)}\n`);
        unreadable.push({ path: o.path, reason: cliReason(o.error) });
        status = 2;
        return;
      }
      if (o.errors && status === 0) status = 1;
      if (o.json) json.push(o.json);
      else if (o.result) checked.push({ path: o.path, result: o.result });
      else if (o.text !== undefined) io.stdout(o.text);
    });
  }
  for (const f of opts.files.length > 1 && !opts.files.includes('-') ? [] : opts.files) {
    // The safe reader: a device, FIFO or huge file named here is refused, not read forever.
    const got = f === '-' ? await streamText(process.stdin, { maxBytes: opts.maxBytes }) : await safeReadText(f, { maxBytes: opts.maxBytes });
    if ('error' in got) {
      io.stderr(`kexec-layout: cannot read ${showText(f)}: ${cliReason(got.error)}\n`);
      unreadable.push({ path: f, reason: cliReason(got.error) });
      status = 2;
      continue;
    }
    const text = got.text;
    const result = await checkText(text, fileImportResolver(f === '-' ? null : f, { maxBytes: opts.maxBytes }), { kernelOverride: opts.kernel });
    if (hasErrors(result) && status === 0) status = 1;
    if (opts.format === 'json') json.push(toJsonFile(f, result));
    else if (opts.format === 'sarif') checked.push({ path: f, result });
    else if (opts.format === 'github') io.stdout(toGithub(f, result));
    else io.stdout(toText(f, result) + (opts.explain ? explainText(f, result) : ''));
  }
  // The same JSON value, with C1 and bidi characters written as \u escapes for the terminal.
  if (opts.format === 'json') io.stdout(jsonText({ $schema: CHECK_OUTPUT_SCHEMA_URL, version: 1, files: json }, 2) + '\n');
  if (opts.format === 'sarif') {
    const srcRoot = pathToFileURL(process.cwd() + '/').href;
    io.stdout(jsonText(toSarif({ files: checked.map((c) => checkEntry(c.path, c.result)), unreadable, toolVersion: version(), srcRoot }), 2) + '\n');
  }
  return status;
}

/** The safe reader's `ENOENT: no such file or directory` as the CLI words it: `no such file or directory (ENOENT)`. */
export function cliReason(r: string): string {
  const m = /^([A-Z][A-Z0-9]+): (.*)$/s.exec(r);
  return m ? `${m[2]} (${m[1]})` : r;
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
