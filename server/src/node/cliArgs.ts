// The CLI's one argument parser: a command table (cli.ts) read by node:util parseArgs, with
// per-command help, value choices, required options, and usage errors that name the argument.

import { parseArgs } from 'node:util';

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  /** The bytes of UTF-8 text to stdout (a command copying a file out); the caller may reuse `b` once this returns. */
  stdoutBytes?(b: Uint8Array): void;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's name in help (`VERSION`, `FILE`); string options only. */
  value?: string;
  /** The values a string option accepts (help lists them; anything else is a usage error). */
  choices?: readonly string[];
  default?: string;
  required?: boolean;
  /** Another option this one only makes sense with (`--force` needs `--output`). */
  requires?: string;
  /** One line for `--help`. */
  help: string;
  /**
   * Declared for work in progress: the option is reserved (parsed, named in errors) but refused
   * with "not available yet" and left out of `--help` until its command implements it.
   */
  pending?: true;
}

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface CommandSpec {
  /** One line for `kexec-layout --help`. */
  summary: string;
  /** The positional part of the synopsis: `FILE...`. */
  args: string;
  positionals: { min: number; max: number };
  options: Record<string, OptionSpec>;
  /** More help text after the options (exit status, examples). */
  details?: string;
  /** Loads the command's module only when it runs (start-up stays light) and runs it. */
  run(a: Parsed, io: Io): Promise<number>;
}

/** A usage error: exit status 2, the message names the bad argument. Commands may throw it too. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** By name, not instanceof: commands loaded from their own bundle carry their own copy of the class. */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof Error && e.name === 'UsageError';
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', help: 'show this help and exit' },
  version: { type: 'boolean', help: 'print the version and exit' },
};

/** Parses one command's arguments, or throws a UsageError naming what is wrong. */
export function parseCommand(spec: CommandSpec, args: string[]): Parsed | 'help' | 'version' {
  const options: Record<string, OptionSpec> = { ...spec.options, ...GLOBAL_OPTIONS };
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, o] of Object.entries(options)) config[name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: config, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError(parseError(e));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return 'help';
  if (values.version) return 'version';
  // A once-only option given twice is a mistake, not "the last one wins".
  const seen = new Set<string>();
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) throw new UsageError(`option '--${t.name}' is given more than once`);
    seen.add(t.name);
  }
  for (const [name, o] of Object.entries(options)) {
    const v = values[name];
    if (v === undefined) {
      if (o.required) throw new UsageError(`option '--${name}' is required`);
      if (o.default !== undefined) values[name] = o.default;
      continue;
    }
    if (o.pending) throw new UsageError(`option '--${name}' is not available yet`);
    if (o.choices && typeof v === 'string' && !o.choices.includes(v)) {
      throw new UsageError(`option '--${name}' must be one of ${o.choices.join(', ')}, not '${v}'`);
    }
    if (o.requires && values[o.requires] === undefined) throw new UsageError(`option '--${name}' only applies with '--${o.requires}'`);
  }
  const pos = parsed.positionals;
  if (pos.length < spec.positionals.min) throw new UsageError(`missing ${spec.args}`);
  if (pos.length > spec.positionals.max) throw new UsageError(`unexpected argument '${pos[spec.positionals.max]}'`);
  return { values, positionals: pos };
}

/** parseArgs' errors, reworded for a terminal; they already quote the argument. */
function parseError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const m = String(err?.message ?? e);
  if (err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /'([^']+)'/.exec(m);
    return name ? `unknown option '${name[1]}'` : m;
  }
  if (err?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const missing = /^Option '(-\w, )?(--[\w-]+) <value>' argument missing/.exec(m);
    if (missing) return `option '${missing[2]}' needs a value`;
    const ambiguous = /^Option '(-\w, )?(--[\w-]+)( <value>)?' argument is ambiguous/.exec(m);
    if (ambiguous) return `option '${ambiguous[2]}' needs a value (to give one that starts with '-', write ${ambiguous[2]}=VALUE)`;
    const noArg = /^Option '(-\w, )?(--[\w-]+)' does not take an argument/.exec(m);
    if (noArg) return `option '${noArg[2]}' does not take a value`;
  }
  return m.split('\n')[0];
}

/** `usage: kexec-layout NAME [options] ARGS`, and each required option in the synopsis. */
export function synopsis(prog: string, name: string, spec: CommandSpec): string {
  const req = Object.entries(spec.options).filter(([, o]) => o.required).map(([n, o]) => `--${n} ${o.value ?? 'VALUE'}`);
  return `usage: ${prog} ${name} [options] ${[spec.args, ...req].join(' ')}`.trimEnd();
}

/** The whole `--help` of one command, generated from its table entry. */
export function commandHelp(prog: string, name: string, spec: CommandSpec): string {
  const rows: [string, string][] = [];
  for (const [n, o] of Object.entries({ ...spec.options, ...GLOBAL_OPTIONS })) {
    if (o.pending) continue;
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${n}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    const extra = [
      o.choices ? `one of ${o.choices.join(', ')}` : '',
      o.default !== undefined ? `default ${o.default}` : '',
      o.requires ? `with --${o.requires}` : '',
    ].filter(Boolean).join('; ');
    rows.push([flag, extra ? `${o.help} (${extra})` : o.help]);
  }
  const width = Math.min(28, rows.reduce((w, [f]) => Math.max(w, f.length), 0));
  const lines = rows.map(([f, h]) => `  ${f.length > width ? `${f}\n  ${' '.repeat(width)}` : f.padEnd(width)}  ${h}`);
  return [synopsis(prog, name, spec), '', spec.summary, '', 'options:', ...lines, ...(spec.details ? ['', spec.details] : [])].join('\n') + '\n';
}
