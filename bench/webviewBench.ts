// Memory-map webview in headless Chromium, 10,000 regions:
//  - first paint: from navigation start (a file:// page, so the clock starts with the load and not
//    with the browser tab) until the second animation frame after the first render, recorded in
//    the page itself; plus the page's phase marks (html: navigation to script start; json,
//    layout, scene, dom, host-size, first-view: the first render);
//  - zoom: ~60 mouse-wheel steps. `zoomFrameMs` are requestAnimationFrame deltas (vsync-bound,
//    so never below ~16.7 ms; a slow frame shows as 33 or 50), `zoomFrameWorkMs` the main-thread
//    time of the frame that shows each wheel step (input, callbacks, style, layout, paint), from
//    a Chromium trace: what has to stay under 16 ms.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium, standalonePage } from '../test/webview/chromium';
import { manyRegions } from '../test/webview/fixtures';

export interface Percentiles { median: number; p95: number }
export interface WebviewBenchResult {
  firstPaintMs: number;
  /** Page phase marks (kexec:*), ms; `html` is navigation start to the script's first line. */
  phasesMs: Record<string, number>;
  zoomFrameMs: Percentiles;
  zoomFrameWorkMs: Percentiles & { frames: number };
}

const WHEEL_STEPS = 60;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs before any page script (and outside its CSP): notes two frames after the first render. */
function watchFirstRender(): void {
  const w = window as unknown as { __firstPaint?: number };
  const seen = new MutationObserver(() => {
    if (!document.body?.hasAttribute('data-render-count')) return;
    seen.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { w.__firstPaint = performance.now(); }));
  });
  seen.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-render-count'] });
}

async function firstPaint(page: Page, url: string): Promise<{ ms: number; phases: Record<string, number> }> {
  await page.addInitScript(watchFirstRender);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __firstPaint?: number }).__firstPaint !== undefined, null, { timeout: 120_000, polling: 50 });
  return page.evaluate(() => {
    const phases: Record<string, number> = {};
    for (const m of performance.getEntriesByType('measure')) if (m.name.startsWith('kexec:')) phases[m.name.slice(6)] = Math.round(m.duration * 10) / 10;
    const script = performance.getEntriesByName('kexec:script-start')[0];
    if (script) phases.html = Math.round(script.startTime * 10) / 10;
    return { ms: (window as unknown as { __firstPaint: number }).__firstPaint, phases };
  });
}

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; data?: { type?: string } } }

/**
 * Main-thread time of each frame that shows a wheel step: the first task after the wheel event
 * (usually the same one) that updates the rendering, from the browser's trace.
 */
function wheelFrameWork(events: TraceEvent[]): number[] {
  const thread = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!thread) return [];
  const main = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X');
  const inside = (outer: TraceEvent, e: TraceEvent) => e.ts >= outer.ts && e.ts < outer.ts + (outer.dur ?? 0);
  const tasks = main.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const lifecycles = main.filter((e) => e.name === 'PrePaint');
  const frames = tasks.filter((t) => lifecycles.some((l) => inside(t, l)));
  const wheels = main.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'wheel');
  const out: number[] = [];
  for (const w of wheels) {
    const task = tasks.find((t) => inside(t, w));
    const frame = frames.find((f) => f.ts >= (task?.ts ?? w.ts));
    if (frame) out.push((frame.dur ?? 0) / 1000);
  }
  return out;
}

async function zoomFrames(page: Page): Promise<{ deltas: number[]; work: number[] }> {
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
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  // Zoom in for most steps, then back out: both directions cross label thresholds.
  for (let i = 0; i < WHEEL_STEPS; i++) {
    await page.mouse.wheel(0, i < WHEEL_STEPS * 0.7 ? -120 : 240);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const deltas = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
  return { deltas, work: wheelFrameWork(trace.traceEvents) };
}

export async function benchWebview(): Promise<WebviewBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kexec-webview-bench-'));
  const file = join(dir, 'map.html');
  writeFileSync(file, standalonePage(manyRegions(10_000)));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const first = await firstPaint(page, pathToFileURL(file).href);
    const { deltas, work } = await zoomFrames(page);
    deltas.sort((a, b) => a - b);
    work.sort((a, b) => a - b);
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      firstPaintMs: round(first.ms),
      phasesMs: first.phases,
      zoomFrameMs: { median: round(percentile(deltas, 50)), p95: round(percentile(deltas, 95)) },
      zoomFrameWorkMs: { median: round(percentile(work, 50)), p95: round(percentile(work, 95)), frames: work.length },
    };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchWebview().then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exitCode = 1; });
}
