// Loaded by the extension host as extensionTestsPath: runs the mocha suites below inside the
// real VS Code extension host, with the real `vscode` API.
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

// Activation first: the later suites would activate the extension themselves.
const ORDER = ['activation', 'diagnostics', 'hover', 'completion', 'format', 'codeAction', 'memoryMap', 'statusCommands'];

exports.run = function run() {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
  // The Restricted Mode run (runExtensionTests.js with E2E_WORKSPACE_TRUST=1) has its own suite.
  for (const name of process.env.E2E_SUITE === 'restricted' ? ['restricted'] : ORDER) mocha.addFile(path.join(__dirname, `${name}.test.js`));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = failures, pending = 0 } = runner.stats || {};
      if (process.env.E2E_RESULT_FILE) fs.writeFileSync(process.env.E2E_RESULT_FILE, JSON.stringify({ passed: passes, failed, pending }));
      if (failures) reject(new Error(`${failures} tests failed.`)); else resolve();
    });
  });
};
