// The `load` statement → a LoadSpec (keys over the header read from kernel="PATH"), the ranges its
// findings point at, and `load/unreadable` for files the host could not read.

import type { LoadStmt, LoadKey, NumberNode } from '../language/ast';
import type { Finding } from '../engine/findings';
import type { Range } from '../engine/types';
import type { BzImageHeader } from './bzImageHeader';
import type { LoadSpec } from './spec';
import type { LoadAnchors } from './apply';

/** What the host read for a `load`: the kernel image's header and length, or the initrd's length. */
export type LoadFileOutcome =
  | { path: string; size: bigint; header?: BzImageHeader | null; problems?: string[]; headerOnly?: boolean }
  | { path: string; error: string };
export interface LoadFiles { kernel?: LoadFileOutcome; initrd?: LoadFileOutcome }

export function specFromStatement(stmt: LoadStmt, files: LoadFiles = {}): { spec: LoadSpec; anchors: LoadAnchors; findings: Finding[] } {
  const num = (k: LoadKey): bigint | undefined => { const v = stmt.values[k]?.value; return v !== undefined && typeof v !== 'string' ? (v as NumberNode).value : undefined; };
  const keys: Partial<Record<string, Range>> = {};
  for (const v of Object.values(stmt.values)) if (v) keys[v.key.replace(/-size$/, '')] ??= v.range;
  keys['init-size'] = stmt.values['init-size']?.range ?? stmt.values.kernel?.range;
  const setupSects = num('setup-sects');
  const spec: LoadSpec = {
    kernelSize: num('kernel-size'), initSize: num('init-size'), kernelAlign: num('kernel-align'), prefAddress: num('pref-address'),
    setupSects: setupSects === undefined ? undefined : Number(setupSects), initrdSize: num('initrd-size'), cmdlineLen: num('cmdline-size'),
    purgatorySize: num('purgatory-size'), efiMapSize: num('efi-map-size'), setupSize: num('setup-size'), elfcorehdrSize: num('elfcorehdr-size'),
  };
  const cmd = stmt.values.cmdline?.value;
  if (typeof cmd === 'string') spec.cmdlineLen = BigInt(utf8Length(cmd) + 1);
  const findings: Finding[] = [];
  const unreadable = (key: 'kernel' | 'initrd', f: { path: string; error: string }) =>
    findings.push({ code: 'load/unreadable', severity: 'error', range: stmt.values[key]!.valueRange, message: `cannot read ${f.path}: ${f.error}` });
  if (stmt.values.kernel) {
    const k = files.kernel;
    if (!k) findings.push({ code: 'load/unreadable', severity: 'warning', range: stmt.values.kernel.valueRange, message: 'this host does not read files: the image\'s header is unknown; give init-size= (and kernel-align=, pref-address=) to plan without it' });
    else if ('error' in k) unreadable('kernel', k);
    else {
      spec.header = k.header ?? null;
      spec.headerProblems = k.problems ?? [];
      if (spec.kernelSize === undefined && !k.headerOnly) spec.kernelSize = k.size;
    }
  }
  if (stmt.values.initrd) {
    const i = files.initrd;
    if (i && 'error' in i) unreadable('initrd', i);
    else if (i) spec.initrdSize = i.size;
  }
  return { spec, anchors: { statement: stmt.keyword, keys }, findings };
}

/** A file the load names could not be read: the plan would be a guess, so the loader does not run. */
export function loadBlocked(findings: Finding[]): boolean {
  return findings.some((f) => f.code === 'load/unreadable' && f.severity === 'error');
}

/** UTF-8 byte length (the core has no TextEncoder): what kexec passes as cmdline_len, less the NUL. */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) { const c = ch.codePointAt(0)!; n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }
  return n;
}
