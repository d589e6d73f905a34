#!/usr/bin/env node
// Packages the extension (`npm run package`) and checks the .vsix: it holds the bundles, the
// manifest, the examples and the docs, none of the sources, tests or tooling, and is under 1 MB.
// Prints `package: N passed, M failed (T s)`.
//
// Env: E2E_EXTENSION_PATH.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { EXTENSION } = require('./lib/env');
const { Report } = require('./lib/report');

const VSIX = path.join(EXTENSION, 'kexec-layout.vsix'); // where the package script writes it
const LIMIT = 1024 * 1024;
const report = new Report('package');

/** Entry names of a zip file, from its central directory. */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function main() {
  const pkg = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'package.json'), 'utf8'));
  if (!report.ok('package.json has a "package" script', pkg.scripts && pkg.scripts.package, pkg.scripts && pkg.scripts.package)) return;
  fs.rmSync(VSIX, { force: true });
  const t = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: EXTENSION, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300000 });
  const out = `${r.stdout}${r.stderr}`.trim();
  if (!report.ok('npm run package', r.status === 0 && fs.existsSync(VSIX), r.status === 0 ? `${Date.now() - t} ms` : `exit ${r.status}: ${out.slice(-1500)}`)) return;
  const size = fs.statSync(VSIX).size;
  report.ok('the .vsix is under 1 MB', size < LIMIT, `${(size / 1024).toFixed(1)} KiB`);

  const files = zipEntries(VSIX).filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
  const required = ['package.json', 'README.md', 'LICENSE', 'dist/client/extension.js', 'dist/server/server.js', 'dist/server/cli.js'];
  if (pkg.contributes && pkg.contributes.languages) for (const l of pkg.contributes.languages) if (l.configuration) required.push(path.posix.normalize(l.configuration));
  if (pkg.contributes && pkg.contributes.grammars) for (const g of pkg.contributes.grammars) required.push(path.posix.normalize(g.path));
  const missing = required.filter((f) => !files.some((x) => x.toLowerCase() === f.toLowerCase() || (f === 'LICENSE' && /^license(\.(md|txt))?$/i.test(x))));
  report.ok('it holds the manifest, bundles, grammar and docs', !missing.length, missing.length ? `missing ${missing.join(', ')}` : `${files.length} files`);
  const examples = fs.existsSync(path.join(EXTENSION, 'examples')) ? fs.readdirSync(path.join(EXTENSION, 'examples')).filter((f) => f.endsWith('.kexec')) : [];
  const packedExamples = files.filter((f) => /^examples\/[^/]+\.kexec$/.test(f));
  report.ok('it holds every examples/*.kexec', examples.length > 0 && packedExamples.length === examples.length, `${packedExamples.length} of ${examples.length}`);
  const unwanted = files.filter((f) => /^(server|client|test|node_modules|out|bench|maps|test-output|\.ci|\.vscode-test)\//.test(f) || /\.(ts|map)$/.test(f) || /(^|\/)(tsconfig[^/]*\.json|esbuild\.mjs|package-lock\.json)$/.test(f));
  report.ok('no sources, tests, source maps or tooling', !unwanted.length, unwanted.length ? unwanted.slice(0, 15).join(', ') : '');
}

try { main(); } catch (e) { report.ok('no unexpected error', false, e.message); }
process.exit(report.finish());
