// A throw-away workspace folder holding copies of the layouts, so a test that edits a document
// can never touch the repository's files.
'use strict';
const fs = require('fs');
const path = require('path');
const { EXTENSION } = require('./env');

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Copies <extension>/examples and test/e2e/fixtures into <dir>/workspace; returns its path. */
function makeWorkspace(dir) {
  const ws = path.join(dir, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  const examples = path.join(EXTENSION, 'examples');
  if (fs.existsSync(examples)) fs.cpSync(examples, path.join(ws, 'examples'), { recursive: true });
  fs.cpSync(FIXTURES, path.join(ws, 'fixtures'), { recursive: true });
  // The suites compare every diagnostic with the CLI, the outcome included: turn it on (off by default).
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'kexecLayout.diagnostics.outcome': true }, null, 2));
  return ws;
}

module.exports = { makeWorkspace, FIXTURES };
