#!/usr/bin/env node
// Neovim as a second LSP client: headless `nvim --clean -u NONE` loads test/e2e/nvim/init.lua
// (the set-up the README gives users) through nvim/lsp.lua, which opens every layout, collects
// the server's diagnostics over stdio, and hovers the first unaccepted address. Each file's
// diagnostics must be the CLI's (lib/cli.js compareWithCli); each hover must name the region and
// say "unaccepted".
// Prints `neovim: N passed, M failed (T s)`.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { tempDir, isolatedEnv } = require('./lib/env');
const cli = require('./lib/cli');
const { makeWorkspace } = require('./lib/workspace');
const { Report } = require('./lib/report');

const report = new Report('neovim');

function main() {
  const dir = tempDir('nvim');
  try {
    const ws = makeWorkspace(dir);
    const files = [...cli.kexecFiles(path.join(ws, 'examples')), ...cli.kexecFiles(path.join(ws, 'fixtures'))];
    const results = cli.check(files);
    const plan = files.map((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return { path: f, text, result: results.get(f), at: cli.unacceptedAddress(text, results.get(f)) };
    });
    const job = {
      init: path.join(__dirname, 'nvim', 'init.lua'),
      server_cmd: [process.execPath, cli.SERVER, '--stdio'],
      out: path.join(dir, 'result.json'),
      files: plan.map((p) => ({ path: p.path, expected: cli.expectedCount(p.result, p.text), hover: p.at && { line: p.at.line, character: p.at.character } })),
    };
    fs.writeFileSync(path.join(dir, 'job.json'), JSON.stringify(job));
    const r = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${path.join(__dirname, 'nvim', 'lsp.lua')}`], {
      cwd: ws, env: isolatedEnv(dir, { KEXEC_E2E_JOB: path.join(dir, 'job.json') }), encoding: 'utf8', timeout: 180000,
    });
    if (r.error) throw new Error(`nvim: ${r.error.message}`);
    if (!fs.existsSync(job.out)) throw new Error(`nvim wrote no result (exit ${r.status}): ${r.stderr || r.stdout}`);
    const out = JSON.parse(fs.readFileSync(job.out, 'utf8'));
    report.ok('lsp.lua ran without a Lua error', !out.errors.length, out.errors.join(' | '));
    for (const p of plan) {
      const rel = path.relative(ws, p.path);
      const got = out.files.find((x) => x.path === p.path);
      if (!report.ok(`${rel}: attached as filetype kexec`, got && got.attached && got.filetype === 'kexec', got && `filetype=${got.filetype} attached=${got.attached}`)) continue;
      const shown = got.diagnostics.map((d) => ({ ...d, code: String(d.code), severity: cli.SEVERITIES[d.severity - 1] }));
      const verdict = cli.compareWithCli(shown, p.result, p.text);
      report.ok(`${rel}: diagnostics are the CLI's`, got.published && verdict.ok, got.published ? verdict.detail : 'the server published nothing within 15 s');
      if (p.at) {
        const text = got.hover || '';
        const missing = p.at.mustMatch.filter((re) => !re.test(text));
        report.ok(`${rel}: hover on ${p.at.token}`, !missing.length, `${text.replace(/\s+/g, ' ').slice(0, 140)}${missing.length ? ` (missing ${missing})` : ''}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

try { main(); } catch (e) { report.ok('no unexpected error', false, e.message); }
process.exit(report.finish());
