// Where things are, and a private environment for the programs the tests start
// (code-server, chromium, neovim), so none of them writes to $HOME.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..', '..');
// The extension under test: the repository itself unless E2E_EXTENSION_PATH names another folder
// with the same layout (package.json, dist/, examples/).
const EXTENSION = path.resolve(process.env.E2E_EXTENSION_PATH || REPO);
const CACHE = process.env.E2E_CACHE || path.join(os.homedir(), '.cache', 'kexec-layout-e2e');
const CODE_SERVER = process.env.E2E_CODE_SERVER || path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const OUTPUT = path.join(REPO, 'test-output', 'e2e');

function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kexec-e2e-${prefix}-`));
}

/** process.env with HOME and the XDG folders moved under `dir`. */
function isolatedEnv(dir, extra = {}) {
  const env = { ...process.env, HOME: path.join(dir, 'home') };
  for (const [k, sub] of [['XDG_CONFIG_HOME', 'config'], ['XDG_DATA_HOME', 'data'], ['XDG_CACHE_HOME', 'cache'], ['XDG_STATE_HOME', 'state']]) {
    env[k] = path.join(dir, 'home', sub);
    fs.mkdirSync(env[k], { recursive: true });
  }
  return Object.assign(env, extra);
}

function requireTool(file, hint) {
  if (!fs.existsSync(file)) throw new Error(`${file} not found: ${hint}`);
  return file;
}

module.exports = { REPO, EXTENSION, CACHE, CODE_SERVER, CHROMIUM, OUTPUT, tempDir, isolatedEnv, requireTool };
