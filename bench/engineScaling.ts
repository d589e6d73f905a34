// Engine scaling: analyze() on growing numbers of fixed segments, mem=auto segments and unaccepted
// ranges, each row beside a reference measured in the same run (sorting the same number of
// bigints). Run: node out/bench/engineScaling.js  (after npx tsc -p .)
import { performance } from 'node:perf_hooks';
import { parseLayout } from '../common/src/language/parser';
import { buildLayout } from '../common/src/engine/layout';
import { analyze } from '../common/src/engine/analyze';

const MAP = 'region 0x0 .. 0x100_0000_0000 ram\n';

function layouts(kind: string, n: number): string {
  const lines: string[] = [MAP];
  if (kind === 'segments') for (let i = 0; i < n; i++) lines.push(`segment s${i} mem=${'0x' + (BigInt(i) * 0x2000n).toString(16)} memsz=0x3000`);
  if (kind === 'identical') for (let i = 0; i < n; i++) lines.push(`segment s${i} mem=0x10_0000 memsz=4K`);
  if (kind === 'auto') for (let i = 0; i < n; i++) lines.push(`segment s${i} mem=auto memsz=${4 + (i % 5)}K${i % 2 ? ' top-down' : ''}`);
  if (kind === 'unaccepted') {
    for (let i = 0; i < n; i++) lines.push(`unaccepted ${'0x' + (BigInt(i) * 0x40_0000n).toString(16)} + 2M`);
    lines.push('segment a mem=0x10_0000 memsz=64M', 'segment b mem=auto memsz=16M top-down');
  }
  return lines.join('\n');
}

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function reference(n: number): number {
  const xs = Array.from({ length: n }, (_, i) => BigInt((i * 2654435761) % 4294967296) << 12n);
  return time(() => xs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
}

const rows: string[] = ['| input | n | analyze (ms) | per item (µs) | sort n bigints (ms) | ratio |', '|---|---|---|---|---|---|'];
for (const [kind, sizes] of [['segments', [10_000, 30_000, 100_000]], ['identical', [1_000, 4_000, 16_000]], ['auto', [1_000, 3_000, 10_000]], ['unaccepted', [10_000, 30_000, 100_000]]] as const) {
  for (const n of sizes) {
    const layout = buildLayout(parseLayout(layouts(kind, n)));
    const ms = time(() => analyze(layout));
    const ref = reference(n);
    rows.push(`| ${kind} | ${n.toLocaleString('en-US')} | ${ms.toFixed(1)} | ${((ms * 1000) / n).toFixed(2)} | ${ref.toFixed(1)} | ${(ms / ref).toFixed(1)} |`);
  }
}
process.stdout.write(rows.join('\n') + '\n');
