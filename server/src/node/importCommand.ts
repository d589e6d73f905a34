// `kexec-layout import [--format F] [-o out.kexec [--force]] FILE...`
// Prints the layout to stdout (or writes -o), a one-line summary per file to stderr.
// Exit 0 on success, 2 on a usage error, an unreadable input or a refused/failed write.

import * as fs from 'node:fs';
import { ImportFormat, ImportResult } from '../../../common/src/engine/types';
import { IMPORT_FORMATS } from '../../../common/src/import/read';
import { importFile, importStream, osReason } from './importFile';
import { toLayoutText } from '../../../common/src/import/layoutText';

const USAGE = 'usage: kexec-layout import [--format auto|iomem|e820|efi|memmap|kexec-debug] [-o out.kexec [--force]] FILE...';

interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

interface Options {
  format: ImportFormat | 'auto';
  output?: string;
  force: boolean;
  files: string[];
}

function parseArgs(argv: string[]): Options | { error: string } | 'help' {
  const args = argv[0] === 'import' ? argv.slice(1) : argv;
  const o: Options = { format: 'auto', force: false, files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (name: string): string | { error: string } => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      if (i + 1 >= args.length) return { error: `${name} needs a value` };
      return args[++i];
    };
    if (a === '--') {
      o.files.push(...args.slice(i + 1));
      break;
    } else if (a === '-h' || a === '--help') {
      return 'help';
    } else if (a === '--format' || a.startsWith('--format=') || a === '-f') {
      const v = value('--format');
      if (typeof v !== 'string') return v;
      if (v !== 'auto' && !(IMPORT_FORMATS as readonly string[]).includes(v)) return { error: `unknown format "${v}"` };
      o.format = v as ImportFormat | 'auto';
    } else if (a === '-o' || a === '--output' || a.startsWith('--output=')) {
      const v = value('-o');
      if (typeof v !== 'string') return v;
      o.output = v;
    } else if (a === '--force') {
      o.force = true;
    } else if (a.startsWith('-') && a !== '-') {
      return { error: `unknown option ${a}` };
    } else {
      o.files.push(a);
    }
  }
  if (o.files.length === 0) return { error: 'no input file' };
  if (o.force && o.output === undefined) return { error: '--force only applies with -o' };
  return o;
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

export async function runImportCommand(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    // Never a stack trace on the terminal.
    io.stderr(`kexec-layout import: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if ('error' in parsed) {
    io.stderr(`kexec-layout import: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const { format, output, force, files } = parsed;

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
