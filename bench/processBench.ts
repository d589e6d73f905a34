// Whole-process benchmarks: `kexec-layout check` from a cold `node` start, each beside references
// run on the same data as JSON in the same run — `node -e JSON.parse(...)` and a process that
// parses and schema-validates it with vscode-json-languageservice (bundled like our CLI is).
// Also the start-up alone: `node -e 0` and `kexec-layout --version` (everything loaded before
// the first line of a layout is parsed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { regions, type Case } from './layouts';
import { summarize, type Stat } from './stats';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'server', 'cli.js');

export interface Run { ms: number; rssMb: number; status: number | null; stdout: string }

/** Runs one process, wall time from spawn to exit and its peak RSS (GNU time). */
export function runProcess(args: string[]): Run {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const lines = r.stderr.trim().split('\n');
  return { ms, rssMb: Number(lines[lines.length - 1]) / 1024, status: r.status, stdout: r.stdout };
}

export function times(args: string[], runs: number): { stat: Stat; rssMb: number; last: Run } {
  const samples: number[] = [];
  let rss = 0;
  let last!: Run;
  for (let i = 0; i < runs; i++) { last = runProcess(args); samples.push(last.ms); rss = Math.max(rss, last.rssMb); }
  return { stat: summarize(samples), rssMb: Math.round(rss), last };
}

/** The JSON references as files: the data file and a bundled vscode-json-languageservice script. */
export function writeCase(dir: string, name: string, c: Case): { layout: string; json: string } {
  const layout = path.join(dir, `${name}.kexec`);
  const json = path.join(dir, `${name}.json`);
  writeFileSync(layout, c.layout);
  writeFileSync(json, c.json);
  return { layout, json };
}

export const jsonParseArgs = (file: string) => ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`];

export function bundleJsonService(dir: string): string {
  const out = path.join(dir, 'jsonService.js');
  buildSync({ entryPoints: [path.join(ROOT, 'bench', 'jsonService.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'error', mainFields: ['module', 'main'] });
  return out;
}

const ratio = (a: Stat, b: Stat) => `${(a.median / b.median).toFixed(2)}×`;

export function benchProcess(): Record<string, Stat | string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kexec-bench-'));
  try {
    const service = bundleJsonService(dir);
    const r10k = writeCase(dir, 'r10k', regions(10_000));
    const r100k = writeCase(dir, 'r100k', regions(100_000));
    const kb = (f: string) => `${Math.round(statSync(f).size / 1024)} KiB`;
    const start = times(['-e', '0'], 10);
    const version = times([CLI, '--version'], 10);
    const check10k = times([CLI, 'check', r10k.layout], 10);
    if (check10k.last.status === 2) throw new Error(`check failed: ${check10k.last.stdout}`);
    const parse10k = times(jsonParseArgs(r10k.json), 10);
    const service10k = times([service, r10k.json], 5);
    if (!/^0 problems/.test(service10k.last.stdout)) throw new Error(`the JSON reference did not validate: ${service10k.last.stdout}`);
    const check100k = times([CLI, 'check', r100k.layout], 3);
    const parse100k = times(jsonParseArgs(r100k.json), 3);
    return {
      'node -e 0 (a process that does nothing)': start.stat,
      [`kexec-layout --version (start-up: all code loaded before a layout is read; cli.js ${kb(CLI)})`]: version.stat,
      [`kexec-layout check, 10,000 regions + 16 segments (${kb(r10k.layout)}; peak ${check10k.rssMb} MB)`]: check10k.stat,
      [`reference: node -e JSON.parse of the same as JSON (${kb(r10k.json)}; peak ${parse10k.rssMb} MB)`]: parse10k.stat,
      [`reference: vscode-json-languageservice parse + schema validation (peak ${service10k.rssMb} MB)`]: service10k.stat,
      'ratio: check / JSON.parse (target ≤ 1.5×)': ratio(check10k.stat, parse10k.stat),
      'ratio: check / vscode-json-languageservice (target ≤ 0.5×)': ratio(check10k.stat, service10k.stat),
      [`kexec-layout check, 100,000 regions + 16 segments (${kb(r100k.layout)}; peak ${check100k.rssMb} MB)`]: check100k.stat,
      [`reference: node -e JSON.parse of the same as JSON (${kb(r100k.json)}; peak ${parse100k.rssMb} MB)`]: parse100k.stat,
      'ratio: check / JSON.parse, 100,000 regions (target ≤ 2×)': ratio(check100k.stat, parse100k.stat),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
