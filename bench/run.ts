// npm run bench: every benchmark with its reference, in one run; writes bench/RESULTS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchEngine } from './engineBench';
import { benchLsp, benchJsonLsp } from './lspBench';
import { benchProcess } from './processBench';
import { benchImport } from './importBench';
import { summarize, type Stat } from './stats';

type Section = [string, Record<string, Stat | number | string>];

const kib = (n: number) => `${Math.round(n / 1024)} KiB (${n.toLocaleString('en-US')} B)`;

/** The memory-map rows: page size beside the raw region JSON, first paint beside its references, zoom. */
async function mapSections(): Promise<Section[]> {
  const { benchWebview, benchMapSize } = await import('./webviewBench.js');
  const size = await benchMapSize();
  const runs: Awaited<ReturnType<typeof benchWebview>>[] = [];
  for (let i = 0; i < 5; i++) runs.push(await benchWebview());
  const last = runs[runs.length - 1];
  const paint = summarize(runs.map((w) => w.firstPaintMs));
  const floor = summarize(runs.map((w) => w.emptyPaintMs));
  const fcp = runs.map((w) => w.fcpMs).filter((x): x is number => x !== null);
  return [
    ['Memory map page size, 10,000 regions (bytes)', {
      [`kexec-layout map --out x.html, 10,000 regions + 16 segments (layout ${kib(size.layoutBytes)})`]: kib(size.htmlBytes),
      'reference: the raw region JSON of the same map ({start,end,type,label} each, no spaces)': kib(size.rawRegionBytes),
      'ratio: HTML / raw region JSON (target ≤ 1.5×)': `${(size.htmlBytes / size.rawRegionBytes).toFixed(2)}×`,
      'the page of the first-paint rows below (10,000 regions, nested, unaccepted, labelled)': kib(last.pageBytes),
      'reference: its raw region JSON': kib(last.rawRegionBytes),
      'ratio: that page / its raw region JSON': `${(last.pageBytes / last.rawRegionBytes).toFixed(2)}×`,
    }],
    ['Memory map in Chromium, 10,000 regions (ms)', {
      [`first paint: navigation start → the first frame holding the picture and the verdict, painted (${runs.length} page loads, a fresh browser each)`]: paint,
      'reference: the same on a page that shows one line of text (navigation + one frame, same browser)': floor,
      'ratio: first paint / that page (the map\'s own cost is the difference)': `${(paint.median / floor.median).toFixed(2)}× (+${(paint.median - floor.median).toFixed(1)} ms)`,
      'first animation frame callback after the picture and the verdict are in the DOM': summarize(runs.map((w) => w.firstFrameMs)),
      ...(fcp.length > 0 ? { 'Chromium first-contentful-paint of the map page': summarize(fcp) } : {}),
      'reference: HTML load and parse before the script runs': summarize(runs.map((w) => w.phasesMs.html ?? NaN)),
      'script: model JSON parse and decode': summarize(runs.map((w) => w.phasesMs.json ?? NaN)),
      'script: layout + scene + DOM + first view': summarize(runs.map((w) => ['layout', 'host-size', 'scene', 'dom', 'first-view'].reduce((t, k) => t + (w.phasesMs[k] ?? 0), 0))),
      'zoom frame main-thread work': { median: last.zoomFrameWorkMs.median, p95: last.zoomFrameWorkMs.p95, runs: last.zoomFrameWorkMs.frames },
      'zoom frame interval (requestAnimationFrame, vsync-bound)': { ...last.zoomFrameMs, runs: 60 },
    }],
  ];
}

function markdown(sections: Section[]): string {
  let md = '';
  for (const [title, rows] of sections) {
    md += `## ${title}\n\n| case | median | p95 | runs |\n|---|---|---|---|\n`;
    for (const [k, v] of Object.entries(rows)) md += typeof v === 'string' ? `| ${k} | ${v} | | |\n` : typeof v === 'number' ? `| ${k} | ${v.toFixed(1)} | | 1 |\n` : `| ${k} | ${v.median} | ${v.p95} | ${v.runs} |\n`;
    md += '\n';
  }
  return md;
}

const stamp = () => `${new Date().toISOString()} · node ${process.version} · ${os.cpus().length} cores · load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`;
const RESULTS = path.join(__dirname, '..', '..', 'bench', 'RESULTS.md');

/**
 * `--map-only`: only the memory-map sections, replaced in bench/RESULTS.md (the other sections
 * keep their run); the map sections say when they were measured.
 */
const MAP_STAMP = 'Memory-map sections measured on their own: ';

async function mapOnly(): Promise<void> {
  const md = `${MAP_STAMP}${stamp()} (\`npm run bench -- --map-only\`).\n\n` + markdown(await mapSections());
  process.stdout.write(md);
  // Lines of the old file, minus its memory-map sections (and their stamp line).
  const lines = readFileSync(RESULTS, 'utf8').trimEnd().split('\n');
  const kept: string[] = [];
  let at = -1;
  let skipping = false;
  for (const line of lines) {
    if (line.startsWith(MAP_STAMP)) { skipping = true; if (at < 0) at = kept.length; continue; }
    if (line.startsWith('## ')) {
      skipping = line.startsWith('## Memory map');
      if (skipping && at < 0) at = kept.length;
    }
    if (!skipping) kept.push(line);
  }
  if (at < 0) at = kept.length;
  const before = kept.slice(0, at).join('\n').trimEnd();
  const after = kept.slice(at).join('\n').trim();
  writeFileSync(RESULTS, `${before}\n\n${md}${after ? after + '\n' : ''}`);
}

/**
 * `--import-only`: only the streaming-import section (import beside read + split, one run each),
 * replaced in bench/RESULTS.md with a line saying when it was measured.
 */
const IMPORT_TITLE = 'Streaming import (child processes, one run each)';
const IMPORT_STAMP = 'Streaming-import section measured on its own: ';

function importOnly(): void {
  const md = `## ${IMPORT_TITLE}\n\n${IMPORT_STAMP}${stamp()} (\`npm run bench -- --import-only\`).\n\n` +
    markdown([[IMPORT_TITLE, benchImport()]]).replace(/^## .*\n\n/, '');
  process.stdout.write(md);
  const lines = readFileSync(RESULTS, 'utf8').trimEnd().split('\n');
  const kept: string[] = [];
  let at = -1;
  let skipping = false;
  for (const line of lines) {
    if (line.startsWith('## ')) {
      skipping = line.startsWith('## Streaming import');
      if (skipping && at < 0) at = kept.length;
    }
    if (!skipping) kept.push(line);
  }
  if (at < 0) at = kept.length;
  const before = kept.slice(0, at).join('\n').trimEnd();
  const after = kept.slice(at).join('\n').trim();
  writeFileSync(RESULTS, `${before}\n\n${md}${after ? '\n' + after + '\n' : ''}`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--map-only')) return mapOnly();
  if (process.argv.includes('--import-only')) return importOnly();
  const sections: Section[] = [];
  sections.push(['Whole process, from a cold node start (ms)', benchProcess()]);
  sections.push(['Engine (parse + check, ms)', benchEngine()]);
  sections.push(['Language server over stdio (ms)', { ...(await benchLsp()), ...(await benchJsonLsp()) }]);
  sections.push(['Streaming import (child processes, one run each)', benchImport()]);
  if (!process.argv.includes('--no-browser')) sections.push(...(await mapSections()));
  const md = `# Benchmark results\n\n${stamp()}\n\n` + markdown(sections);
  process.stdout.write(md);
  // Only a complete run replaces the committed results.
  if (!process.argv.includes('--no-browser')) writeFileSync(RESULTS, md);
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
