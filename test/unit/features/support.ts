// Test support for the editor features: cursor markers, edits, examples, a model projection of a
// check result, and fast-check generators of layouts (valid, sloppy and garbage).
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { checkParsed, type CheckResult } from '../../../common/src/features/check';
import { parseLayout } from '../../../common/src/language/parser';
import { toJsonFile } from '../../../common/src/features/report';

// Compiled to out/test/unit/features/: the repository root is four levels up.
export const ROOT = path.resolve(__dirname, '../../../..');

export function check(text: string): CheckResult {
  return checkParsed(parseLayout(text), new Map());
}

export const MARK = '<|>';

/** Strips the `<|>` marker and returns where it was. */
export function cursor(marked: string): { text: string; pos: Position } {
  const i = marked.indexOf(MARK);
  if (i < 0) throw new Error('no <|> marker');
  const text = marked.slice(0, i) + marked.slice(i + MARK.length);
  const before = marked.slice(0, i).split(/\r\n|\r|\n/);
  return { text, pos: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** The position of the first `needle` in text (plus an offset into it). */
export function at(text: string, needle: string, offset = 0, nth = 0): Position {
  const lines = text.split(/\r\n|\r|\n/);
  let seen = 0;
  for (let l = 0; l < lines.length; l++) {
    let from = 0;
    for (let c = lines[l].indexOf(needle, from); c >= 0; c = lines[l].indexOf(needle, from)) {
      if (seen++ === nth) return { line: l, character: c + offset };
      from = c + 1;
    }
  }
  throw new Error(`${needle} not found`);
}

function offsetOf(text: string, pos: Position): number {
  const re = /\r\n|\r|\n/g;
  let line = 0, start = 0;
  while (line < pos.line) {
    const m = re.exec(text);
    if (!m) return text.length;
    start = m.index + m[0].length;
    line++;
  }
  return start + pos.character;
}

/** Applies non-overlapping edits (any order) to text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const withOffsets = edits.map((e) => ({ s: offsetOf(text, e.range.start), e: offsetOf(text, e.range.end), t: e.newText }));
  withOffsets.sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  let floor = Infinity;
  for (const x of withOffsets) {
    if (x.e > floor) throw new Error('overlapping edits');
    out = out.slice(0, x.s) + x.t + out.slice(x.e);
    floor = x.s;
  }
  return out;
}

export function textIn(text: string, r: Range): string {
  return text.slice(offsetOf(text, r.start), offsetOf(text, r.end));
}

export function examples(): { name: string; text: string }[] {
  const dirs = [path.join(ROOT, 'examples'), path.join(ROOT, 'test/e2e/fixtures')];
  const out: { name: string; text: string }[] = [];
  for (const d of dirs) {
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort()) if (f.endsWith('.kexec')) out.push({ name: path.relative(ROOT, path.join(d, f)), text: fs.readFileSync(path.join(d, f), 'utf8') });
  }
  return out;
}

export const TDX_EXAMPLE = 'examples/tdx-6.13-initrd-unaccepted.kexec';
export function readExample(rel: string): string {
  return fs.readFileSync(path.join(ROOT, rel), 'utf8');
}

/** What a layout means, independent of spacing and line numbers: compare before/after formatting. */
export function model(r: CheckResult): unknown {
  const j = toJsonFile('x', r);
  const l = r.analysis.layout;
  return {
    outcome: j.outcome,
    findings: r.diagnostics.map((d) => `${d.code}|${d.severity}|${d.segment ?? ''}|${d.errno ?? ''}`).sort(),
    segments: j.segments,
    regions: l.regions.map((x) => [x.start, x.end, x.type, x.label ?? null]),
    unaccepted: l.unaccepted.map((x) => [x.start, x.end]),
    settings: [l.arch, l.pageSize, l.kernel?.text ?? null, l.syscall, l.crash, l.entry, l.totalRam, l.acceptUnit],
  };
}

// ---- generators -----------------------------------------------------------------------------------

const ws = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '   ');
const lead = fc.constantFrom('', '', '', ' ', '  ', '\t');

/** A number in one of the notations the language allows. */
export function numberText(v: bigint, style: number): string {
  switch (style % 5) {
    case 0: return '0x' + v.toString(16);
    case 1: { // grouped hex
      const d = v.toString(16);
      let out = '';
      for (let i = d.length; i > 0; i -= 4) out = d.slice(Math.max(0, i - 4), i) + (out ? '_' + out : '');
      return '0x' + out;
    }
    case 2: return v.toString();
    case 3: // suffix when exact
      for (const [u, s] of [['G', 30n], ['M', 20n], ['K', 10n]] as const) if (v !== 0n && v % (1n << s) === 0n) return `${v >> s}${u}`;
      return v.toString();
    default: return '0X' + v.toString(16).toUpperCase();
  }
}

const PAGE = 0x1000n;
const TYPES = ['ram', 'ram', 'ram', 'reserved', 'acpi', 'acpi-nvs', 'mmio', 'pmem', 'ram-driver', 'rom', 'soft-reserved', 'unusable'];

const rangeArb = (start: bigint, end: bigint) => fc.tuple(fc.constantFrom('..', '..=', '+'), fc.nat(4), fc.nat(4), ws, ws).map(([form, s1, s2, w1, w2]) => {
  const second = form === '..' ? end : form === '..=' ? end - 1n : end - start;
  return `${numberText(start, s1)}${w1}${form}${w2}${numberText(second, s2)}`;
});

const commentArb = fc.constantFrom('', '', '', '  # note', ' # initrd goes here', '\t#x', ' #');

/** A plausible layout: sequential regions, some nested, unaccepted memory, fixed and auto segments. */
export const layoutArb: fc.Arbitrary<string> = fc.record({
  arch: fc.constantFrom('', 'x86_64', 'arm64', 'riscv64'),
  kernel: fc.constantFrom('', '6.13', '6.16', '6.15-rc2'),
  syscall: fc.constantFrom('', 'kexec_load', 'kexec_file_load'),
  crash: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
  regions: fc.array(fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 0, max: TYPES.length - 1 }), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 8 }),
  unaccepted: fc.array(fc.tuple(fc.nat(2000), fc.integer({ min: 1, max: 600 })), { maxLength: 2 }),
  segments: fc.array(fc.tuple(fc.nat(1500), fc.integer({ min: 0, max: 600 }), fc.boolean(), fc.boolean(), fc.constantFrom('', ' top-down', ' bottom-up', ' align=0x20_0000', ' max=0xffff_ffff')), { maxLength: 5 }),
  eol: fc.constantFrom('\n', '\r\n'),
  spacing: fc.array(fc.tuple(lead, ws, commentArb, fc.nat(3)), { minLength: 40, maxLength: 40 }),
  styles: fc.array(fc.nat(4), { minLength: 40, maxLength: 40 }),
}).chain((g) => {
  const lines: fc.Arbitrary<string>[] = [];
  let k = 0;
  const sp = () => g.spacing[k++ % g.spacing.length];
  const style = () => g.styles[k % g.styles.length];
  const line = (body: string) => { const [l, , c] = sp(); return `${l}${body}${c}`; };
  if (g.arch) lines.push(fc.constant(line(`arch ${g.arch}`)));
  if (g.kernel) lines.push(fc.constant(line(`kernel${sp()[1]}${g.kernel}`)));
  if (g.syscall) lines.push(fc.constant(line(`syscall ${g.syscall}`)));
  if (g.crash) lines.push(fc.constant(line('crash')));
  let at = 0n;
  for (const [pages, t, nested, gap] of g.regions) {
    if (gap) at += 16n * PAGE;
    const start = at, end = at + BigInt(pages) * 16n * PAGE;
    const type = TYPES[t];
    const label = t % 3 === 0 ? ' "lbl"' : '';
    lines.push(rangeArb(start, end).map((r) => line(`region ${r} ${type}${label}`)));
    if (nested && type === 'ram' && pages > 2) {
      lines.push(rangeArb(start + 16n * PAGE, start + 32n * PAGE).map((r) => line(`region${sp()[1]}${r}${sp()[1]}${g.crash ? 'crashkernel' : 'kernel'}`)));
    }
    at = end;
  }
  for (const [s, n] of g.unaccepted) lines.push(rangeArb(BigInt(s) * 0x10_0000n, BigInt(s + n) * 0x10_0000n).map((r) => line(`unaccepted${sp()[1]}${r}`)));
  if (g.unaccepted.length) lines.push(fc.constant(line('accept-unit 2M')));
  g.segments.forEach(([m, sz, auto, odd, extra], i) => {
    const memsz = BigInt(sz) * PAGE + (odd ? 0x10n : 0n);
    const mem = auto ? 'auto' : numberText(BigInt(m) * 0x10_0000n + (odd && i % 2 ? 0x800n : 0n), style());
    const tail = auto ? extra : '';
    lines.push(fc.constant(line(`segment seg${i}${sp()[1]}mem=${mem}${sp()[1]}memsz=${numberText(memsz, style() + 1)}${tail}`)));
  });
  return fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }).chain((order) =>
    fc.tuple(...(order.length ? order : [fc.constant('')])).chain((ls) =>
      fc.array(fc.nat(4), { minLength: ls.length, maxLength: ls.length }).map((blanks) =>
        ls.map((l, i) => l + g.eol.repeat(1 + (blanks[i] === 4 ? 3 : blanks[i] === 3 ? 1 : 0))).join(''))));
});

const garbageToken = fc.constantFrom(
  'region', 'segment', 'arch', 'kernel', 'syscall', 'crash', 'entry', 'unaccepted', 'import', 'crashkernel', 'page-size',
  'accept-unit', 'total-ram', 'ram', 'mmio', 'auto', 'mem=', 'memsz=', 'bufsz=', '=', '..', '..=', '+', '@', '#', '"',
  '"lbl"', '0x', '0x1000', '0xffff_ffff_ffff_ffff', '0x1_0000_0000_0000_0000', '4K', '16M', '1E', '99999999999999999999',
  'x86_64', '6.13', 'top-down', '\t', ' ', '  ', '\u0000', '\u00a0', '\uFEFF', 'é', '💥', '\\', '-', '.', '_',
);

/** Random text mixing the language's tokens with junk and every kind of line ending. */
export const garbageArb: fc.Arbitrary<string> = fc.array(
  fc.oneof(
    fc.array(garbageToken, { maxLength: 12 }).map((t) => t.join(' ')),
    fc.array(garbageToken, { maxLength: 8 }).map((t) => t.join('')),
    fc.string({ maxLength: 30 }),
    layoutArb.map((l) => l.split(/\r?\n/)[0] ?? ''),
  ),
  { maxLength: 14 },
).chain((ls) => fc.array(fc.constantFrom('\n', '\r\n', '\r', '\n\n'), { minLength: ls.length, maxLength: ls.length }).map((eols) => ls.map((l, i) => l + eols[i]).join('')));

/** Either kind of text. */
export const anyTextArb: fc.Arbitrary<string> = fc.oneof(layoutArb, garbageArb, fc.string({ maxLength: 80 }));

/** Random positions, many inside the text, some past its end or negative-free but absurd. */
export const positionArb: fc.Arbitrary<Position> = fc.record({ line: fc.oneof(fc.nat(20), fc.nat(100_000)), character: fc.oneof(fc.nat(60), fc.nat(1_000_000)) });

export const rangeArbLsp: fc.Arbitrary<Range> = fc.tuple(positionArb, positionArb).map(([a, b]) => (a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a }));

export const FC_RUNS = { numRuns: Number(process.env.FC_RUNS) || 300 };
