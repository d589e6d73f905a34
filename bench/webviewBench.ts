// Memory-map webview in headless Chromium, 10,000 regions:
//  - first paint: from navigation start (a file:// page, so the clock starts with the load and not
//    with the browser tab) until the first task after the first animation frame that holds the
//    picture and the verdict (the page's own `kexec:first-paint` mark, see client/webview/main.ts:
//    that frame's style, layout and paint are done); beside it, in the same browser, the same
//    measurement on a page that only puts one line of text on screen (what navigation and one
//    frame cost here), and the page's phase marks (html: navigation to script start; json,
//    layout, scene, dom, host-size, first-view: the first render);
//  - zoom: ~60 mouse-wheel steps. `zoomFrameMs` are requestAnimationFrame deltas (vsync-bound,
//    so never below ~16.7 ms; a slow frame shows as 33 or 50), `zoomFrameWorkMs` the main-thread
//    time of the frame that shows each wheel step (input, callbacks, style, layout, paint), from
//    a Chromium trace: what has to stay under 16 ms;
//  - size (benchMapSize): the page `kexec-layout map FILE --out x.html` writes for 10,000
//    regions + 16 segments, beside the raw region JSON of the same map.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium, standalonePage } from '../test/webview/chromium';
import { manyRegions } from '../test/webview/fixtures';
import { makeNonce, pageHtml } from '../common/src/render/standalone';
import type { MapModel } from '../common/src/render/mapModel';
import { checkText } from '../common/src/features/check';
import { memoryMapModel } from '../common/src/features/memoryMap';
import { bigMapLayout } from './engineBench';
import { CLI } from './processBench';

export interface Percentiles { median: number; p95: number }
export interface WebviewBenchResult {
  firstPaintMs: number;
  /** The same measurement on a page that only shows one line of text. */
  emptyPaintMs: number;
  /** The first animation frame's callback (before that frame's style, layout and paint). */
  firstFrameMs: number;
  /** Chromium's own first-contentful-paint entry, when it reports one. */
  fcpMs: number | null;
  /** Size of the page measured, and of its raw region JSON. */
  pageBytes: number;
  rawRegionBytes: number;
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

/** A page with the same skeleton and CSP whose script shows one line of text and marks the frame as the map does. */
function emptyPage(): string {
  const nonce = makeNonce();
  const js = `performance.mark('kexec:script-start');
const p = document.createElement('p'); p.textContent = 'load ok \u00b7 jump ok'; document.body.appendChild(p);
requestAnimationFrame(() => { performance.mark('kexec:first-frame'); const c = new MessageChannel();
  c.port1.onmessage = () => performance.mark('kexec:first-paint'); c.port2.postMessage(null); });`;
  return pageHtml({ csp: `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'`, nonce, title: 'empty', css: '', body: `<script nonce="${nonce}">${js}</script>` });
}

interface PaintResult { ms: number; frame: number; fcp: number | null; phases: Record<string, number> }

async function firstPaint(page: Page, url: string): Promise<PaintResult> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('kexec:first-paint').length > 0, null, { timeout: 120_000, polling: 50 });
  // Chromium reports first-contentful-paint a little after the frame is presented.
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 2_000, polling: 20 }).catch(() => undefined);
  return page.evaluate(() => {
    const phases: Record<string, number> = {};
    for (const m of performance.getEntriesByType('measure')) if (m.name.startsWith('kexec:')) phases[m.name.slice(6)] = Math.round(m.duration * 10) / 10;
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime;
    const script = at('kexec:script-start');
    if (script !== undefined) phases.html = Math.round(script * 10) / 10;
    return { ms: at('kexec:first-paint')!, frame: at('kexec:first-frame')!, fcp: at('first-contentful-paint') ?? null, phases };
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
  const empty = join(dir, 'empty.html');
  const model = manyRegions(10_000);
  writeFileSync(file, standalonePage(model));
  writeFileSync(empty, emptyPage());
  const browser = await launchChromium();
  try {
    // The empty page first, in a tab of its own: both pages then start from the same browser state.
    const blank = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const floor = await firstPaint(blank, pathToFileURL(empty).href);
    await blank.close();
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
      emptyPaintMs: round(floor.ms),
      firstFrameMs: round(first.frame),
      fcpMs: first.fcp === null ? null : round(first.fcp),
      pageBytes: statSync(file).size,
      rawRegionBytes: Buffer.byteLength(rawRegionJson(model)),
      phasesMs: first.phases,
      zoomFrameMs: { median: round(percentile(deltas, 50)), p95: round(percentile(deltas, 95)) },
      zoomFrameWorkMs: { median: round(percentile(work, 50)), p95: round(percentile(work, 95)), frames: work.length },
    };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The map's regions as plain JSON: {start, end, type, label} each, no spaces (the size reference). */
export function rawRegionJson(model: MapModel): string {
  return JSON.stringify(model.regions.map((r) => (r.label === undefined ? { start: r.start, end: r.end, type: r.type } : { start: r.start, end: r.end, type: r.type, label: r.label })));
}

export interface MapSizeResult { layoutBytes: number; htmlBytes: number; rawRegionBytes: number; regions: number; segments: number }

/** `kexec-layout map FILE --out x.html` of 10,000 regions + 16 segments (the check benchmark's layout) beside its raw region JSON. */
export async function benchMapSize(): Promise<MapSizeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kexec-map-size-'));
  try {
    const layout = join(dir, 'regions-10000.kexec');
    const out = join(dir, 'map.html');
    const text = bigMapLayout(10_000);
    writeFileSync(layout, text);
    const r = spawnSync(process.execPath, [CLI, 'map', layout, '--out', out], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`kexec-layout map failed (${r.status}): ${r.stderr}`);
    const model = memoryMapModel(await checkText(text), 'regions-10000.kexec');
    return { layoutBytes: text.length, htmlBytes: readFileSync(out).length, rawRegionBytes: Buffer.byteLength(rawRegionJson(model)), regions: model.regions.length, segments: model.segments.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  (async () => console.log(JSON.stringify({ size: await benchMapSize(), paint: await benchWebview() })))().catch((e) => { console.error(e); process.exitCode = 1; });
}
