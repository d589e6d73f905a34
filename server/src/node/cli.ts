#!/usr/bin/env node
// kexec-layout: check layouts, import memory maps, draw the memory map — for terminals and CI.

import { readFile } from 'node:fs/promises';
import { checkText, hasErrors } from '../../../common/src/features/check';
import { toJsonFile, toText, type JsonFile } from '../../../common/src/features/report';
import { fileImportResolver } from './fileImports';
import { runImportCommand } from './importCommand';
import { runMapCommand } from './mapCommand';

const USAGE = `usage:
  kexec-layout check [--format text|json] [--kernel VERSION] FILE...
  kexec-layout import [--format auto|iomem|e820|efi|memmap|kexec-debug] [-o OUT.kexec [--force]] FILE...
  kexec-layout map FILE --out MAP.svg|MAP.html [--force]
exit status: 0 no error found, 1 an error found, 2 usage error or unreadable input`;

export interface Io { stdout(s: string): void; stderr(s: string): void }

export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'check': return check(rest, io);
    case 'import': return runImportCommand(rest, io);
    case 'map': return runMapCommand(rest, io);
    case '-h': case '--help': case 'help': io.stdout(USAGE + '\n'); return 0;
    default:
      io.stderr(`kexec-layout: ${cmd ? `unknown command '${cmd}'` : 'no command given'}\n${USAGE}\n`);
      return 2;
  }
}

async function check(args: string[], io: Io): Promise<number> {
  let format = 'text';
  let kernel: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a === '-f') format = args[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice(9);
    else if (a === '--kernel') kernel = args[++i];
    else if (a.startsWith('--kernel=')) kernel = a.slice(9);
    else if (a === '--') files.push(...args.slice(i + 1)), (i = args.length);
    else if (a.startsWith('-') && a !== '-') { io.stderr(`kexec-layout check: unknown option '${a}'\n${USAGE}\n`); return 2; }
    else files.push(a);
  }
  if (format !== 'text' && format !== 'json') { io.stderr(`kexec-layout check: --format must be text or json, not '${format}'\n`); return 2; }
  if (!files.length) { io.stderr(`kexec-layout check: no FILE given\n${USAGE}\n`); return 2; }
  let status = 0;
  const json: JsonFile[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(f === '-' ? '/dev/stdin' : f, 'utf8');
    } catch (e) {
      io.stderr(`kexec-layout: cannot read ${f}: ${reason(e)}\n`);
      status = 2;
      continue;
    }
    const result = await checkText(text, fileImportResolver(f === '-' ? null : f), { kernel });
    if (hasErrors(result) && status === 0) status = 1;
    if (format === 'json') json.push(toJsonFile(f, result));
    else io.stdout(toText(f, result));
  }
  if (format === 'json') io.stdout(JSON.stringify({ version: 1, files: json }, null, 2) + '\n');
  return status;
}

export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') {
    const m = /^[A-Z]+: ([^,]+)/.exec(err.message ?? '');
    return `${m ? m[1] : err.message} (${err.code})`;
  }
  return e instanceof Error ? e.message : String(e);
}

if (require.main === module) {
  const out = (s: string) => process.stdout.write(s);
  const err = (s: string) => process.stderr.write(s);
  main(process.argv.slice(2), { stdout: out, stderr: err })
    .then((code) => { process.exitCode = code; })
    .catch((e) => { err(`kexec-layout: internal error: ${e instanceof Error ? e.message : String(e)}\n`); process.exitCode = 2; });
}
