// Memory-map webview in headless Chromium: time to first paint of a 10,000-region map, and frame
// times while zooming with the mouse wheel (requestAnimationFrame deltas over ~60 wheel steps).

import type { Page } from 'playwright-core';
import { launchChromium, standalonePage } from '../test/webview/chromium';
import { manyRegions } from '../test/webview/fixtures';

export interface WebviewBenchResult { firstPaintMs: number; zoomFrameMs: { median: number; p95: number } }

const WHEEL_STEPS = 60;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Milliseconds from navigation start until the frame after the first render has been presented. */
async function firstPaint(page: Page, html: string): Promise<number> {
  await page.setContent(html, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('body[data-render-count]', { state: 'attached', timeout: 120_000 });
  return page.evaluate(() => new Promise<number>((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
  }));
}

async function zoomFrames(page: Page): Promise<number[]> {
  const box = await page.locator('.map-host').boundingBox();
  if (!box) throw new Error('no map on the page');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // Zoom in for most steps, then back out: both directions cross label thresholds.
  for (let i = 0; i < WHEEL_STEPS; i++) {
    await page.mouse.wheel(0, i < WHEEL_STEPS * 0.7 ? -120 : 240);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
}

export async function benchWebview(): Promise<WebviewBenchResult> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const firstPaintMs = await firstPaint(page, standalonePage(manyRegions(10_000)));
    const frames = (await zoomFrames(page)).sort((a, b) => a - b);
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      firstPaintMs: round(firstPaintMs),
      zoomFrameMs: { median: round(percentile(frames, 50)), p95: round(percentile(frames, 95)) },
    };
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  benchWebview().then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exitCode = 1; });
}
