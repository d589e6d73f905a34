// Expectations come from the project's own CLI at test time (never hard-coded), so the editor
// tests stay honest when the examples change: whatever `kexec-layout check --format json`
// reports for a file is what VS Code and Neovim must show for it.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { EXTENSION } = require('./env');

const CLI = path.join(EXTENSION, 'dist', 'server', 'cli.js');
const SERVER = path.join(EXTENSION, 'dist', 'server', 'server.js');
const SEVERITIES = ['error', 'warning', 'information', 'hint']; // = vscode.DiagnosticSeverity / LSP severity - 1

/** The committed JSON Schema of `check --format json`, compiled once (ajv, draft 2020-12). */
let validator;
function validateCheckOutput() {
  if (!validator) {
    const Ajv2020 = require('ajv/dist/2020');
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    require('ajv-formats')(ajv);
    validator = ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'schemas', 'check-output.schema.json'), 'utf8')));
  }
  return validator;
}

/** `check --format json` on the files; returns a Map path -> file result. Validated against the schema. */
function check(files, { node = process.execPath } = {}) {
  const r = spawnSync(node, [CLI, 'check', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${CLI} check exited ${r.status}: ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  if (json.version !== 1) throw new Error(`unexpected CLI JSON version ${json.version}`);
  if (!validateCheckOutput()(json)) throw new Error(`CLI JSON does not match schemas/check-output.schema.json: ${JSON.stringify(validateCheckOutput().errors)}`);
  const byPath = new Map();
  json.files.forEach((f, i) => byPath.set(path.resolve(files[i]), f));
  return byPath;
}

/** The comparable identity of a diagnostic: code, 1-based start line, severity name. */
function key(code, line, severity) {
  return `${code}@${line + 1}:${severity}`;
}
function cliKeys(fileResult) {
  return fileResult.diagnostics.map((d) => key(d.code, d.range.start.line, d.severity)).sort();
}

// Besides the findings, the language server shows the load's outcome as one information
// diagnostic with this code in every file that has a statement; the CLI gives the same outcome
// as its own JSON field.
const OUTCOME = 'outcome';
const hasStatements = (text) => text.split(/\r?\n/).some((l) => l.replace(/#.*/, '').trim() !== '');

/**
 * Compares what an editor shows for a file with the CLI's result. `shown` is a list of
 * { code, line (0-based), severity (name), message, source }. Returns { ok, detail }.
 */
function compareWithCli(shown, fileResult, text) {
  const findings = shown.filter((d) => d.code !== OUTCOME).map((d) => key(d.code, d.line, d.severity)).sort();
  const want = cliKeys(fileResult);
  const problems = [];
  if (JSON.stringify(findings) !== JSON.stringify(want)) problems.push(`findings ${JSON.stringify(findings)}, the CLI's ${JSON.stringify(want)}`);
  const outcomes = shown.filter((d) => d.code === OUTCOME);
  const { jump, errno } = fileResult.outcome;
  if (hasStatements(text)) {
    const o = outcomes[0];
    if (outcomes.length !== 1) problems.push(`${outcomes.length} "outcome" diagnostics, want 1`);
    else if (o.severity !== 'information' || !o.message.includes(`jump: ${jump}`) || (errno && !o.message.includes(errno))) {
      problems.push(`outcome ${o.severity} "${o.message}" does not match the CLI's jump ${jump}${errno ? `, ${errno}` : ''}`);
    }
  } else if (outcomes.length) problems.push('an "outcome" diagnostic for a file without statements');
  const foreign = shown.filter((d) => d.source !== 'kexec-layout');
  if (foreign.length) problems.push(`sources ${JSON.stringify(foreign.map((d) => d.source))}`);
  return { ok: !problems.length, detail: problems.join('; ') || `${want.length} findings + outcome (jump ${jump}) as the CLI` };
}

/** How many diagnostics an editor should show for the file. */
function expectedCount(fileResult, text) {
  return fileResult.diagnostics.length + (hasStatements(text) ? 1 : 0);
}

/** The *.kexec files of a folder, sorted; [] when it does not exist. */
function kexecFiles(dir) {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.kexec')).sort().map((f) => path.join(dir, f)) : [];
}

/**
 * The first address of the first `unaccepted` statement that the CLI finds nothing to say about
 * (an unaligned range, one outside ram or over the crash region may hover as partly accepted),
 * with what its hover must say: the unit is "unaccepted" and the region is "ram".
 */
function unacceptedAddress(text, fileResult) {
  const lines = text.split(/\r?\n/);
  for (let line = 0; line < lines.length; line++) {
    const m = /^(\s*unaccepted\s+)(\S+)/.exec(lines[line]);
    if (!m || fileResult.diagnostics.some((d) => d.code.startsWith('accept/') && d.range.start.line === line)) continue;
    return { line, character: m[1].length + 1, token: m[2], mustMatch: [/unaccepted/i, /\bram\b/i] };
  }
  return null;
}

/** 0-based line of `segment NAME`, or -1. */
function segmentLine(text, name) {
  const esc = name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  return text.split(/\r?\n/).findIndex((l) => new RegExp(`^\\s*segment\\s+${esc}(\\s|$)`).test(l));
}

module.exports = { CLI, SERVER, SEVERITIES, OUTCOME, check, key, cliKeys, compareWithCli, expectedCount, kexecFiles, unacceptedAddress, segmentLine };
