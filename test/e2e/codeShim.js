#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// There is no desktop (Electron) VS Code on these machines; code-server is the same VS Code
// (server, web workbench, Node extension host). This script takes the arguments runTests passes,
// starts code-server, and opens the workbench in headless chromium with the URL payload that
// VS Code's own web integration tests use (extensionDevelopmentPath + extensionTestsPath).
// The extension host then runs the tests' run(); its console comes back through
// window.codeAutomationLog and its result through window.codeAutomationExit(code), which
// becomes this process's exit code.
//
// Env: E2E_SHIM_TIMEOUT_MS (default 240000), E2E_SHIM_VERBOSE=1 (all workbench log lines),
// E2E_SHIM_KEEP=1 (keep the temp folder with code-server's log).
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const codeServer = require('./lib/codeServer');
const browser = require('./lib/browser');
const { tempDir } = require('./lib/env');

const TIMEOUT = Number(process.env.E2E_SHIM_TIMEOUT_MS || 240000);
// Workbench chatter that is not the tests' own output.
const NOISE = /^(ChatSessionStore|Resolving|Resolved|Creating a socket|Updating additional|\[Service Worker\]|Ignoring fetching additional builtin|Extension host agent|Started initializing default profile|Completed initializing default profile|\[perf\])/;

function parseArgs(argv) {
  const out = { devPaths: [], folders: [] };
  for (const a of argv) {
    const m = /^--([^=]+)=(.*)$/.exec(a);
    if (m && m[1] === 'extensionDevelopmentPath') out.devPaths.push(path.resolve(m[2]));
    else if (m && m[1] === 'extensionTestsPath') out.testsPath = path.resolve(m[2]);
    else if (m && m[1] === 'extensions-dir') out.extensionsDir = path.resolve(m[2]);
    else if (m && m[1] === 'user-data-dir') out.userDataDir = path.resolve(m[2]);
    else if (!a.startsWith('-')) out.folders.push(path.resolve(a));
    // Electron-only flags (--no-sandbox, --disable-gpu-sandbox, --skip-welcome, ...) do not apply.
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.testsPath) throw new Error('no --extensionTestsPath given');
  const t0 = Date.now();
  const dir = tempDir('shim');
  let server, context, code = 1;
  try {
    server = await codeServer.start(dir, { userDataDir: args.userDataDir, extensionsDir: args.extensionsDir });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ...args.devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(args.testsPath)],
      ['skipWelcome', 'true'],
    ];
    const folder = args.folders.find((p) => fs.existsSync(p) && fs.statSync(p).isDirectory());
    const url = `${server.url}/?${folder ? `folder=${encodeURIComponent(folder)}` : 'ew=true'}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    ({ context } = await browser.launch(dir));
    const page = context.pages()[0];
    let exit;
    const exited = new Promise((resolve) => { exit = resolve; });
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      const line = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      if (process.env.E2E_SHIM_VERBOSE || !NOISE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (c) => exit(c));
    // VS Code builds after 1.100 honour the payload only with the smoke-test driver switched on,
    // and code-server's CLI has no flag for it: switch it on where the workbench reads its
    // configuration. No effect on 1.100.
    await page.addInitScript(() => {
      const getAttribute = Element.prototype.getAttribute;
      Element.prototype.getAttribute = function (name) {
        const v = getAttribute.call(this, name);
        if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && v) {
          const cfg = JSON.parse(v);
          cfg.developmentOptions = { ...(cfg.developmentOptions || {}), enableSmokeTestDriver: true };
          return JSON.stringify(cfg);
        }
        return v;
      };
    });
    await page.goto(url);
    let timer;
    code = await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), TIMEOUT); })]);
    clearTimeout(timer);
    if (code === 'timeout') {
      console.error(`codeShim: the extension tests gave no result within ${TIMEOUT} ms`);
      code = 1;
    }
  } finally {
    if (context) await context.close().catch(() => {});
    if (server) await server.stop();
    if (process.env.E2E_SHIM_KEEP) console.error(`codeShim: kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  console.error(`codeShim: extension tests exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return code;
}

main().then((code) => process.exit(code), (e) => { console.error(`codeShim: ${e.stack || e}`); process.exit(1); });
