#!/usr/bin/env node
// kexec-layout: check layouts, import memory maps, draw the memory map — for terminals and CI.
// COMMANDS is the one table of commands and options: parsing, `--help` and usage errors all
// come from it (cliArgs.ts). Each command's code is loaded only when that command runs.

import * as fs from 'node:fs';
import { IMPORT_FORMATS } from '../../../common/src/language/ast';
import { commandHelp, isUsageError, parseCommand, synopsis, UsageError, type CommandSpec, type Io, type OptionSpec, type Parsed } from './cliArgs';
import { parseNumber } from '../../../common/src/language/numbers';
import { version } from './version';

export type { Io } from './cliArgs';

const PROG = 'kexec-layout';

const EXIT_STATUS = 'exit status: 0 no error found, 1 an error found, 2 usage error or unreadable input';

const str = (a: Parsed, name: string): string | undefined => a.values[name] as string | undefined;
const flag = (a: Parsed, name: string): boolean => a.values[name] === true;

/** `--max-import-bytes SIZE` (`1048576`, `64M`, `1GiB`, `0x1000`): the safe reader's byte cap. */
function maxBytes(a: Parsed): number | undefined {
  const v = str(a, 'max-import-bytes');
  if (v === undefined) return undefined;
  const n = parseNumber(v);
  if (!n.ok || n.value === 0n || n.value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new UsageError(`option '--max-import-bytes' needs a size in bytes like 1048576, 64M or 1GiB, not '${v}'`);
  }
  return Number(n.value);
}
/** `--snapshot N`: a 1-based copy number. */
function snapshotNumber(a: Parsed): number | undefined {
  const v = str(a, 'snapshot');
  if (v === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(v)) throw new UsageError(`option '--snapshot' needs a copy number 1, 2, 3…, not '${v}'`);
  return Number(v);
}

const MAX_IMPORT_BYTES: OptionSpec = { type: 'string', value: 'SIZE', help: 'refuse any input or imported file larger than SIZE bytes (default 256M)' };

/**
 * Every command. To add one: an entry here whose `run` imports its module (`./xCommand`) and
 * calls `runXCommand(options, io)` with typed options built from `a`. To add an option: a line
 * in `options`; `--help` and the usage errors follow.
 */
export const COMMANDS: Record<string, CommandSpec> = {
  check: {
    summary: 'Check layouts (.kexec files; - reads stdin) as the kernel would load them: every finding, then the outcome.',
    args: 'FILE...',
    positionals: { min: 1, max: Infinity },
    options: {
      format: { type: 'string', short: 'f', value: 'FORMAT', choices: ['text', 'json', 'sarif', 'github'], default: 'text', help: 'output format: compiler-style lines, JSON (schemas/check-output.schema.json), SARIF 2.1.0, or GitHub Actions annotations' },
      kernel: { type: 'string', value: 'VERSION', help: 'kernel version to check against, e.g. 6.13 (decides whether destinations are accepted at load)' },
      explain: { type: 'boolean', help: "text format: print the kernel's checks in the kernel's order, each with its verdict and the segments it looked at" },
      'max-import-bytes': MAX_IMPORT_BYTES,
    },
    details: EXIT_STATUS,
    run: async (a, io) => (await import('./checkCommand.js')).runCheckCommand({
      format: str(a, 'format') as 'text' | 'json' | 'sarif' | 'github',
      kernel: str(a, 'kernel'),
      explain: flag(a, 'explain'),
      files: a.positionals,
      maxBytes: maxBytes(a),
    }, io),
  },
  import: {
    summary: 'Turn memory maps (/proc/iomem, e820, EFI, memmap=, kexec --debug; - reads stdin) into a layout.',
    args: 'FILE...',
    positionals: { min: 1, max: Infinity },
    options: {
      format: { type: 'string', short: 'f', value: 'FORMAT', choices: IMPORT_FORMATS, default: 'auto', help: 'input format' },
      output: { type: 'string', short: 'o', value: 'OUT.kexec', help: 'write the layout to this file instead of stdout' },
      force: { type: 'boolean', requires: 'output', help: 'overwrite OUT.kexec if it exists' },
      snapshot: { type: 'string', value: 'N', help: 'which copy to import of a file holding several (1 = the first; default: the last)' },
      'max-import-bytes': MAX_IMPORT_BYTES,
    },
    details: 'Every line is tried with every reader, so a mixed log imports every part; a file with several copies\n(snapshots, loads) imports the last unless --snapshot N. The layout goes to stdout (or --output), what was\nread per format to stderr.\nexit status: 0 imported, 1 a file yielded nothing, 2 usage error, unreadable input or refused write',
    run: async (a, io) => (await import('./importCommand.js')).runImportCommand({
      format: str(a, 'format') as (typeof IMPORT_FORMATS)[number],
      output: str(a, 'output'),
      force: flag(a, 'force'),
      files: a.positionals,
      maxBytes: maxBytes(a),
      snapshot: snapshotNumber(a),
    }, io),
  },
  map: {
    summary: 'Draw the memory map of a layout, as the editor shows it, to an SVG or a standalone HTML file.',
    args: 'FILE',
    positionals: { min: 1, max: 1 },
    options: {
      out: { type: 'string', short: 'o', value: 'MAP.svg|MAP.html', required: true, help: 'the file to write' },
      force: { type: 'boolean', help: 'overwrite the output if it exists' },
      kernel: { type: 'string', value: 'VERSION', help: 'kernel version to check against, e.g. 6.13' },
      'max-import-bytes': MAX_IMPORT_BYTES,
    },
    details: 'exit status: 0 written, 2 usage error, unreadable input or refused write',
    run: async (a, io) => (await import('./mapCommand.js')).runMapCommand({
      file: a.positionals[0],
      out: str(a, 'out')!,
      force: flag(a, 'force'),
      kernel: str(a, 'kernel'),
      maxBytes: maxBytes(a),
    }, io),
  },
  plan: {
    summary: "Where kexec -l (kexec-tools) and kexec -s -l (the kernel's loader) would put a bzImage64's segments on a layout's memory map, and the outcome.",
    args: '',
    positionals: { min: 0, max: 0 },
    options: {
      'kernel-image': { type: 'string', value: 'PATH', help: 'the bzImage (its header is read: setup_sects, init_size, kernel_alignment, pref_address, cmdline_size)' },
      'kernel-size': { type: 'string', value: 'N', help: "the image file's length (default: the file's, unless it holds only the header)" },
      'init-size': { type: 'string', value: 'N', help: 'init_size (instead of or over the header)' },
      'kernel-align': { type: 'string', value: 'N', help: 'kernel_alignment (default 2M)' },
      'pref-address': { type: 'string', value: 'A', help: 'pref_address (default 0x1000000)' },
      'setup-sects': { type: 'string', value: 'N', help: 'setup_sects (default 39)' },
      initrd: { type: 'string', value: 'PATH', help: 'the initrd (read for its size)' },
      'initrd-size': { type: 'string', value: 'N', help: "the initrd's size" },
      cmdline: { type: 'string', value: 'TEXT', help: 'the command line' },
      'cmdline-size': { type: 'string', value: 'N', help: 'the command line length, NUL included' },
      'purgatory-size': { type: 'string', value: 'N', help: "the purgatory's memsz (default: the kernel's 20K, kexec-tools' 36K)" },
      'efi-map-size': { type: 'string', value: 'N', help: 'the EFI runtime map size (default 0: no EFI segments)' },
      'setup-size': { type: 'string', value: 'N', help: "kexec-tools' real-mode data + command line segment (default: its formula)" },
      'elfcorehdr-size': { type: 'string', value: 'N', help: 'crash loads: the ELF core header segment (defaults: kernel 0x71000, kexec-tools 16K)' },
      crash: { type: 'boolean', help: 'a crash (kdump) load: kexec -p / kexec -s -p' },
      syscall: { type: 'string', value: 'SYSCALL', choices: ['kexec_load', 'kexec_file_load', 'both'], default: 'both', help: 'which loader: kexec_load (kexec-tools), kexec_file_load (the kernel), or both side by side' },
      map: { type: 'string', value: 'LAYOUT', help: 'the machine\'s layout (.kexec; its segments are ignored); default: a snapshot of this machine' },
      kernel: { type: 'string', value: 'VERSION', help: 'the running kernel version, over the layout\'s kernel line' },
      format: { type: 'string', short: 'f', value: 'FORMAT', choices: ['text', 'json', 'sarif'], default: 'text', help: 'output format' },
      'max-import-bytes': MAX_IMPORT_BYTES,
    },
    details: 'exit status: 0 the load works and the jump is safe, 1 it fails or the jump is fatal, 2 usage error or unreadable input',
    run: async (a, io) => (await import('./planCommand.js')).runPlanCommand({
      kernelImage: str(a, 'kernel-image'), kernelSize: str(a, 'kernel-size'), initSize: str(a, 'init-size'), kernelAlign: str(a, 'kernel-align'),
      prefAddress: str(a, 'pref-address'), setupSects: str(a, 'setup-sects'), initrd: str(a, 'initrd'), initrdSize: str(a, 'initrd-size'),
      cmdline: str(a, 'cmdline'), cmdlineSize: str(a, 'cmdline-size'), purgatorySize: str(a, 'purgatory-size'), efiMapSize: str(a, 'efi-map-size'),
      setupSize: str(a, 'setup-size'), elfcorehdrSize: str(a, 'elfcorehdr-size'), crash: flag(a, 'crash'),
      syscall: str(a, 'syscall') as 'kexec_load' | 'kexec_file_load' | 'both', map: str(a, 'map'), kernel: str(a, 'kernel'),
      format: str(a, 'format') as 'text' | 'json' | 'sarif', maxBytes: maxBytes(a),
    }, io),
  },
  snapshot: {
    summary: 'Write a layout of this machine: its memory map (/proc/iomem, /sys/firmware/memmap), crash region, kernel and unaccepted memory.',
    args: '',
    positionals: { min: 0, max: 0 },
    options: {
      output: { type: 'string', short: 'o', value: 'OUT.kexec', help: 'write the layout to this file instead of stdout' },
      force: { type: 'boolean', requires: 'output', help: 'overwrite OUT.kexec if it exists' },
      root: { type: 'string', value: 'DIR', help: 'read proc/ and sys/ under DIR instead of / (captures from another machine)' },
    },
    details: 'Run as root for the running kernel and crash regions (/proc/iomem shows zeros otherwise).\nexit status: 0 written, 2 usage error or refused write',
    run: async (a, io) => (await import('./snapshotCommand.js')).runSnapshotCommand({ output: str(a, 'output'), force: flag(a, 'force'), root: str(a, 'root') }, io),
  },
};

function mainHelp(): string {
  const names = Object.keys(COMMANDS);
  const width = names.reduce((w, n) => Math.max(w, n.length), 0);
  return [
    `usage: ${PROG} COMMAND [options] ARGS...`,
    '',
    'commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n].summary}`),
    '',
    `${PROG} COMMAND --help shows a command's options; ${PROG} --version prints the version.`,
    EXIT_STATUS,
  ].join('\n') + '\n';
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === '--version') { io.stdout(`${PROG} ${version()}\n`); return 0; }
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    const about = rest[0];
    if (about === undefined) { io.stdout(mainHelp()); return 0; }
    if (!Object.hasOwn(COMMANDS, about)) { io.stderr(`${PROG}: unknown command '${about}'\n${mainHelp()}`); return 2; }
    io.stdout(commandHelp(PROG, about, COMMANDS[about]));
    return 0;
  }
  if (cmd === undefined || !Object.hasOwn(COMMANDS, cmd)) {
    const what = cmd === undefined ? 'no command given' : cmd.startsWith('-') ? `unknown option '${cmd}'` : `unknown command '${cmd}'`;
    io.stderr(`${PROG}: ${what}\n${mainHelp()}`);
    return 2;
  }
  const spec = COMMANDS[cmd];
  try {
    const parsed = parseCommand(spec, rest);
    if (parsed === 'help') { io.stdout(commandHelp(PROG, cmd, spec)); return 0; }
    if (parsed === 'version') { io.stdout(`${PROG} ${version()}\n`); return 0; }
    return await spec.run(parsed, io);
  } catch (e) {
    if (!isUsageError(e)) throw e;
    io.stderr(`${PROG} ${cmd}: ${e.message}\n${synopsis(PROG, cmd, spec)}\nTry '${PROG} ${cmd} --help' for more.\n`);
    return 2;
  }
}

if (require.main === module) {
  // A closed stdout (`kexec-layout check x.kexec | head -1`) is the reader's choice, not an error:
  // later output is dropped, no trace is printed, and the exit status still says what was found.
  // Any other write error (a full disk) is reported and makes the status 2: output was lost.
  let stdoutOpen = true;
  let stderrOpen = true;
  let outputLost = false;
  const err = (s: string) => { if (stderrOpen) process.stderr.write(s); };
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    stdoutOpen = false;
    if (e.code === 'EPIPE') return;
    outputLost = true;
    process.exitCode = 2;
    err(`${PROG}: cannot write the output: ${e.message}\n`);
  });
  process.stderr.on('error', () => { stderrOpen = false; });
  const out = (s: string) => { if (stdoutOpen) process.stdout.write(s); };
  // A regular file takes the bytes synchronously; a pipe or terminal may hold them, so it gets a copy
  // (the caller reuses its buffer).
  let stdoutFile: boolean | undefined;
  const outBytes = (b: Uint8Array) => {
    if (!stdoutOpen) return;
    if (stdoutFile === undefined) { try { stdoutFile = fs.fstatSync(1).isFile(); } catch { stdoutFile = false; } }
    process.stdout.write(stdoutFile ? b : Buffer.from(b));
  };
  main(process.argv.slice(2), { stdout: out, stderr: err, stdoutBytes: outBytes })
    .then((code) => { process.exitCode = outputLost ? 2 : code; })
    .catch((e) => { err(`${PROG}: internal error: ${e instanceof Error ? e.message : String(e)}\n`); process.exitCode = 2; });
}
