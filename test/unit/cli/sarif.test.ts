// `check --format sarif`: every example's SARIF validates against the official SARIF 2.1.0
// schema; rules, locations (1-based, UTF-16 columns), outcome and errno are where SARIF readers look.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_DOCS } from '../../../common/src/features/docs';
import { firstClause, pathToUri, helpUri } from '../../../common/src/features/sarif';
import { checkJson, examples, runCli, sarifJson, validateSarif } from './validate';
import { ROOT } from '../helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-sarif-'));

test('every example: SARIF valid against the 2.1.0 schema, and the same findings as the JSON', () => {
  for (const ex of examples()) {
    const r = runCli(['check', '--format', 'sarif', ex]);
    assert.ok(r.status === 0 || r.status === 1, `${ex}: ${r.stderr}`);
    const sarif = sarifJson(r.stdout);
    const json = checkJson(runCli(['check', '--format', 'json', ex]).stdout).files[0];
    const run = sarif.runs[0];
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.$schema, JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/sarif-2.1.0/sarif-schema-2.1.0.json'), 'utf8')).id);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.results.map((x: { ruleId: string }) => x.ruleId), json.diagnostics.map((d: { code: string }) => d.code), ex);
    run.results.forEach((res: any, i: number) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const d = json.diagnostics[i];
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      assert.equal(res.message.text, d.message);
      assert.deepEqual(res.locations[0].physicalLocation.region, {
        startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1,
        endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
      });
      assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, ex);
      assert.equal(res.level, d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note');
      assert.equal(res.properties.errno, d.errno);
    });
    const { path: p, artifactIndex, summary, ...outcome } = run.properties.outcomes[0];
    assert.equal(p, ex);
    assert.equal(run.artifacts[artifactIndex].location.uri, ex);
    assert.equal(typeof summary, 'string');
    assert.deepEqual(outcome, json.outcome, ex);
  }
});

test('one rule per catalogue code, with its description, help and a help URI into docs/diagnostics.md', () => {
  const run = sarifJson(runCli(['check', '--format', 'sarif', 'examples/acpi-and-overlap.kexec']).stdout).runs[0];
  const rules = run.tool.driver.rules;
  assert.deepEqual(rules.map((r: { id: string }) => r.id), Object.keys(CODE_DOCS));
  const overlap = rules.find((r: { id: string }) => r.id === 'kexec/overlap');
  assert.equal(overlap.helpUri, helpUri('kexec/overlap'));
  assert.match(overlap.helpUri, /\/docs\/diagnostics\.md#kexec-overlap$/);
  assert.equal(overlap.fullDescription.text, CODE_DOCS['kexec/overlap'].replace(/`/g, ''));
  assert.equal(overlap.help.markdown.split('\n\n')[0], CODE_DOCS['kexec/overlap']);
  assert.equal(overlap.defaultConfiguration.level, 'error');
  assert.equal(overlap.properties.errno, 'EINVAL');
  assert.equal(run.tool.driver.version, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  // the kernel errno on the result, and the other segment as a related location
  const res = run.results.find((r: { ruleId: string }) => r.ruleId === 'kexec/overlap');
  assert.equal(res.properties.errno, 'EINVAL');
  assert.equal(res.relatedLocations[0].physicalLocation.region.startLine, 17);
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(ROOT + '/').href);
});

test('columns count UTF-16 code units: a finding after an astral character on its line', () => {
  // "😀" is one code point but two UTF-16 units: `bogus` starts at UTF-16 index 35, code point 34.
  const file = path.join(tmp, 'astral.kexec');
  const line = 'region 0x0 .. 0x1000_0000 ram "😀" bogus';
  fs.writeFileSync(file, `${line}\n`);
  const json = checkJson(runCli(['check', '--format', 'json', file]).stdout).files[0];
  const res = sarifJson(runCli(['check', '--format', 'sarif', file]).stdout).runs[0].results[0];
  assert.equal(json.diagnostics[0].code, 'syntax/unexpected-token');
  const region = res.locations[0].physicalLocation.region;
  assert.equal(region.startColumn, line.indexOf('bogus') + 1);
  assert.equal(region.startColumn, 36);
  assert.equal([...line.slice(0, line.indexOf('bogus'))].length + 1, 35); // what a code-point count would say
  assert.equal(region.endColumn, line.length + 1);
  // an absolute path becomes a file URI
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, pathToFileURL(file).href);
});

test('unreadable input: exit 2, still valid SARIF, the failure as a tool notification', () => {
  const r = runCli(['check', '--format', 'sarif', 'examples/kdump-crashkernel.kexec', path.join(tmp, 'missing.kexec')]);
  assert.equal(r.status, 2);
  const run = sarifJson(r.stdout).runs[0];
  assert.equal(run.invocations[0].executionSuccessful, false);
  assert.match(run.invocations[0].toolExecutionNotifications[0].message.text, /cannot read .*missing\.kexec: no such file or directory \(ENOENT\)/);
  assert.equal(run.properties.outcomes.length, 1);
});

test('stdin: results without a location, still valid', () => {
  const r = runCli(['check', '--format', 'sarif', '-'], { input: 'regoin 0x0 .. 0x1000 ram\n' });
  assert.equal(r.status, 1);
  const run = sarifJson(r.stdout).runs[0];
  assert.equal(run.results[0].ruleId, 'syntax/unknown-statement');
  assert.equal(run.results[0].locations, undefined);
});

test('the validator rejects what SARIF forbids (it can fail)', () => {
  const run = sarifJson(runCli(['check', '--format', 'sarif', 'examples/acpi-and-overlap.kexec']).stdout);
  const bad = structuredClone(run);
  bad.runs[0].results[0].level = 'information';
  assert.equal(validateSarif(bad), false);
  const bad2 = structuredClone(run);
  bad2.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  assert.equal(validateSarif(bad2), false);
});

test('first clause and URIs', () => {
  assert.equal(firstClause('A value ≥ 2^64, or a range. More.'), 'A value ≥ 2^64, or a range.');
  assert.equal(firstClause('`a: b` (x86_64: 2^46 − 1): returns'), '`a: b` (x86_64: 2^46 − 1).');
  assert.equal(firstClause('no stop'), 'no stop');
  assert.deepEqual(pathToUri('examples/a b.kexec'), { uri: 'examples/a%20b.kexec', relative: true });
  assert.deepEqual(pathToUri('./x#1.kexec'), { uri: 'x%231.kexec', relative: true });
  assert.deepEqual(pathToUri('/tmp/a b/x.kexec'), { uri: 'file:///tmp/a%20b/x.kexec', relative: false });
  assert.deepEqual(pathToUri('C:\\work\\x.kexec'), { uri: 'file:///C:/work/x.kexec', relative: false });
});
