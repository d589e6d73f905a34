// Starts code-server (VS Code's server + web workbench) on a free loopback port with its own
// user-data and extensions folders, and stops it again.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');
const { CODE_SERVER, isolatedEnv, requireTool } = require('./env');

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.hover.delay': 100,
};

// E2E_WORKSPACE_TRUST=1 (the restricted extension-host run): workspace trust on, and a folder
// opened untrusted without the startup prompt, so the workbench stays in Restricted Mode.
const TRUST = !!process.env.E2E_WORKSPACE_TRUST;
const TRUST_SETTINGS = { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false };

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function codeServerArgs(dir, { userDataDir, extensionsDir }) {
  return ['--config', path.join(dir, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

/** Prepares `dir` (a fresh temp folder) and returns the folders code-server will use there. */
function prepare(dir, { userDataDir, extensionsDir } = {}) {
  userDataDir = userDataDir || path.join(dir, 'user-data');
  extensionsDir = extensionsDir || path.join(dir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settings = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settings)) fs.writeFileSync(settings, JSON.stringify(TRUST ? { ...SETTINGS, ...TRUST_SETTINGS } : SETTINGS, null, 2));
  fs.writeFileSync(path.join(dir, 'config.yaml'), ''); // keeps code-server away from ~/.config/code-server
  return { userDataDir, extensionsDir, env: isolatedEnv(dir, { EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY || '{}' }) };
}

/** code-server --install-extension VSIX into the extensions folder of `dir`. */
function installExtension(dir, vsix, opts = {}) {
  requireTool(CODE_SERVER, 'run .ci/e2e-setup.sh');
  const p = prepare(dir, opts);
  const r = spawnSync(CODE_SERVER, [...codeServerArgs(dir, p), '--install-extension', vsix], { env: p.env, encoding: 'utf8', timeout: 120000 });
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) throw new Error(`--install-extension ${vsix} failed: ${out.trim()}`);
  return out.trim();
}

/** Starts code-server; resolves to { url, port, stop(), logFile } once /healthz answers. */
async function start(dir, opts = {}) {
  requireTool(CODE_SERVER, 'run .ci/e2e-setup.sh');
  const p = prepare(dir, opts);
  const port = await freePort();
  const logFile = path.join(dir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(CODE_SERVER, [...codeServerArgs(dir, p), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', ...(TRUST ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override'],
  { env: p.env, stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 30000;
  for (;;) {
    try { if ((await fetch(`${url}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`code-server did not start; log: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  async function stop() {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.closeSync(log);
  }
  return { url, port, stop, logFile, ...p };
}

module.exports = { start, installExtension };
