// Shared line helpers of the import readers: cleaning pasted log lines, strict 64-bit hex
// parsing, and the base class every reader extends (counting, skipping, never throwing).

import { ArchName, ImportFormat, ImportResult, ImportedRegion, RegionType, TWO_64, U64_MAX } from '../engine/types';

/**
 * Where a reader may hand its regions instead of keeping them (a host writing them to a spill file):
 * `open` is called once per copy; `discard` when the copy's regions turn out to be void.
 */
export interface RegionSink {
  /** `start`/`last`: the region's start and last byte as Numbers, when the reader read them so (below 2^53). */
  add(region: ImportedRegion, start?: number, last?: number): void;
  discard(): void;
}

/** A line-at-a-time reader: feed every line once, in order, then call finish(). */
export interface LineReader {
  line(text: string, lineNo: number): void;
  finish(): ImportResult;
}

/**
 * Thrown inside a reader to reject one line; BaseReader turns it into a skipped line. `corrupt`:
 * the line has the shape of an entry of this format but says something no kernel prints (end
 * before start, past 2^64, an unknown type): the map it belongs to cannot be trusted.
 */
export class LineError extends Error {
  constructor(message: string, readonly corrupt = false) {
    super(message);
  }
}

/**
 * Thrown by a reader's parse(), before it changes any state, when the line begins a new copy of
 * what it has read so far (a second /proc/iomem listing, a second boot's e820 map, another
 * kexec load). The mixed reader (mixed.ts) keeps each copy apart as a snapshot.
 */
export class SnapshotBoundary extends Error {}

/**
 * Elision marks people put in pasted logs (`...`, `......`, `..` alone, `…`, `[..]`, `[...]`, `<snip>`,
 * `[snip]`, `--- snip ---`, and `.....snip` / `......snip...` as kexec maintainers write it in
 * mails): lines are missing, so the map is an excerpt.
 */
const ELISION = /^\s*(?:\.{2,}\s*snip(?:ped)?\.*|\.{2,}|…+|\[\s*(?:\.{2,}|…|snip(?:ped)?)\s*\]|<\s*snip(?:ped)?\s*>|[-=*]*\s*(?:8<\s*)?-*\s*snip(?:ped)?\s*-*[-=*]*)\s*$/i;

export function isElision(text: string): boolean {
  if (text.length >= 80) return false;
  const c = text.charCodeAt(0);
  // Only lines starting with . … [ < - = * 8 or s(nip) can be marks; skip the pattern for the rest.
  if (c !== 0x2e && c !== 0x2026 && c !== 0x5b && c !== 0x3c && c !== 0x2d && c !== 0x3d && c !== 0x2a && c !== 0x38 && c !== 0x73 && c !== 0x53) return false;
  return ELISION.test(text);
}

export const REASON = {
  unrelated: 'unrelated log line',
  notUnderstood: 'not understood',
  binary: 'binary data',
  overflow: 'address does not fit in 64 bits',
  reversed: 'reversed range (end below start)',
  elided: 'elision mark: lines are missing here',
  empty: 'empty range',
  badNumber: 'malformed number',
  tooLong: 'line too long',
} as const;

/**
 * No line of the supported formats comes near this (printk lines are under 1 KiB); longer
 * ones are binary or hostile and are skipped before any pattern sees them.
 */
export const MAX_LINE = 4096;

// dmesg / syslog / journal decorations, removed from the front of a line in any order.
const PREFIXES: RegExp[] = [
  /^\uFEFF/,
  /^<\d{1,3}>/, // printk level as read from /dev/kmsg or `dmesg -r`
  /^\[\s*\d+\.\d+\]\s?/, // `[    0.000000] `
  /^\[\s*[TC]\d+\]\s?/, // CONFIG_PRINTK_CALLER `[    T0] `
  /^\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2}\s+\d{1,2} \d{2}:\d{2}:\d{2} \d{4}\]\s?/, // dmesg -T
  // dmesg -x: `kern  :info  : `
  /^(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\s*:\s*(?:emerg|alert|crit|err|warn|notice|info|debug)\s*:\s?/,
  // syslog / journalctl: `Mar  3 10:01:02 host kernel: ` or an ISO-8601 stamp
  /^(?:[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)\s+\S+\s+kernel(?:\[\d+\])?:\s?/,
];

export interface CleanLine {
  text: string;
  /** True when a log decoration was removed: the line came from a kernel log. */
  logged: boolean;
}

// Mail quoting (`> `, `> > `, `>> `): logs are pasted into replies on the kernel lists.
const QUOTE = /^(?:[ \t]?>)+[ \t]?/;

/** Removes BOM, NULs, a trailing CR, mail quoting and any log decorations; keeps leading indentation. */
export function cleanLine(raw: string): CleanLine {
  let text = raw.indexOf('\0') >= 0 ? raw.replace(/\0/g, '') : raw;
  if (text.charCodeAt(text.length - 1) === 0x0d) text = text.replace(/\r+$/, '');
  if (text.length > 0 && (text[0] === '>' || text[1] === '>')) {
    const q = QUOTE.exec(text);
    if (q) text = text.slice(q[0].length);
  }
  let logged = false;
  // Every decoration starts with a BOM, `<`, `[`, a letter or a 4-digit year: a line starting with a
  // blank, or with digits not followed by `-` at [4] (a /proc/iomem line), has none — skip the patterns.
  const c0 = text.charCodeAt(0);
  if (c0 === 0x20 || c0 === 0x09) {
    // An indented log line (a Markdown code block, a mail): `    [    0.000000] BIOS-e820: …`. Other
    // indentation is kept: /proc/iomem nests by it.
    let at = 1;
    while (at < text.length && (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09)) at++;
    const c = at < text.length ? text.charCodeAt(at) : 0;
    if (c !== 0x5b && c !== 0x3c) return { text, logged };
    text = text.slice(at);
  } else if (c0 >= 0x30 && c0 <= 0x39 && text.charCodeAt(4) !== 0x2d) return { text, logged };
  for (let round = 0; round < 6; round++) {
    let changed = false;
    for (const re of PREFIXES) {
      const m = re.exec(text);
      if (m && m[0].length > 0) {
        text = text.slice(m[0].length);
        if (re !== PREFIXES[0]) logged = true;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { text, logged };
}

// Skipped lines keep their text (shortened) only for the first ones, so a 100 MB log of
// noise cannot hold every line in memory twice; the count stays exact.
const SKIPPED_TEXT_LIMIT = 10_000;
const SKIPPED_TEXT_CHARS = 200;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text safe to show in a hover or a comment: no control characters, bounded length. */
export function printable(s: string, max = SKIPPED_TEXT_CHARS): string {
  const t = (s.length > 4 * max ? s.slice(0, 4 * max) : s).replace(CONTROL, '');
  return t.length > max ? t.slice(0, max) + '…' : t;
}

const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/** Hex digits (no prefix) → bigint; throws LineError when not hex or above 2^64 − 1. */
export function hex(digits: string): bigint {
  const n = digits.length;
  if (n > 0 && n <= 13) {
    // Up to 13 digits (52 bits) a Number holds the value exactly: read it digit by digit, convert once.
    let v = 0;
    for (let i = 0; i < n; i++) {
      const c = digits.charCodeAt(i);
      if (c >= 0x30 && c <= 0x39) v = v * 16 + (c - 0x30);
      else {
        const l = c | 0x20; // A–F → a–f; no other character lands in a–f
        if (l < 0x61 || l > 0x66) throw new LineError(REASON.badNumber);
        v = v * 16 + (l - 0x57);
      }
    }
    return BigInt(v);
  }
  if (!HEX_DIGITS.test(digits)) throw new LineError(REASON.badNumber);
  if (digits.length <= 16) return BigInt('0x' + digits);
  const significant = digits.replace(/^0+/, '');
  if (significant.length > 16) throw new LineError(REASON.overflow, true);
  return significant === '' ? 0n : BigInt('0x' + significant);
}

/** `0x…` or bare hex (as kexec-tools and sysfs dumps print), `(nil)` = 0. */
export function hexToken(token: string): bigint {
  const t = token.trim().replace(/[,;]$/, '');
  if (t === '(nil)') return 0n;
  return hex(/^0[xX]/.test(t) ? t.slice(2) : t);
}

/** Decimal digits → bigint, rejecting values above 2^64 − 1. */
export function dec(digits: string): bigint {
  if (!/^\d+$/.test(digits)) throw new LineError(REASON.badNumber);
  const v = BigInt(digits);
  if (v > U64_MAX) throw new LineError(REASON.overflow, true);
  return v;
}

/** A range printed with an inclusive last byte → half-open [start, last + 1). */
export function inclusive(start: bigint, last: bigint): { start: bigint; end: bigint } {
  if (last < start) throw new LineError(REASON.reversed, true);
  return { start, end: last + 1n };
}

/** A range printed half-open. */
export function exclusive(start: bigint, end: bigint): { start: bigint; end: bigint } {
  if (end < start) throw new LineError(REASON.reversed, true);
  if (end === start) throw new LineError(REASON.empty);
  if (end > TWO_64) throw new LineError(REASON.overflow, true);
  return { start, end };
}

export function emptyResult(format: ImportFormat): ImportResult {
  return { format, regions: [], unaccepted: [], segments: [], skipped: [], linesRead: 0, warnings: [] };
}

/**
 * Counting, comment and blank handling, and the never-throw guarantee shared by all readers.
 * Lines whose first non-blank character is `#` are comments (fixtures name their source so).
 */
export abstract class BaseReader implements LineReader {
  protected readonly result: ImportResult;
  private finished = false;

  constructor(format: ImportFormat) {
    this.result = emptyResult(format);
  }

  line(text: string, lineNo: number): void {
    if (this.finished) return;
    this.result.linesRead++;
    if (text.length > MAX_LINE) {
      this.skip(lineNo, text, REASON.tooLong);
      return;
    }
    let clean: CleanLine;
    try {
      clean = cleanLine(String(text));
    } catch {
      this.skip(lineNo, '', REASON.notUnderstood);
      return;
    }
    const trimmed = clean.text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (isElision(trimmed)) {
      this.result.partial = true;
      return;
    }
    try {
      if (!this.offer(clean.text, lineNo)) this.skip(lineNo, clean.text, noiseReason(clean));
    } catch (e) {
      if (e instanceof SnapshotBoundary) {
        this.warn(lineNo, 'another copy of the data begins here; read through the mixed reader to keep them apart');
        return;
      }
      this.reject(lineNo, clean.text, e);
    }
  }

  /**
   * One cleaned, non-blank line: true when it is of this format and was read; false when not.
   * Throws LineError (a line of this format that is wrong) or SnapshotBoundary (nothing changed).
   */
  offer(text: string, lineNo: number): boolean {
    return this.parse(text, lineNo);
  }

  /** A line this reader rejected: skipped, and counted as corrupt when the error says so. */
  reject(lineNo: number, text: string, e: unknown): void {
    const reason = e instanceof LineError ? e.message : REASON.notUnderstood;
    if (e instanceof LineError && e.corrupt) this.corrupt(lineNo, reason);
    this.skip(lineNo, text, reason);
  }

  protected corrupt(line: number, reason: string): void {
    const c = this.result.corrupt;
    if (c) c.count++;
    else this.result.corrupt = { count: 1, line, reason };
  }

  finish(): ImportResult {
    if (!this.finished) {
      this.finished = true;
      try {
        this.end();
      } catch (e) {
        this.warn(0, `import stopped early: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.result.warnings.sort((a, b) => a.line - b.line);
    }
    return this.result;
  }

  /** Handle one cleaned, non-blank line; return false when the line is not of this format. */
  protected abstract parse(text: string, lineNo: number): boolean;

  /** Called once after the last line. */
  protected end(): void {}

  /** The result so far (the mixed reader reads a finished reader's lines from it). */
  peek(): ImportResult {
    return this.result;
  }

  skip(line: number, text: string, reason: string): void {
    if (this.result.skipped.length >= SKIPPED_TEXT_LIMIT) {
      this.result.skippedCount = (this.result.skippedCount ?? this.result.skipped.length) + 1;
      return;
    }
    const keep = this.result.skipped.length < SKIPPED_TEXT_LIMIT;
    this.result.skipped.push({ line, text: keep ? printable(text) : '', reason });
  }

  protected warn(line: number, message: string): void {
    this.result.warnings.push({ line, message });
  }

  /** Set by the mixed reader for readers whose regions may be streamed (iomem): see RegionSink. */
  sink: { sink: RegionSink; id: number } | undefined;

  /** `startNum`/`lastNum`: start and end − 1 as Numbers, when the reader has them (handed to a sink). */
  protected region(start: bigint, end: bigint, type: RegionType, label: string | undefined, line: number, startNum?: number, lastNum?: number): void {
    const r: ImportedRegion = label === undefined || label === '' ? { start, end, type, line } : { start, end, type, label, line };
    if (this.sink) {
      this.sink.sink.add(r, startNum, lastNum);
      const s = (this.result.streamed ??= { count: 0, crash: 0, id: this.sink.id });
      s.count++;
      if (type === 'crashkernel') s.crash++;
      return;
    }
    this.result.regions.push(r);
  }

  protected setArch(arch: ArchName): void {
    if (this.result.arch === undefined) this.result.arch = arch;
  }

}

/** Why a line no reader took was skipped. */
export function noiseReason(clean: CleanLine): string {
  // U+FFFD is what the UTF-8 decoder leaves for invalid bytes.
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(clean.text)) return REASON.binary;
  if (clean.logged || /^\s*[\w.()-]+:\s/.test(clean.text)) return REASON.unrelated;
  return REASON.notUnderstood;
}

/** Splits text into lines the way readline does (LF, CRLF or lone CR; no trailing empty line). */
export function forEachLine(text: string, fn: (line: string, lineNo: number) => void): void {
  const re = /\r\n|\n|\r/g;
  let pos = 0;
  let lineNo = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    fn(text.slice(pos, m.index), ++lineNo);
    pos = m.index + m[0].length;
  }
  if (pos < text.length) fn(text.slice(pos), ++lineNo);
}
