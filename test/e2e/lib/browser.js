// Headless Debian chromium through playwright-core, with its profile in a temp folder.
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');
const { CHROMIUM, isolatedEnv, requireTool } = require('./env');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--password-store=basic'];

/** Resolves to { context, page }; close with context.close(). */
async function launch(dir, { viewport = { width: 1400, height: 900 } } = {}) {
  requireTool(CHROMIUM, 'apt-get install chromium (.ci/e2e-setup.sh)');
  const context = await chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM, headless: true, viewport, args: ARGS, env: isolatedEnv(dir),
  });
  const page = context.pages()[0] || await context.newPage();
  return { context, page };
}

module.exports = { launch };
