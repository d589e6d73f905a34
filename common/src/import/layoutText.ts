// Writes import results as a complete `.kexec` layout: a header comment, the statements the
// sources tell (arch, syscall, crash, entry), then regions, unaccepted ranges and segments.
// The text is produced line by line into a writer in chunks (writeLayout), never built whole.

import { ImportResult, ImportedRegion, RegionType } from '../engine/types';
import { hex } from '../engine/format';
import { IDENT, parseLayout } from '../language/parser';
import { showText } from '../features/safeText';

/** `0x1_0000_0000`: hex grouped by four digits from the right (the engine's notation for people, hex()). */
export function hexGrouped(x: bigint): string {
  const d = x.toString(16);
  const head = d.length % 4 || 4;
  let out = '0x' + d.slice(0, head);
  for (let i = head; i < d.length; i += 4) out += '_' + d.slice(i, i + 4);
  return out;
}
void hex;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A `.kexec` string literal: `"` and `\` escaped, control characters removed. */
export function quote(s: string): string {
  return '"' + s.replace(CONTROL, '').replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

/** Text for a comment: one line, no control characters. */
function commentText(s: string): string {
  return s.replace(CONTROL, ' ');
}

// Names that only restate the region type; any other label is kept in quotes.
const PLAIN_LABELS: Record<RegionType, readonly string[]> = {
  ram: ['system ram', 'usable', 'kernel usable ram', 'conventional', 'conventional memory'],
  'ram-driver': [],
  crashkernel: ['crash kernel'],
  kernel: [],
  reserved: ['reserved', 'device reserved'],
  acpi: ['acpi tables', 'acpi data', 'acpi reclaim', 'acpi reclaim memory'],
  'acpi-nvs': ['acpi non-volatile storage', 'acpi nvs', 'acpi mem nvs', 'acpi memory nvs'],
  pmem: ['persistent memory', 'persistent'],
  'soft-reserved': ['soft reserved'],
  unusable: ['unusable memory', 'unusable'],
  rom: [],
  mmio: ['mmio', 'memory mapped i/o'],
};

// Labels repeat across millions of regions: each distinct (type, label) is decided once (bounded).
const PLAIN_SEEN = new Map<RegionType, Map<string, boolean>>();
let plainSeen = 0;

function isPlainLabel(type: RegionType, label: string | undefined): boolean {
  if (label === undefined) return true;
  let byLabel = PLAIN_SEEN.get(type);
  if (!byLabel) PLAIN_SEEN.set(type, (byLabel = new Map()));
  let plain = byLabel.get(label);
  if (plain === undefined) {
    plain = label.trim() === '' || PLAIN_LABELS[type].includes(label.trim().replace(/\s+/g, ' ').toLowerCase());
    if (plainSeen++ < 4096) byLabel.set(label, plain);
  }
  return plain;
}

const QUOTED = new Map<string, string>();

/** quote() of a label, kept for the labels that repeat (bounded). */
function quoted(label: string): string {
  let q = QUOTED.get(label);
  if (q === undefined) {
    q = quote(label);
    if (QUOTED.size < 4096) QUOTED.set(label, q);
  }
  return q;
}


/** True when `name` reads back as one segment name (the lexer stops words before `..`). */
function parsesAsName(name: string): boolean {
  const f = parseLayout(`segment ${name} mem=0 memsz=1`);
  const s = f.statements[0];
  return f.diagnostics.length === 0 && s?.kind === 'segment' && s.name === name;
}

/**
 * A segment name that parses back: a foreign name like `a..b` or `1st initrd` becomes a valid
 * identifier (`a_b`, `_1st_initrd`); the caller keeps the original in a comment.
 */
function segmentName(name: string | undefined, index: number, used: Set<string>): string {
  let base = name === undefined ? '' : name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/\.{2,}/g, '_').replace(/\.$/, '_');
  if (base !== '' && !IDENT.test(base)) base = '_' + base;
  if (base !== '' && !parsesAsName(base)) base = '';
  if (base === '') base = `seg${index}`;
  let n = base;
  for (let k = 2; used.has(n); k++) n = `${base}_${k}`;
  used.add(n);
  return n;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(path: string, r: ImportResult): string {
  const first = r.skipped.length > 0 ? ` (first at line ${r.skipped[0].line})` : '';
  const head = `# ${commentText(path)} (${r.format}): `;
  if (r.summary !== undefined) return `${head}${commentText(r.summary)}${first}; ${plural(r.linesRead, 'line')} in all`;
  return `${head}${plural(r.regions.length, 'region')}, ` +
    `${plural(r.unaccepted.length, 'unaccepted range')}, ${plural(r.segments.length, 'segment')} read; ` +
    `${plural(r.linesRead, 'line')}, ${r.skippedCount ?? r.skipped.length} skipped${first}`;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - s.length));
}

/** A complete `.kexec` layout from one or more import results, in the order given. */
export function toLayoutText(results: { path: string; result: ImportResult }[]): string {
  const parts: string[] = [];
  for (const chunk of layoutChunks(results)) parts.push(chunk);
  return parts.join('');
}

// Four hex digits per group, so a group is 16 bits: tables of every group, unpadded (the leading
// one) and padded, make the grouped hex of a Number from four lookups. Built on first use (4 MB).
let unpadded: string[] | undefined;
let padded: string[] | undefined;

function groupTables(): [string[], string[]] {
  if (!unpadded || !padded) {
    unpadded = new Array<string>(0x10000);
    padded = new Array<string>(0x10000);
    for (let i = 0; i < 0x10000; i++) {
      const d = i.toString(16);
      unpadded[i] = d;
      padded[i] = '000'.slice(d.length - 1) + d;
    }
  }
  return [unpadded, padded];
}

/** `0x1_0000_0000` of a whole Number below 2^53 (the same text as hexGrouped), without BigInt. */
function groupedNumber(x: number): string {
  const [u, p] = groupTables();
  const lo = x >>> 0;
  const hi = (x - lo) / 0x1_0000_0000;
  if (hi === 0) return lo < 0x10000 ? '0x' + u[lo] : '0x' + u[lo >>> 16] + '_' + p[lo & 0xffff];
  const g3 = hi >>> 16;
  const tail = '_' + p[lo >>> 16] + '_' + p[lo & 0xffff];
  return g3 === 0 ? '0x' + u[hi] + tail : '0x' + u[g3] + '_' + p[hi & 0xffff] + tail;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** hexGrouped, through a Number when the value fits in one exactly (the usual case). */
function grouped(x: bigint): string {
  return x <= SAFE && x >= 0n ? groupedNumber(Number(x)) : hexGrouped(x);
}

/**
 * The layout line of one imported region, columns padded to `sw`/`lw` characters (0: unpadded, as
 * streamed regions are written before the widest is known); `startNum`/`lastNum`, when given, are
 * r.start and r.end − 1 as Numbers.
 */
export function regionLine(r: ImportedRegion, sw = 0, lw = 0, startNum?: number, lastNum?: number): string {
  if (r.type === 'crashkernel' && isPlainLabel(r.type, r.label)) return `crashkernel ${grouped(r.end - r.start)}@${grouped(r.start)}`;
  const label = isPlainLabel(r.type, r.label) ? '' : ' ' + quoted(r.label!);
  // startNum/lastNum: the same values as Numbers, when the reader had them (no BigInt arithmetic).
  const start = startNum !== undefined ? groupedNumber(startNum) : grouped(r.start);
  const last = lastNum !== undefined ? groupedNumber(lastNum) : grouped(r.end - 1n);
  return 'region ' + (start.length < sw ? pad(start, sw) : start) + ' ..= ' + (last.length < lw ? pad(last, lw) : last) + ' ' + r.type + label;
}

/**
 * The layout lines a host kept for a streamed copy (ImportResult.streamed.id), in chunks read as they
 * are asked for: text, or the bytes of UTF-8 text (a host copying a spill file to its output).
 */
export type StreamedRegions<T = string> = (result: ImportResult) => Iterable<T>;

/** Chunks of about this many characters go to the writer. */
const CHUNK = 1 << 16;

/**
 * Writes the layout of `toLayoutText` to `write` in chunks as it is produced, so a layout of
 * millions of regions is never one string (kexec-layout import streams it to stdout).
 */
export function writeLayout(results: { path: string; result: ImportResult }[], write: (chunk: string) => void, streamed?: StreamedRegions<string>): void {
  for (const chunk of layoutChunks(results, streamed)) write(chunk);
}

/** Lines gathered into chunks of about CHUNK characters. */
class Chunker {
  private buf: string[] = [];
  size = 0;

  add(line: string): void {
    this.buf.push(line, '\n');
    this.size += line.length + 1;
  }

  take(): string {
    const s = this.buf.join('');
    this.buf = [];
    this.size = 0;
    return s;
  }
}

/**
 * The layout of `toLayoutText` in chunks of about 64 Ki characters, produced as they are asked for:
 * a host writes each (and awaits its write) before the next is made, so the layout is never whole
 * in memory; `streamed` gives the regions a host kept outside the result (a spill file).
 */
export function* layoutChunks<T = string>(results: { path: string; result: ImportResult }[], streamed?: StreamedRegions<T>): Generator<string | T, void, undefined> {
  const out = new Chunker();
  const emit = (line: string): void => out.add(line);
  emit(`# Memory layout imported by kexec-layout from ${plural(results.length, 'file')}.`);
  for (const { path, result } of results) emit(summary(path, result));
  for (const { path, result } of results) {
    if (result.partial) emit(`# ${commentText(path)}: the source elides lines (\`...\`, \`[..]\`, \`<snip>\`): the map is an excerpt`);
    if (result.corrupt) {
      const c = result.corrupt;
      emit(`# error: ${commentText(path)}: ${(c.count === 1 ? '1 corrupt entry' : `${c.count} corrupt entries`)} (first at line ${c.line}: ${commentText(c.reason)})`);
    }
    for (const w of result.warnings) {
      emit(`# warning: ${commentText(path)}${w.line > 0 ? ` line ${w.line}` : ''}: ${commentText(w.message)}`);
      if (out.size >= CHUNK) yield out.take();
    }
  }

  // Whole-layout statements: the first source that tells wins; disagreements are noted.
  const notes: string[] = [];
  const first = <T>(pick: (r: ImportResult) => T | undefined, show: (v: T) => string): void => {
    let kept: { v: T; path: string } | undefined;
    for (const { path, result } of results) {
      const v = pick(result);
      if (v === undefined) continue;
      if (kept === undefined) kept = { v, path };
      else if (kept.v !== v) {
        notes.push(`# note: ${commentText(path)} tells \`${show(v)}\`; kept \`${show(kept.v)}\` from ${commentText(kept.path)}`);
      }
    }
    if (kept !== undefined) emit(show(kept.v));
  };
  if (results.some(({ result }) => result.partial)) emit('partial');
  first((r) => r.arch, (v) => `arch ${v}`);
  first((r) => r.syscall, (v) => `syscall ${v}`);
  first((r) => (r.crash ? true : undefined), () => 'crash');
  first((r) => r.entry, (v) => `entry ${hexGrouped(v)}`);
  for (const n of notes) emit(n);

  const used = new Set<string>();
  let segIndex = 0;
  for (const { path, result } of results) {
    if (result.regions.length + (result.streamed?.count ?? 0) + result.unaccepted.length + result.segments.length === 0) continue;
    emit('');
    emit(`# from ${commentText(path)}`);
    if (result.streamed && result.streamed.count > 0 && streamed) {
      if (out.size > 0) yield out.take();
      yield* streamed(result);
    }
    // Column widths: the grouped hex of the largest value is the widest (length grows with value).
    let maxStart = -1n;
    let maxLast = -1n;
    for (const r of result.regions) {
      if (r.type === 'crashkernel' && isPlainLabel(r.type, r.label)) continue;
      if (r.start > maxStart) maxStart = r.start;
      if (r.end - 1n > maxLast) maxLast = r.end - 1n;
    }
    const sw = maxStart < 0n ? 0 : hexGrouped(maxStart).length;
    const lw = maxLast < 0n ? 0 : hexGrouped(maxLast).length;
    for (const r of result.regions) {
      emit(regionLine(r, sw, lw));
      if (out.size >= CHUNK) yield out.take();
    }
    for (const u of result.unaccepted) {
      emit(`unaccepted ${hexGrouped(u.start)} .. ${hexGrouped(u.end)}`);
      if (out.size >= CHUNK) yield out.take();
    }
    for (const s of result.segments) {
      const name = segmentName(s.name, segIndex++, used);
      const bufsz = s.bufsz !== s.memsz ? ` bufsz=${hexGrouped(s.bufsz)}` : '';
      // A rewritten name keeps the source's spelling in a comment (escaped: it is foreign text);
      // a name only numbered to keep names unique (`kernel_2`) needs none.
      const was = s.name !== undefined && !name.startsWith(s.name) ? `  # name in the source: ${showText(JSON.stringify(s.name))}` : '';
      emit(`segment ${name} mem=${hexGrouped(s.mem)} memsz=${hexGrouped(s.memsz)}${bufsz}${was}`);
      if (out.size >= CHUNK) yield out.take();
    }
  }
  if (out.size > 0) yield out.take();
}
