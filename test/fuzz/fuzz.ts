// Fuzzing the pure core with generated layouts and import texts (seeded, reproducible). Each input
// must: never throw (parse, check, format, hover at random spots, import, layout text); format
// idempotently (formatting the formatted text changes nothing; the LSP edits give the same text;
// the layout's findings stay the same); and import → write → parse round-trip (the written layout
// parses with no syntax error and holds every region, unaccepted range and segment read, with
// the same addresses). `npm run fuzz` runs 1,000,000 inputs; test/unit/hostile/fuzzSlice.test.ts
// runs 20,000 in `npm test`. A failure prints its seed: `node out/test/fuzz/fuzz.js --seed N --count 1`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLayout } from '../../common/src/language/parser';
import { checkParsed } from '../../common/src/features/check';
import { format, formatText } from '../../common/src/features/format';
import { hover } from '../../common/src/features/hover';
import { importText } from '../../common/src/import';
import { toLayoutText } from '../../common/src/import/layoutText';
import { forEachLine } from '../../common/src/import/lines';
import type { TextEdit } from 'vscode-languageserver-types';
import type { ImportFormat, ImportResult } from '../../common/src/engine/types';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type R = () => number;
const int = (r: R, n: number) => Math.floor(r() * n);
const pick = <T>(r: R, xs: readonly T[]): T => xs[int(r, xs.length)];

// Characters that have broken things, or could: controls, bidi, quotes, escapes, separators,
// surrogates (lone ones too), dots and digits that look like ranges and numbers.
const NASTY = ['\x00', '\x07', '\x1b', '\x1b[2J', '\t', '\r', '\n', '\r\n', '\x7f', '\x85', '\x9b', '\u202e', '\u2066', '\u200f',
  '\u2028', '\u2029', '\uFEFF', '\uD800', '\uDC00', '😀', '"', '\\', '\\"', '#', '..', '..=', '+', '=', '@', '.', '-', '_', ' ', '  ',
  '0x', '0', '9', 'K', 'G', 'iB', 'é', '中', '[', ']', '(', ')', '*', '`', '!', '<', '>', '|', ':'];

function nastyString(r: R, max: number): string {
  const n = int(r, max + 1);
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = r();
    s += k < 0.5 ? String.fromCharCode(97 + int(r, 26)) : k < 0.6 ? String.fromCharCode(int(r, 0x10000)) : pick(r, NASTY);
  }
  return s;
}

function hexNum(r: R): string {
  const k = r();
  if (k < 0.1) return '0x' + 'f'.repeat(16);
  if (k < 0.15) return '0x1_0000_0000_0000_0000';
  const v = BigInt(int(r, 0x10000)) << BigInt(pick(r, [0, 12, 16, 20, 21, 30, 32, 40, 48]));
  return k < 0.5 ? '0x' + v.toString(16) : k < 0.8 ? '0x' + v.toString(16).replace(/(?=(?:[0-9a-f]{4})+$)/g, '_').replace(/^_/, '') : v.toString();
}

function num(r: R): string {
  const k = r();
  if (k < 0.5) return hexNum(r);
  if (k < 0.8) return `${int(r, 1024)}${pick(r, ['K', 'M', 'G', 'KiB', 'MB', 'T', 'E', ''])}`;
  return pick(r, ['0', '4096', '16E', '0x', '0x_1', '1__0', '18446744073709551616', '-1', '1.5', 'auto']);
}

const REGION_TYPES = ['ram', 'ram-driver', 'crashkernel', 'kernel', 'reserved', 'acpi', 'acpi-nvs', 'pmem', 'soft-reserved', 'unusable', 'rom', 'mmio', 'bogus'];
const ARCHES = ['x86_64', 'arm64', 'riscv64', 'ppc64le', 's390x', 'loongarch64', 'vax'];

function label(r: R): string {
  // Labels as the grammar writes them: quotes and backslashes escaped; everything else raw.
  return '"' + nastyString(r, 12).replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

function range(r: R): string {
  return `${num(r)} ${pick(r, ['..', '..=', '+', '..', ''])} ${num(r)}`;
}

function statement(r: R): string {
  switch (int(r, 16)) {
    case 0: return `arch ${pick(r, ARCHES)}`;
    case 1: return `kernel ${pick(r, ['6.13', '6.15', '6.15-rc1', '5.4.0', '7', 'x'])}`;
    case 2: return `syscall ${pick(r, ['kexec_load', 'kexec_file_load', 'nope'])}`;
    case 3: return pick(r, ['crash', 'partial']);
    case 4: return `${pick(r, ['page-size', 'total-ram', 'accept-unit', 'entry'])} ${num(r)}`;
    case 5: return `crashkernel ${num(r)}@${num(r)}`;
    case 6: return `unaccepted ${range(r)}`;
    case 7: return `import ${pick(r, ['auto', 'iomem', 'e820', 'efi', 'memmap', 'kexec-debug', 'x'])} ${label(r)}`;
    case 8: case 9: case 10: return `region ${range(r)} ${pick(r, REGION_TYPES)}${r() < 0.5 ? ' ' + label(r) : ''}`;
    case 11: case 12: case 13: {
      const parts = [`segment ${r() < 0.8 ? pick(r, ['kernel', 'initrd', 'purgatory', 'a.b', 'a..b', 'x-1', '_']) : nastyString(r, 6)}`];
      const keys = ['mem', 'memsz', 'bufsz', 'buf', 'align', 'min', 'max'];
      for (let i = int(r, 5); i > 0; i--) parts.push(`${pick(r, keys)}=${r() < 0.2 ? 'auto' : num(r)}`);
      if (r() < 0.2) parts.push(pick(r, ['top-down', 'bottom-up', 'sideways']));
      return parts.join(pick(r, [' ', '  ', '\t']));
    }
    case 14: return '# ' + nastyString(r, 10);
    default: return nastyString(r, 20);
  }
}

/** A layout: statements with odd spacing, trailing comments, any line endings, then mutations. */
export function genLayout(r: R): string {
  const lines: string[] = [];
  for (let i = int(r, 14); i >= 0; i--) {
    let l = r() < 0.1 ? '' : statement(r);
    if (r() < 0.2) l = l.replace(/ /g, () => pick(r, [' ', '  ', '\t', ' \t ']));
    if (r() < 0.15) l = pick(r, ['', ' ', '\t']) + l;
    if (r() < 0.15) l += pick(r, [' ', '\t', '  # note', '# ' + nastyString(r, 6)]);
    lines.push(l);
  }
  let text = '';
  for (const l of lines) text += l + pick(r, ['\n', '\n', '\n', '\r\n', '\r']);
  if (r() < 0.3) text = text.slice(0, text.length - 1);
  return mutate(r, text);
}

function mutate(r: R, text: string): string {
  let t = text;
  for (let i = r() < 0.5 ? 0 : int(r, 4); i > 0; i--) {
    const at = int(r, t.length + 1);
    const k = r();
    if (k < 0.4) t = t.slice(0, at) + pick(r, NASTY) + t.slice(at);
    else if (k < 0.7) t = t.slice(0, at) + t.slice(at + 1 + int(r, 3));
    else t = t.slice(0, at) + t.slice(int(r, t.length + 1)).slice(0, 20) + t.slice(at);
  }
  return t;
}

// ---- import texts: real fixture lines with their numbers and names replaced --------------------

let templates: string[] | undefined;
function fixtureLines(): string[] {
  if (templates) return templates;
  const dir = path.resolve(__dirname, '../../../test/fixtures/import');
  const out: string[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
    forEachLine(fs.readFileSync(path.join(dir, f), 'utf8'), (l) => { if (!l.startsWith('# source')) out.push(l); });
  }
  templates = out;
  return out;
}

function hexDigits(r: R, width: number): string {
  let s = '';
  for (let i = 0; i < width; i++) s += '0123456789abcdef'[int(r, 16)];
  return s;
}

/** One fixture line with its hex numbers re-rolled and, sometimes, its words replaced by nasty text. */
function importLine(r: R): string {
  let l = pick(r, fixtureLines());
  if (r() < 0.7) l = l.replace(/[0-9a-fA-F]{6,}/g, (m) => (r() < 0.8 ? hexDigits(r, m.length) : m));
  if (r() < 0.25) l = l.replace(/: [A-Za-z][^:\n]*$/, () => ': ' + nastyString(r, 16));
  if (r() < 0.1) l = l.replace(/segment\[\d+\]|[A-Za-z]{4,}/, () => nastyString(r, 8));
  if (r() < 0.1) l = nastyString(r, 30);
  return l;
}

export function genImport(r: R): string {
  const n = 1 + int(r, 25);
  let text = '';
  for (let i = 0; i < n; i++) text += importLine(r) + pick(r, ['\n', '\n', '\r\n', '\r']);
  return mutate(r, text);
}

// ---- properties ----------------------------------------------------------------------------------

/** Applies LSP edits the way a client does (lines split at \r\n, \n and \r). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  const offset = (p: { line: number; character: number }) => (p.line < starts.length ? Math.min(starts[p.line] + p.character, text.length) : text.length);
  const sorted = edits.map((e) => ({ s: offset(e.range.start), e: offset(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

function meaning(r: ReturnType<typeof checkParsed>): string {
  const codes = r.diagnostics.map((d) => `${d.code}:${d.severity}`).sort().join(',');
  const segs = r.analysis.segments.map((s) => `${s.name}@${s.mem}+${s.memsz}`).join(',');
  return `${r.analysis.outcome.load}|${r.analysis.outcome.errno}|${r.analysis.outcome.jump}|${codes}|${segs}`;
}

/** Checks one layout; returns a failure description or null. */
export function checkLayoutText(text: string, r: R): string | null {
  const file = parseLayout(text);
  const result = checkParsed(file, new Map());
  for (let i = 0; i < 3; i++) {
    const line = int(r, file.lineCount + 1);
    hover(result, { line, character: int(r, (file.lineLengths[line] ?? 0) + 2) });
  }
  const once = formatText(text);
  const twice = formatText(once);
  if (twice !== once) return `formatting is not idempotent:\n${JSON.stringify(once)}\n→ ${JSON.stringify(twice)}`;
  const viaEdits = applyEdits(text, format(text));
  if (viaEdits !== once) return `the LSP edits give another text than formatText:\n${JSON.stringify(viaEdits)}\n≠ ${JSON.stringify(once)}`;
  const before = meaning(result);
  const after = meaning(checkParsed(parseLayout(once), new Map()));
  if (before !== after) return `formatting changed the layout's meaning:\n${before}\n→ ${after}`;
  return null;
}

/** Imports one text, writes the layout, parses it back; returns a failure description or null. */
export function checkImportText(text: string, r: R): string | null {
  const fmt = pick(r, ['auto', 'auto', 'auto', 'iomem', 'e820', 'efi', 'memmap', 'kexec-debug'] as const) as ImportFormat | 'auto';
  const result: ImportResult = importText(text, fmt);
  const layout = toLayoutText([{ path: r() < 0.2 ? nastyString(r, 8) : 'dump.txt', result }]);
  const file = parseLayout(layout);
  if (file.diagnostics.length) return `the written layout does not parse: ${file.diagnostics[0].code} ${file.diagnostics[0].message}\n${layout}`;
  const regions: { start: bigint; end: bigint }[] = [];
  const segs: { mem: bigint; memsz: bigint }[] = [];
  let unaccepted = 0;
  for (const s of file.statements) {
    if (s.kind === 'region') regions.push({ start: s.span.start, end: s.span.end });
    else if (s.kind === 'crashkernel') regions.push({ start: s.start, end: s.end });
    else if (s.kind === 'unaccepted') unaccepted++;
    else if (s.kind === 'segment') {
      const mem = s.values.mem?.value, memsz = s.values.memsz?.value;
      if (mem && mem !== 'auto' && memsz && memsz !== 'auto') segs.push({ mem: mem.value, memsz: memsz.value });
    }
  }
  if (regions.length !== result.regions.length) return `regions: ${result.regions.length} read, ${regions.length} written\n${layout}`;
  for (let i = 0; i < regions.length; i++) {
    if (regions[i].start !== result.regions[i].start || regions[i].end !== result.regions[i].end) return `region ${i} changed in the written layout\n${layout}`;
  }
  if (unaccepted !== result.unaccepted.length) return `unaccepted: ${result.unaccepted.length} read, ${unaccepted} written`;
  if (segs.length !== result.segments.length) return `segments: ${result.segments.length} read, ${segs.length} written\n${layout}`;
  for (let i = 0; i < segs.length; i++) {
    if (segs[i].mem !== result.segments[i].mem || segs[i].memsz !== result.segments[i].memsz) return `segment ${i} changed in the written layout`;
  }
  // The written layout is itself a layout: it formats idempotently and checks without a throw.
  return checkLayoutText(layout, r);
}

export interface FuzzReport { runs: number; failures: { seed: number; kind: string; message: string; input: string }[]; ms: number }

/** Runs `count` inputs from seeds first..first+count-1, alternating layouts and import texts. */
export function runFuzz(first: number, count: number, maxFailures = 10): FuzzReport {
  const t0 = Date.now();
  const failures: FuzzReport['failures'] = [];
  let runs = 0;
  for (let seed = first; seed < first + count && failures.length < maxFailures; seed++) {
    const r = rng(seed);
    const kind = seed % 2 === 0 ? 'layout' : 'import';
    const input = kind === 'layout' ? genLayout(r) : genImport(r);
    let message: string | null;
    try {
      message = kind === 'layout' ? checkLayoutText(input, r) : checkImportText(input, r);
    } catch (e) {
      message = `threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`;
    }
    runs++;
    if (message) failures.push({ seed, kind, message, input });
  }
  return { runs, failures, ms: Date.now() - t0 };
}

if (require.main === module) {
  const arg = (name: string, dflt: number) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : dflt;
  };
  const count = arg('--count', 1_000_000);
  const seed = arg('--seed', 1);
  // In chunks, with a progress line each, so a long run shows how far it got.
  const report: FuzzReport = { runs: 0, failures: [], ms: 0 };
  for (let at = seed; at < seed + count && report.failures.length < 10; at += 10_000) {
    const part = runFuzz(at, Math.min(10_000, seed + count - at), 10 - report.failures.length);
    report.runs += part.runs;
    report.ms += part.ms;
    report.failures.push(...part.failures);
    if (process.argv.includes('--progress')) console.log(`progress: ${report.runs} inputs, ${report.failures.length} failures, ${(report.ms / 1000).toFixed(1)} s`);
  }
  for (const f of report.failures) {
    console.log(`FAIL seed ${f.seed} (${f.kind}): ${f.message}\ninput: ${JSON.stringify(f.input)}\nreproduce: node out/test/fuzz/fuzz.js --seed ${f.seed} --count 1\n`);
  }
  console.log(`fuzz: ${report.runs} inputs (seeds ${seed}..${seed + report.runs - 1}), ${report.failures.length} failures, ${(report.ms / 1000).toFixed(1)} s`);
  process.exitCode = report.failures.length ? 1 : 0;
}
