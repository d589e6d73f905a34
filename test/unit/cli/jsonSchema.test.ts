// schemas/check-output.schema.json (draft 2020-12) describes `check --format json`: every example
// validates, the output names the schema, and the schema refuses what the contract forbids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECK_OUTPUT_SCHEMA_URL } from '../../../common/src/features/project';
import { checkJson, checkSchema, examples, runCli, validateCheckOutput } from './validate';

test('every example, and all of them in one run, validate; $schema names the committed schema', () => {
  for (const ex of examples()) {
    const doc = checkJson(runCli(['check', '--format', 'json', ex]).stdout);
    assert.equal(doc.$schema, checkSchema.$id);
  }
  const all = checkJson(runCli(['check', '--format', 'json', ...examples()]).stdout);
  assert.equal(all.files.length, examples().length);
  assert.equal(checkSchema.$id, CHECK_OUTPUT_SCHEMA_URL);
  assert.equal(checkSchema.$schema, 'https://json-schema.org/draft/2020-12/schema');
});

test('stdin, syntax errors and an unknown-kernel verdict validate too', () => {
  checkJson(runCli(['check', '--format', 'json', '-'], { input: 'regoin 0x0 .. 0x1000 ram\nsegment a mem=auto memsz=4K\n' }).stdout);
  checkJson(runCli(['check', '--format', 'json', '-'], { input: '' }).stdout);
});

test('the schema admits the announced additions: load unknown, segments[].loader', () => {
  const doc = checkJson(runCli(['check', '--format', 'json', 'examples/kexec-file-bzimage64.kexec']).stdout);
  const next = structuredClone(doc);
  next.files[0].outcome.load = 'unknown';
  next.files[0].segments[0].loader = { rule: 'kernel: top-down below 4 GiB' };
  assert.ok(validateCheckOutput(next), JSON.stringify(validateCheckOutput.errors));
});

test('the schema refuses what the contract forbids (it can fail)', () => {
  const doc = checkJson(runCli(['check', '--format', 'json', 'examples/acpi-and-overlap.kexec']).stdout);
  const cases: [string, (d: any) => void][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['load maybe', (d) => { d.files[0].outcome.load = 'maybe'; }],
    ['no outcome', (d) => { delete d.files[0].outcome; }],
    ['severity fatal', (d) => { d.files[0].diagnostics[0].severity = 'fatal'; }],
    ['numeric address', (d) => { d.files[0].segments[0].mem = 4096; }],
    ['upper-case hex', (d) => { d.files[0].segments[0].memsz = '0xABC'; }],
    ['1-based line -1', (d) => { d.files[0].diagnostics[0].range.start.line = -1; }],
    ['unknown field', (d) => { d.files[0].extra = true; }],
    ['version 2', (d) => { d.version = 2; }],
    ['errno number', (d) => { d.files[0].diagnostics[0].errno = 22; }],
  ];
  for (const [name, spoil] of cases) {
    const bad = structuredClone(doc);
    spoil(bad);
    assert.equal(validateCheckOutput(bad), false, name);
  }
});
