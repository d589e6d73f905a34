// npm run bench: every benchmark with its reference, in one run; writes bench/RESULTS.md.
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchEngine } from './engineBench';
import { benchLsp, benchJsonLsp } from './lspBench';
import { benchProcess } from './processBench';
import { benchImport } from './importBench';
import { summarize, type Stat } from './stats';

async function main(): Promise<void> {
  const sections: [string, Record<string, Stat | number | string>][] = [];
  sections.push(['Whole process, from a cold node start (ms)', benchProcess()]);
  sections.push(['Engine (parse + check, ms)', benchEngine()]);
  sections.push(['Language server over stdio (ms)', { ...(await benchLsp()), ...(await benchJsonLsp()) }]);
  sections.push(['Streaming import (child processes, one run each)', benchImport()]);
  if (!process.argv.includes('--no-browser')) {
    const { benchWebview } = await import('./webviewBench.js');
    const runs = [await benchWebview(), await benchWebview(), await benchWebview()];
    const paint = summarize(runs.map((w) => w.firstPaintMs));
    const last = runs[runs.length - 1];
    sections.push(['Memory map in Chromium, 10,000 regions (ms)', {
      'first paint (3 page loads)': paint,
      'reference: HTML load and parse before the script runs': summarize(runs.map((w) => w.phasesMs.html ?? NaN)),
      'zoom frame main-thread work': { median: last.zoomFrameWorkMs.median, p95: last.zoomFrameWorkMs.p95, runs: last.zoomFrameWorkMs.frames },
      'zoom frame interval (requestAnimationFrame, vsync-bound)': { ...last.zoomFrameMs, runs: 60 },
    }]);
  }
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  let md = `# Benchmark results\n\n${new Date().toISOString()} · node ${process.version} · ${os.cpus().length} cores · load average ${load}\n\n`;
  for (const [title, rows] of sections) {
    md += `## ${title}\n\n| case | median | p95 | runs |\n|---|---|---|---|\n`;
    for (const [k, v] of Object.entries(rows)) md += typeof v === 'string' ? `| ${k} | ${v} | | |\n` : typeof v === 'number' ? `| ${k} | ${v.toFixed(1)} | | 1 |\n` : `| ${k} | ${v.median} | ${v.p95} | ${v.runs} |\n`;
    md += '\n';
  }
  process.stdout.write(md);
  // Only a complete run replaces the committed results.
  if (!process.argv.includes('--no-browser')) writeFileSync(path.join(__dirname, '..', '..', 'bench', 'RESULTS.md'), md);
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
