// npm run bench: every benchmark with its reference, in one run; writes bench/RESULTS.md.
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchEngine } from './engineBench';
import { benchLsp } from './lspBench';
import type { Stat } from './stats';

async function main(): Promise<void> {
  const sections: [string, Record<string, Stat | number>][] = [];
  sections.push(['Engine (parse + check, ms)', benchEngine()]);
  sections.push(['Language server over stdio (ms)', await benchLsp()]);
  if (!process.argv.includes('--no-browser')) {
    const { benchWebview } = await import('./webviewBench.js');
    const w = await benchWebview();
    sections.push(['Memory map in Chromium, 10,000 regions (ms)', { 'first paint': w.firstPaintMs, 'zoom frame median': w.zoomFrameMs.median, 'zoom frame p95': w.zoomFrameMs.p95 }]);
  }
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  let md = `# Benchmark results\n\n${new Date().toISOString()} · node ${process.version} · ${os.cpus().length} cores · load average ${load}\n\n`;
  for (const [title, rows] of sections) {
    md += `## ${title}\n\n| case | median | p95 | runs |\n|---|---|---|---|\n`;
    for (const [k, v] of Object.entries(rows)) md += typeof v === 'number' ? `| ${k} | ${v.toFixed(1)} | | 1 |\n` : `| ${k} | ${v.median} | ${v.p95} | ${v.runs} |\n`;
    md += '\n';
  }
  process.stdout.write(md);
  writeFileSync(path.join(__dirname, '..', '..', 'bench', 'RESULTS.md'), md);
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
