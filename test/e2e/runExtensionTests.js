#!/usr/bin/env node
// Runs test/e2e/suite/ inside VS Code's extension host with @vscode/test-electron's runTests,
// the VS Code executable being codeShim.js (code-server + headless chromium).
// The workspace is a temp copy of examples/ and test/e2e/fixtures/.
// Prints `extension-host: N passed, M failed (T s)`; exit 0 only when all passed.
//
// Env: E2E_EXTENSION_PATH (extension folder, default the repository), E2E_GREP (mocha grep),
// E2E_WORKSPACE_TRUST=1: the Restricted Mode run (trust on, the folder untrusted, only
// suite/restricted.test.js; prints `extension-host-restricted: ...`).
'use strict';
const fs = require('fs');
const path = require('path');
const { runTests } = require('@vscode/test-electron');
const { EXTENSION, tempDir } = require('./lib/env');
const { makeWorkspace } = require('./lib/workspace');

const RESTRICTED = !!process.env.E2E_WORKSPACE_TRUST;
const NAME = RESTRICTED ? 'extension-host-restricted' : 'extension-host';

async function main() {
  const t0 = Date.now();
  const shim = path.join(__dirname, 'codeShim.js');
  fs.chmodSync(shim, 0o755); // runTests executes it directly
  for (const f of ['package.json', 'dist/client/extension.js', 'dist/server/server.js', 'dist/server/cli.js']) {
    if (!fs.existsSync(path.join(EXTENSION, f))) throw new Error(`${path.join(EXTENSION, f)} missing: build the extension first (node esbuild.mjs)`);
  }
  const dir = tempDir('exthost');
  const resultFile = path.join(dir, 'result.json');
  let error;
  try {
    await runTests({
      vscodeExecutablePath: shim,
      extensionDevelopmentPath: EXTENSION,
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      // Explicit, so runTests does not default them to ./.vscode-test in the work tree.
      launchArgs: [makeWorkspace(dir), `--extensions-dir=${path.join(dir, 'extensions')}`, `--user-data-dir=${path.join(dir, 'user-data')}`],
      extensionTestsEnv: { E2E_RESULT_FILE: resultFile, E2E_EXTENSION_PATH: EXTENSION, ...(RESTRICTED ? { E2E_SUITE: 'restricted' } : {}) },
    });
  } catch (e) {
    error = e;
  }
  let result = { passed: 0, failed: 0 };
  try { result = JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { /* the host never got to write it */ }
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  if (error && !result.failed) result.failed = 1; // the run itself broke: count it
  if (error) console.error(`runTests: ${error.message}`);
  console.log(`${NAME}: ${result.passed} passed, ${result.failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return result.failed === 0 && result.passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => { console.error(e.stack || e); console.log(`${NAME}: 0 passed, 1 failed`); process.exit(1); });
