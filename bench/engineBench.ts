// Engine benchmarks, each beside a reference measured in the same run:
//  - parse + full check of 10,000 regions and 16 segments, beside a floor that only splits the text
//    into lines and tokens (what any checker must at least do);
//  - a 1 TiB unaccepted range at 2 MiB units (512 Ki units), beside the naive model that keeps one
//    set member per unaccepted unit (kernel.md's sketch), on the same accept_memory calls.
import { checkParsed } from '../common/src/features/check';
import { parseLayout } from '../common/src/language/parser';
import { lexLine, splitLines } from '../common/src/language/lexer';
import { UnacceptedTable } from '../common/src/engine/unaccepted';
import { measure, type Stat } from './stats';

export function bigMapLayout(regions: number): string {
  const lines = ['arch x86_64', 'kernel 6.15', 'accept-unit 2M', 'unaccepted 0x1_0000_0000 .. 0x2_0000_0000'];
  const types = ['ram', 'reserved', 'acpi', 'ram', 'mmio'];
  for (let i = 0; i < regions; i++) {
    const start = 0x1_0000_0000 + i * 0x10_0000;
    lines.push(`region 0x${start.toString(16)} + 1M ${types[i % types.length]}${i % 7 === 0 ? ` "r${i}"` : ''}`);
  }
  for (let i = 0; i < 16; i++) lines.push(`segment s${i} mem=0x${(0x1_0000_0000 + i * 0x50_0000).toString(16)} memsz=1M`);
  return lines.join('\n');
}

export function teraLayout(): string {
  return [
    'arch x86_64', 'kernel 6.15', 'accept-unit 2M',
    'region 0x0 .. 0x8000_0000 ram',
    'region 0x1_0000_0000 + 1T ram',
    'unaccepted 0x1_0000_0000 + 1T',
    ...Array.from({ length: 16 }, (_, i) => `segment s${i} mem=0x${(0x1_0000_0000 + i * 0x400_0000 * 64).toString(16)} memsz=64M`),
  ].join('\n');
}

/** The naive reference: one Set member per unaccepted unit. */
class NaiveTable {
  bits = new Set<bigint>();
  constructor(readonly unit: bigint, start: bigint, end: bigint) {
    for (let u = start / unit; u < end / unit; u++) this.bits.add(u);
  }
  accept(start: bigint, size: bigint): number {
    let end = start + size;
    if (end % this.unit === 0n) end += this.unit;
    let n = 0;
    for (let u = start / this.unit; u < (end + this.unit - 1n) / this.unit; u++) if (this.bits.delete(u)) n++;
    return n;
  }
}

export function benchEngine(): Record<string, Stat> {
  const big = bigMapLayout(10_000);
  const tera = teraLayout();
  const U = 2n << 20n, T = 1n << 40n, BASE = 1n << 32n;
  return {
    'check 10,000 regions + 16 segments': measure(() => checkParsed(parseLayout(big), new Map())),
    'reference: split + lex the same text': measure(() => { for (const l of splitLines(big)) lexLine(l); }),
    'check 1 TiB unaccepted (512 Ki units) + 16 segments': measure(() => checkParsed(parseLayout(tera), new Map())),
    'runs table: build 1 TiB + 16 accepts': measure(() => {
      const t = UnacceptedTable.fromRanges(U, [{ start: BASE, end: BASE + T }])!;
      for (let i = 0n; i < 16n; i++) t.acceptMemory(BASE + i * (64n << 20n) * 64n, 64n << 20n);
    }),
    'reference: one Set member per unit, same work': measure(() => {
      const t = new NaiveTable(U, BASE, BASE + T);
      for (let i = 0n; i < 16n; i++) t.accept(BASE + i * (64n << 20n) * 64n, 64n << 20n);
    }, { runs: 3, warmup: 1 }),
  };
}
