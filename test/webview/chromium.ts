// Headless Debian Chromium for the webview tests and the bench (playwright-core drives it).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { MapModel } from '../../common/src/render/mapModel';
import { toStandaloneHtml } from '../../common/src/render/standalone';
import { REPO_ROOT } from './fixtures';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** The bundled webview script (run `node esbuild.mjs` first). */
export function webviewScript(): string {
  return readFileSync(join(REPO_ROOT, 'dist', 'webview', 'memoryMap.js'), 'utf8');
}

export function standalonePage(model: MapModel): string {
  return toStandaloneHtml(model, webviewScript());
}
