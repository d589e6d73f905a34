// Tiny timing helpers: medians and p95 of repeated runs (machines here are noisy; report, never assert).
export interface Stat { median: number; p95: number; runs: number }

export function summarize(samples: number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: round(at(0.5)), p95: round(at(0.95)), runs: s.length };
}

export function measure(fn: () => unknown, opts: { runs?: number; warmup?: number } = {}): Stat {
  const runs = opts.runs ?? 20;
  for (let i = 0; i < (opts.warmup ?? 3); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return summarize(samples);
}

export const round = (x: number) => Math.round(x * 100) / 100;
