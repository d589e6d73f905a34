// The one argument parser: per-command --help, --version, usage errors that name the argument
// (exit 2, no trace), the command table's consistency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, main } from '../../../server/src/node/cli';
import { commandHelp, isUsageError, parseCommand, synopsis, UsageError, type CommandSpec } from '../../../server/src/node/cliArgs';
import { IMPORT_FORMATS } from '../../../common/src/import/read';
import { ROOT } from '../helpers';
import { runCli } from './validate';

const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

async function call(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { status, out: out.join(''), err: err.join('') };
}

test('--version (global and per command) prints the package.json version', async () => {
  for (const argv of [['--version'], ['check', '--version'], ['map', '--version']]) {
    const r = await call(argv);
    assert.equal(r.status, 0);
    assert.equal(r.out, `kexec-layout ${VERSION}\n`);
  }
  assert.equal(runCli(['--version']).stdout, `kexec-layout ${VERSION}\n`);
});

test('--help per command lists every option that is not pending, and the exit statuses', async () => {
  for (const [name, spec] of Object.entries(COMMANDS)) {
    for (const argv of [[name, '--help'], [name, '-h'], ['help', name]]) {
      const r = await call(argv);
      assert.equal(r.status, 0, argv.join(' '));
      assert.ok(r.out.startsWith(`${synopsis('kexec-layout', name, spec)}\n`), r.out);
      assert.ok(r.out.startsWith(`usage: kexec-layout ${name} [options]`), r.out);
      for (const [opt, o] of Object.entries(spec.options)) {
        if (o.pending) assert.ok(!r.out.includes(`--${opt}`), `${name} --${opt} is pending but shown`);
        else assert.ok(r.out.includes(`--${opt}`), `${name} --help misses --${opt}`);
      }
      assert.match(r.out, /exit status: /);
    }
  }
  const top = await call(['--help']);
  for (const name of Object.keys(COMMANDS)) assert.match(top.out, new RegExp(`^  ${name} +\\S`, 'm'));
  assert.match((await call(['check', '--help'])).out, /--format FORMAT +output format.*one of text, json, sarif, github; default text/);
  assert.match((await call(['map', '--help'])).out, /^usage: kexec-layout map \[options\] FILE --out MAP\.svg\|MAP\.html$/m);
});

test('usage errors name the bad argument, exit 2, print the synopsis and no trace', async () => {
  const cases: [string[], RegExp][] = [
    [['check', 'examples/kdump-crashkernel.kexec', '--kernel'], /^kexec-layout check: option '--kernel' needs a value$/m],
    [['check', '--kernel', '--format', 'json', 'x.kexec'], /^kexec-layout check: option '--kernel' needs a value \(to give one that starts with '-', write --kernel=VALUE\)$/m],
    [['check', '--kernel', '6.x', 'examples/kdump-crashkernel.kexec'], /option '--kernel' needs a kernel version like 6\.13 or 6\.15-rc2, not '6\.x'/],
    [['check', '--bogus', 'x.kexec'], /^kexec-layout check: unknown option '--bogus'$/m],
    [['check', '-z', 'x.kexec'], /^kexec-layout check: unknown option '-z'$/m],
    [['check', '--format', 'xml', 'x.kexec'], /option '--format' must be one of text, json, sarif, github, not 'xml'/],
    [['check', '--format=json', '-f', 'text', 'x.kexec'], /option '--format' is given more than once/],
    [['check'], /^kexec-layout check: missing FILE\.\.\.$/m],
    [['map', 'x.kexec'], /option '--out' is required/],
    [['map', 'a.kexec', 'b.kexec', '--out', 'm.svg'], /unexpected argument 'b\.kexec'/],
    [['map', 'examples/kdump-crashkernel.kexec', '--out', 'm.png'], /option '--out' must name a \.svg or \.html file, not 'm\.png'/],
    [['map', 'x.kexec', '--out', 'm.svg', '--force=yes'], /option '--force' does not take a value/],
    [['import', '--force', 'x'], /option '--force' only applies with '--output'/],
    [['import', '--format', 'bogus', 'x'], /option '--format' must be one of auto, iomem, e820, efi, .*, not 'bogus'/],
    [['check', '--explain=yes', 'x.kexec'], /option '--explain' does not take a value/],
    [['check', '--kernel', '6.x', 'x.kexec'], /option '--kernel' needs a kernel version/],
    [['import', '--max-import-bytes', 'lots', 'x'], /option '--max-import-bytes' needs a size/],
  ];
  for (const [argv, want] of cases) {
    const r = await call(argv);
    assert.equal(r.status, 2, argv.join(' '));
    assert.equal(r.out, '', argv.join(' '));
    assert.match(r.err, want, argv.join(' '));
    const cmd = argv[0];
    assert.match(r.err, new RegExp(`^usage: kexec-layout ${cmd} `, 'm'));
    assert.match(r.err, new RegExp(`Try 'kexec-layout ${cmd} --help' for more\\.\\n$`));
  }
  for (const argv of [[], ['frobnicate'], ['--frobnicate'], ['help', 'frobnicate']]) {
    const r = await call(argv);
    assert.equal(r.status, 2, argv.join(' '));
    assert.match(r.err, /^kexec-layout: (no command given|unknown command '\w+'|unknown option '--frobnicate')\n/);
  }
  // the bundled CLI: the same, and no stack trace
  const p = runCli(['check', 'examples/kdump-crashkernel.kexec', '--kernel']);
  assert.equal(p.status, 2);
  assert.equal(p.stdout, '');
  assert.doesNotMatch(p.stderr, /\n\s+at /);
});

test('-- ends the options; a lone - is a positional (stdin)', () => {
  const spec = COMMANDS.check;
  const p = parseCommand(spec, ['--format', 'json', '--', '--kernel', '-']);
  assert.ok(typeof p === 'object');
  assert.deepEqual(p.positionals, ['--kernel', '-']);
  assert.equal(p.values.format, 'json');
  assert.equal(p.values.kernel, undefined);
  const d = parseCommand(spec, ['x.kexec']);
  assert.ok(typeof d === 'object' && d.values.format === 'text'); // the default
  assert.throws(() => parseCommand(spec, ['--format']), UsageError);
  const r = runCli(['check', '-'], { input: 'regoin 0x0 .. 0x1000 ram\n' });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^-:1:1: error: .*\[syntax\/unknown-statement\]$/m);
});

test('the table: import formats are the readers\' formats; short flags unique per command; help fits', () => {
  assert.deepEqual(COMMANDS.import.options.format.choices, ['auto', ...IMPORT_FORMATS]);
  for (const [name, spec] of Object.entries(COMMANDS)) {
    const shorts = Object.values(spec.options).map((o) => o.short).filter(Boolean);
    assert.equal(new Set([...shorts, 'h']).size, shorts.length + 1, name);
    for (const o of Object.values(spec.options)) if (o.requires) assert.ok(o.requires in spec.options, `${name}: requires ${o.requires}`);
    assert.ok(commandHelp('kexec-layout', name, spec).includes(spec.summary));
  }
});

test('a pending option is reserved: refused with "not available yet" and left out of --help', () => {
  const spec: CommandSpec = {
    summary: 'test', args: 'FILE', positionals: { min: 1, max: 1 },
    options: { later: { type: 'string', value: 'N', pending: true, help: 'not yet' }, now: { type: 'boolean', help: 'works' } },
    run: async () => 0,
  };
  assert.throws(() => parseCommand(spec, ['--later', '2', 'x']), (e: unknown) => isUsageError(e) && /option '--later' is not available yet/.test((e as Error).message));
  assert.ok(typeof parseCommand(spec, ['--now', 'x']) === 'object');
  const help = commandHelp('kexec-layout', 'test', spec);
  assert.ok(!help.includes('--later') && help.includes('--now'));
  // a usage error thrown by a command bundled apart (its own copy of the class) is still one
  const foreign = new Error('x');
  foreign.name = 'UsageError';
  assert.ok(isUsageError(foreign) && isUsageError(new UsageError('y')) && !isUsageError(new Error('z')));
});
