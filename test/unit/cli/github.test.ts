// `check --format github`: workflow commands GitHub Actions turns into annotations, line by line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { escapeData, escapeProperty, toGithub } from '../../../common/src/features/githubAnnotations';
import { check } from '../helpers';
import { checkJson, examples, runCli } from './validate';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-gh-'));

test('acpi-and-overlap: one annotation per finding, then the outcome log line', () => {
  const r = runCli(['check', '--format', 'github', 'examples/acpi-and-overlap.kexec']);
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.split('\n'), [
    '::error file=examples/acpi-and-overlap.kexec,line=18,col=9,endLine=18,endColumn=14,title=[kexec/overlap]::segments kernel and initrd overlap in [0x300_0000, 0x380_0000) (8 MiB): sanity_check_segment_list returns -EINVAL; move initrd to 0x380_0000 or later',
    '::error file=examples/acpi-and-overlap.kexec,line=19,col=9,endLine=19,endColumn=11,title=[dest/reserved]::segment dtb [0x7fee_8000, 0x7fee_c000) overlaps acpi "ACPI Tables" [0x7fee_0000, 0x7fef_0000): the kernel does not check destinations, so the jump overwrites acpi memory; move the segment into ram',
    'examples/acpi-and-overlap.kexec: outcome: load fails -EINVAL [kexec/overlap], jump unknown: kexec_load would fail with -EINVAL: segments kernel and initrd overlap',
    '',
  ]);
});

test('every example: each finding is one line whose level, place and title follow the JSON', () => {
  for (const ex of examples()) {
    const lines = runCli(['check', '--format', 'github', ex]).stdout.split('\n');
    const json = checkJson(runCli(['check', '--format', 'json', ex]).stdout).files[0];
    assert.equal(lines.length, json.diagnostics.length + 2, ex); // findings, outcome, final newline
    json.diagnostics.forEach((d: any, i: number) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const m = /^::(error|warning|notice) file=([^,]+),line=(\d+),(?:col=(\d+),)?endLine=(\d+),(?:endColumn=(\d+),)?title=([^:]+)::(.*)$/.exec(lines[i]);
      assert.ok(m, lines[i]);
      assert.equal(m[1], { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' }[d.severity as string]);
      assert.equal(m[2], ex);
      assert.equal(Number(m[3]), d.range.start.line + 1);
      if (d.range.start.line === d.range.end.line) {
        assert.equal(Number(m[4]), d.range.start.character + 1);
        assert.equal(Number(m[6]), Math.max(d.range.start.character + 1, d.range.end.character));
      }
      assert.equal(m[7], `[${d.code.replace(/:/g, '%3A').replace(/,/g, '%2C')}]`);
      assert.equal(m[8], escapeData(d.message));
    });
    assert.match(lines[lines.length - 2], new RegExp(`^${ex.replace(/\./g, '\\.')}: outcome: `));
  }
});

test('escaping as the Actions toolkit does: % CR LF in data, and : , in properties too', () => {
  assert.equal(escapeData('50% a\r\nb: c, d'), '50%25 a%0D%0Ab: c, d');
  assert.equal(escapeProperty('50% a\r\nb: c, d'), '50%25 a%0D%0Ab%3A c%2C d');
  assert.equal(escapeData('%0A'), '%250A'); // an escape sequence in the input stays literal
});

test('hostile file names and messages cannot start another command', () => {
  const name = path.join(tmp, 'a,b:c%\nd.kexec');
  fs.writeFileSync(name, 'regoin 0x0 .. 0x1000 ram\n');
  const r = runCli(['check', '--format', 'github', name]);
  assert.equal(r.status, 1);
  const lines = r.stdout.split('\n');
  assert.equal(lines.length, 3);
  assert.ok(lines[0].startsWith(`::error file=${tmp.replace(/:/g, '%3A').replace(/,/g, '%2C')}/a%2Cb%3Ac%25%0Ad.kexec,line=1,col=1,`), lines[0]);
  assert.ok(!lines[1].startsWith('::'));
});

test('a range ending at the start of a line ends on the line before, without columns; stdin has no file', () => {
  const r = check('regoin 0x0 .. 0x1000 ram\n');
  const d = r.diagnostics[0];
  const multi = { ...r, diagnostics: [{ ...d, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } }] };
  assert.equal(toGithub('-', multi).split('\n')[0], `::error line=1,endLine=1,title=[${d.code}]::${escapeData(d.message)}`);
  const span = { ...r, diagnostics: [{ ...d, severity: 'information' as const, range: { start: { line: 0, character: 3 }, end: { line: 2, character: 4 } } }] };
  assert.equal(toGithub('x.kexec', span).split('\n')[0], `::notice file=x.kexec,line=1,endLine=3,title=[${d.code}]::${escapeData(d.message)}`);
  const empty = { ...r, diagnostics: [{ ...d, severity: 'warning' as const, range: { start: { line: 4, character: 7 }, end: { line: 4, character: 7 } } }] };
  assert.equal(toGithub('x.kexec', empty).split('\n')[0], `::warning file=x.kexec,line=5,col=8,endLine=5,endColumn=8,title=[${d.code}]::${escapeData(d.message)}`);
});
