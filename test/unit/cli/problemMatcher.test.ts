// The `$kexec-layout` problem matcher (package.json) reads real `check` text output: every
// finding line matches with the JSON's place, severity, message and code; outcome lines do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers';
import { checkJson, examples, runCli } from './validate';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const matcher = pkg.contributes.problemMatchers.find((m: { name: string }) => m.name === 'kexec-layout');
const re = new RegExp(matcher.pattern.regexp);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-pm-'));

/** VS Code's reading of the severity group (Severity.fromValue, then ProblemMatcher.getSeverity). */
function vscodeSeverity(s: string): string {
  const v = s.toLowerCase();
  if (v === 'error') return 'error';
  if (v === 'warning' || v === 'warn') return 'warning';
  if (v === 'info' || v === 'hint' || v === 'note') return 'information';
  return 'error'; // unrecognised: the matcher's default, which would misreport an information
}

function expectMatches(files: string[]) {
  let matched = 0;
  for (const f of files) {
    const text = runCli(['check', f]).stdout.trimEnd().split('\n');
    const json = checkJson(runCli(['check', '--format', 'json', f]).stdout).files[0];
    assert.equal(text.length, json.diagnostics.length + 1, f);
    json.diagnostics.forEach((d: any, i: number) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const m = re.exec(text[i]);
      assert.ok(m, `no match: ${text[i]}`);
      const p = matcher.pattern;
      assert.equal(m[p.file], f);
      assert.equal(Number(m[p.line]), d.range.start.line + 1);
      assert.equal(Number(m[p.column]), d.range.start.character + 1);
      assert.equal(vscodeSeverity(m[p.severity]), d.severity === 'hint' ? 'information' : d.severity, text[i]);
      assert.equal(m[p.message], d.message);
      assert.equal(m[p.code], d.code);
      matched++;
    });
    assert.equal(re.exec(text[text.length - 1]), null, 'the outcome line is not a problem');
  }
  return matched;
}

test('every example: each finding line is a problem, with the JSON\'s place, severity and code', () => {
  const n = expectMatches(examples());
  assert.ok(n >= 5, `only ${n} findings in the examples`);
});

test('information and warning findings keep their severity; odd paths still match', () => {
  const dir = path.join(tmp, 'a b:c');
  fs.mkdirSync(dir);
  const f = path.join(dir, 'x [1].kexec');
  fs.copyFileSync(path.join(ROOT, 'examples/tdx-6.15-accepted-at-load.kexec'), f);
  const sev = path.join(tmp, 'sev.kexec');
  fs.copyFileSync(path.join(ROOT, 'examples/sev-snp-unknown-kernel.kexec'), sev);
  expectMatches([f, sev]);
  const info = runCli(['check', f]).stdout.split('\n').find((l) => l.includes(': information: '));
  assert.ok(info, 'the example has an information finding');
  assert.equal(vscodeSeverity(re.exec(info)![matcher.pattern.severity]), 'information');
});

test('the task type and matcher are contributed together', () => {
  assert.ok(pkg.activationEvents.includes('onTaskType:kexec-layout'));
  const def = pkg.contributes.taskDefinitions.find((t: { type: string }) => t.type === 'kexec-layout');
  assert.deepEqual(def.required, ['files']);
  assert.equal(matcher.owner, 'kexec-layout');
  assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
});
