// Shared helpers for the unit tests: check a layout given as text and look at what came out.
import * as path from 'node:path';
import { checkParsed, type CheckResult, type CheckSettings } from '../../common/src/features/check';
import { parseLayout } from '../../common/src/language/parser';

export const ROOT = path.resolve(__dirname, '../../..');

/** The shared check path, without imports (synchronous). */
export function check(text: string, settings?: CheckSettings): CheckResult {
  return checkParsed(parseLayout(text), new Map(), settings);
}

export function codes(r: CheckResult): string[] {
  return r.diagnostics.map((d) => d.code);
}

export function has(r: CheckResult, code: string): boolean {
  return r.diagnostics.some((d) => d.code === code);
}

/** A small x86_64 machine (RAM below 2 GiB and 4–6 GiB, a PCI hole) on a named kernel, plus more lines. */
export function machine(extra: string, kernel = '6.8'): string {
  return [
    'arch x86_64',
    `kernel ${kernel}`,
    'region 0x0 .. 0x9_f000 ram',
    'region 0x9_f000 .. 0x10_0000 reserved',
    'region 0x10_0000 .. 0x8000_0000 ram',
    'region 0x8000_0000 .. 0x1_0000_0000 mmio "PCI hole"',
    'region 0x1_0000_0000 .. 0x1_8000_0000 ram',
    extra,
  ].join('\n');
}
