// Validators for what the CLI prints: the committed JSON Schema of `check --format json`
// (draft 2020-12) and the official SARIF 2.1.0 schema (draft-04, vendored in test/fixtures).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ROOT } from '../helpers';

export const CLI = path.join(ROOT, 'dist/server/cli.js');
export const CHECK_SCHEMA_PATH = path.join(ROOT, 'schemas/check-output.schema.json');

export function runCli(args: string[], opts: { input?: string; cwd?: string } = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', input: opts.input });
}

const ajv2020 = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv2020);
export const checkSchema = JSON.parse(fs.readFileSync(CHECK_SCHEMA_PATH, 'utf8'));
export const validateCheckOutput = ajv2020.compile(checkSchema);

const ajv04 = new AjvDraft04({ strict: false, allErrors: true });
addFormats(ajv04);
export const validateSarif = ajv04.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/sarif-2.1.0/sarif-schema-2.1.0.json'), 'utf8')));

/** Parses `check --format json` output and asserts it validates against the committed schema. */
export function checkJson(stdout: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  const doc = JSON.parse(stdout);
  assert.ok(validateCheckOutput(doc), `check JSON does not match schemas/check-output.schema.json: ${ajv2020.errorsText(validateCheckOutput.errors)}`);
  return doc;
}

/** Parses `check --format sarif` output and asserts it validates against the SARIF 2.1.0 schema. */
export function sarifJson(stdout: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  const doc = JSON.parse(stdout);
  assert.ok(validateSarif(doc), `not valid SARIF 2.1.0: ${ajv04.errorsText(validateSarif.errors)}`);
  return doc;
}

/** Every example layout, relative to the repository root. */
export function examples(): string[] {
  return fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.kexec')).sort().map((f) => `examples/${f}`);
}
