// Reading what people paste: every line is offered to every reader of the allowed formats, so a
// whole dmesg (e820, EFI, crashkernel and kexec_file lines amid noise) or a bug report with
// several listings imports every part. Then one result is built by these rules (docs/decisions.md
// "Import: mixed files"):
//  * Copies: a reader that sees a line begin a second copy of what it read (SnapshotBoundary: a
//    second /proc/iomem listing, another boot's e820 map, another kexec load) starts afresh; the
//    copies are never merged. The last is imported unless `#N` / `--snapshot N` picks another
//    (a format with fewer copies than N gives its last); a warning names each copy's first line.
//  * Regions: one source describes memory, the first of iomem, memmap, e820, kexec-debug ranges,
//    efi that has regions — iomem is the kernel's resource tree that kexec_file walks, memmap and
//    kexec-debug's ranges are what kexec-tools read, e820 is the table the kernel built them from,
//    and the EFI map is the firmware's view before the kernel's own changes. The others are left
//    out (said in a warning), so there are never two overlapping copies of one range.
//  * The crash region: from the chosen region source when it has one (iomem `Crash kernel`), else
//    from crashkernel log lines. Unaccepted ranges come from the EFI map whatever the region
//    source (only it marks them). Segments, entry, syscall and flags come from kexec-debug.
//  * Elision lines (`...`, `[..]`, `<snip>`) make the result partial; corrupt entries are counted.

import { ImportFormat, ImportResult } from '../engine/types';
import { CrashkernelReader } from './crashkernel';
import { E820Reader } from './e820';
import { EfiReader } from './efi';
import { IomemReader } from './iomem';
import { KexecDebugReader } from './kexecDebug';
import { BaseReader, CleanLine, LineReader, MAX_LINE, REASON, RegionSink, SnapshotBoundary, cleanLine, emptyResult, isElision, noiseReason, printable } from './lines';
import { MemmapReader } from './memmap';

/** First characters of an elision mark (lines.ts isElision); other printable ASCII starts none. */
const ELISION_FIRST: ReadonlySet<number> = new Set([0x2e, 0x5b, 0x3c, 0x2d, 0x3d, 0x2a, 0x38, 0x73, 0x53]);

/** The order lines are offered in (the reader that took the previous line goes first). */
export const LINE_ORDER: readonly ImportFormat[] = ['kexec-debug', 'efi', 'e820', 'crashkernel', 'memmap', 'iomem'];
/** Which format's regions describe memory when several have some. */
export const REGION_PRIORITY: readonly ImportFormat[] = ['iomem', 'memmap', 'e820', 'kexec-debug', 'efi'];

/** The order formats are named in the summary: memory first, then the crash region, then the load. */
const SUMMARY_ORDER: readonly ImportFormat[] = ['iomem', 'memmap', 'e820', 'efi', 'crashkernel', 'kexec-debug'];

export interface MixedOptions {
  /** 1-based copy to import of every format that has several; the last when undefined. */
  snapshot?: number;
  /**
   * A host that writes the layout as it reads (kexec-layout import) takes /proc/iomem regions here,
   * one sink per copy, so a listing of millions of lines is never held; the result then names the
   * copy in `streamed` and its `regions` stay empty.
   */
  sink?: (format: ImportFormat, id: number) => RegionSink;
}

/** Regions a result describes, kept or streamed. */
export function regionCount(r: ImportResult): number {
  return r.regions.length + (r.streamed?.count ?? 0);
}

function newReader(format: ImportFormat): BaseReader {
  switch (format) {
    case 'iomem': return new IomemReader();
    case 'e820': return new E820Reader();
    case 'efi': return new EfiReader();
    case 'memmap': return new MemmapReader();
    case 'kexec-debug': return new KexecDebugReader();
    case 'crashkernel': return new CrashkernelReader();
  }
  throw new Error(`unknown import format: ${String(format)}`);
}

interface Snap {
  result: ImportResult;
  first: number;
  last: number;
  /** Lines this copy read (rejected ones not counted). */
  read: number;
}

class Track {
  readonly done: Snap[] = [];
  reader: BaseReader | undefined;
  first = 0;
  last = 0;
  read = 0;

  constructor(readonly format: ImportFormat, private readonly sink?: (format: ImportFormat, id: number) => RegionSink) {}

  private copies = 0;

  get(): BaseReader {
    if (!this.reader) {
      this.reader = newReader(this.format);
      if (this.sink && this.format === 'iomem') {
        const id = this.copies;
        this.reader.sink = { sink: this.sink(this.format, id), id };
      }
      this.copies++;
    }
    return this.reader;
  }

  took(lineNo: number, read = true): void {
    if (this.first === 0) this.first = lineNo;
    this.last = lineNo;
    if (read) this.read++;
  }

  close(): void {
    if (!this.reader) return;
    const result = this.reader.finish();
    if (this.first > 0 || result.skipped.length > 0) this.done.push({ result, first: this.first, last: this.last, read: this.read });
    this.reader = undefined;
    this.first = this.last = this.read = 0;
  }
}

const SKIPPED_TEXT_LIMIT = 10_000;
const SKIPPED_KEPT = 10_000;

/** How many lines a result skipped, kept or only counted. */
export function skippedCount(r: ImportResult): number {
  return r.skippedCount ?? r.skipped.length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function someData(r: ImportResult): boolean {
  return regionCount(r) + r.unaccepted.length + r.segments.length > 0;
}

/** Name of a segment list by what loaded it. */
function loadName(r: ImportResult): string {
  return r.syscall === 'kexec_file_load' ? 'kexec_file' : r.syscall === 'kexec_load' ? 'kexec_load' : 'kexec-debug';
}

export class MixedReader implements LineReader {
  private readonly tracks: Track[];
  private sticky: Track | undefined;
  private readonly own: ImportResult;
  private elided = false;
  private result: ImportResult | undefined;

  constructor(private readonly formats: readonly ImportFormat[], private readonly opts: MixedOptions = {}) {
    this.tracks = LINE_ORDER.filter((f) => formats.includes(f)).map((f) => new Track(f, opts.sink));
    this.own = emptyResult(formats.length === 1 ? formats[0] : 'iomem');
  }

  line(raw: string, lineNo: number): void {
    if (this.result) return;
    this.own.linesRead++;
    if (raw.length > MAX_LINE) {
      this.skip(lineNo, raw, REASON.tooLong);
      return;
    }
    let clean: CleanLine;
    try {
      clean = cleanLine(String(raw));
    } catch {
      this.skip(lineNo, '', REASON.notUnderstood);
      return;
    }
    const text = clean.text;
    // The first character after blanks, without trimming a copy: blank lines and `#` comments are
    // dropped, and only a line that may be an elision mark (isElision's first characters) is trimmed.
    let at = 0;
    while (at < text.length && (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09)) at++;
    const c = at < text.length ? text.charCodeAt(at) : -1;
    if (c === 0x23) return; // `#`
    if (c === -1 || c > 0x7e || c < 0x21 || ELISION_FIRST.has(c)) {
      const trimmed = text.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      if (isElision(trimmed)) {
        this.elided = true;
        return;
      }
    }
    let rejected: { track: Track; error: unknown } | undefined;
    const sticky = this.sticky;
    if (sticky) {
      const got = this.offer(sticky, text, lineNo);
      if (got === true) return;
      if (got !== false) rejected = { track: sticky, error: got.error };
    }
    for (const track of this.tracks) {
      if (track === sticky) continue;
      const got = this.offer(track, text, lineNo);
      if (got === true) {
        this.sticky = track;
        return;
      }
      if (got !== false && !rejected) rejected = { track, error: got.error };
    }
    if (rejected) {
      // The line has the shape of that format's entries but is wrong: it counts against that copy.
      rejected.track.get().reject(lineNo, text, rejected.error);
      rejected.track.took(lineNo, false);
      return;
    }
    this.skip(lineNo, text, noiseReason(clean));
  }

  /** true: read; false: not this format; { error }: this format, but rejected. */
  private offer(track: Track, text: string, lineNo: number): boolean | { error: unknown } {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        if (!track.get().offer(text, lineNo)) return false;
        track.took(lineNo);
        return true;
      } catch (e) {
        if (e instanceof SnapshotBoundary && attempt === 0) {
          track.close();
          continue;
        }
        return { error: e };
      }
    }
    return false;
  }

  /** Skipped lines beyond the first SKIPPED_KEPT are only counted, so 10,000,000 lines of noise stay small. */
  private extraSkipped = 0;

  private skip(line: number, text: string, reason: string): void {
    if (this.own.skipped.length >= SKIPPED_KEPT) {
      this.extraSkipped++;
      return;
    }
    const keep = this.own.skipped.length < SKIPPED_TEXT_LIMIT;
    this.own.skipped.push({ line, text: keep ? printable(text) : '', reason });
  }

  finish(): ImportResult {
    if (this.result) return this.result;
    for (const t of this.tracks) t.close();
    this.result = this.combine();
    return this.result;
  }

  private combine(): ImportResult {
    const out = this.own;
    const warn = (line: number, message: string): void => { out.warnings.push({ line, message }); };
    const chosen = new Map<ImportFormat, Snap>();
    const want = this.opts.snapshot;
    const snapshots: NonNullable<ImportResult['snapshots']> = [];
    let extraSkipped = false;

    for (const t of this.tracks) {
      // Copies that read nothing (only rejected lines) still count their skipped lines.
      for (const s of t.done) {
        if (s.result.skipped.length > 0) {
          extraSkipped = true;
          for (const x of s.result.skipped) out.skipped.push(x);
        }
      }
      const real = t.done.filter((s) => s.read > 0 || s.result.corrupt);
      if (real.length === 0) continue;
      let index = real.length - 1;
      if (want !== undefined && want >= 1 && want <= real.length) index = want - 1;
      chosen.set(t.format, real[index]);
      if (real.length > 1) {
        const lines = real.map((s) => s.first);
        snapshots.push({ format: t.format, lines, chosen: index + 1 });
        const which = want === undefined ? ' (the last)' : want > real.length ? ` (there is no #${want}: the last)` : '';
        warn(real[index].first, `${real.length} ${t.format} copies in this file, starting at lines ${lines.join(', ')}; ` +
          `imported #${index + 1}${which}, lines ${real[index].first}–${real[index].last}; pick another with #N after the path (or --snapshot N)`);
      } else if (want !== undefined && want > 1) {
        warn(real[0].first, `there is one ${t.format} copy in this file, not ${want}: it is imported`);
      }
    }
    if (extraSkipped) out.skipped.sort((a, b) => a.line - b.line);
    let subExtra = 0;
    for (const t of this.tracks) for (const s of t.done) subExtra += (s.result.skippedCount ?? s.result.skipped.length) - s.result.skipped.length;
    if (this.extraSkipped + subExtra > 0) out.skippedCount = out.skipped.length + this.extraSkipped + subExtra;

    // Regions: one source.
    const source = REGION_PRIORITY.find((f) => {
      const s = chosen.get(f);
      return s !== undefined && regionCount(s.result) > 0;
    });
    const parts: string[] = [];
    const used = new Set<ImportFormat>();
    for (const f of SUMMARY_ORDER) {
      const s = chosen.get(f);
      if (!s) continue;
      const r = s.result;
      const n = regionCount(r);
      for (const w of r.warnings) out.warnings.push(w);
      const what: string[] = [];
      let note = '';
      if (f === 'kexec-debug') {
        if (r.segments.length > 0) what.push(plural(r.segments.length, 'segment'));
        if (n > 0) what.push(plural(n, 'range'));
      } else if (f === 'crashkernel') {
        if (n > 0) what.push(String(n));
      } else if (n > 0) {
        what.push(plural(n, 'region'));
      }
      if (r.unaccepted.length > 0) what.push(`${r.unaccepted.length} unaccepted`);

      let take = false;
      if (f === 'crashkernel') {
        const src = source === undefined ? undefined : chosen.get(source)!.result;
        const own = src !== undefined && ((src.streamed?.crash ?? 0) > 0 || src.regions.some((x) => x.type === 'crashkernel'));
        if (r.regions.length > 0 && own) {
          note = ` (not used: the ${source} listing has the crash region)`;
          warn(s.first, `crashkernel lines (${s.first}–${s.last}) are not imported: the ${source} listing already holds the crash region`);
        } else take = r.regions.length > 0;
      } else if (n > 0) {
        if (f === source) take = true;
        else {
          note = ` (not used: ${source} describes the memory)`;
          warn(s.first, `the ${f} map (lines ${s.first}–${s.last}) describes the same memory as the ${source} one (lines ` +
            `${chosen.get(source!)!.first}–${chosen.get(source!)!.last}); only the ${source} regions are imported`);
        }
      }
      if (take) {
        used.add(f);
        // The first source's array is adopted, not copied (millions of regions).
        if (out.regions.length === 0) out.regions = r.regions;
        else for (const x of r.regions) out.regions.push(x);
        if (r.streamed) out.streamed = r.streamed;
      }
      if (r.unaccepted.length > 0) {
        used.add(f);
        for (const x of r.unaccepted) out.unaccepted.push(x);
      }
      if (r.segments.length > 0) {
        used.add(f);
        if (out.segments.length === 0) out.segments = r.segments;
        else for (const x of r.segments) out.segments.push(x);
      }
      if (f === 'kexec-debug') {
        if (r.entry !== undefined) out.entry = r.entry;
        if (r.syscall !== undefined) out.syscall = r.syscall;
        if (r.crash !== undefined) out.crash = r.crash;
      }
      if (r.partial) this.elided = true;
      if (r.corrupt && (take || f === 'kexec-debug' || f === source || !someData(r))) {
        if (!out.corrupt) out.corrupt = { ...r.corrupt };
        else {
          out.corrupt.count += r.corrupt.count;
          if (r.corrupt.line < out.corrupt.line) { out.corrupt.line = r.corrupt.line; out.corrupt.reason = r.corrupt.reason; }
        }
      }
      const label = f === 'kexec-debug' ? loadName(r) : f;
      if (what.length > 0) parts.push(`${label}: ${what.join(', ')}${note}`);
    }
    // arch: what the load says, else the region source's.
    out.arch = chosen.get('kexec-debug')?.result.arch ?? (source ? chosen.get(source)!.result.arch : undefined);
    if (out.arch === undefined) for (const s of chosen.values()) out.arch ??= s.result.arch;
    if (out.arch === undefined) delete out.arch;
    for (const k of ['entry', 'syscall', 'crash'] as const) if (out[k] === undefined) delete out[k];

    out.format = source ?? (out.segments.length > 0 ? 'kexec-debug' : regionCount(out) > 0 ? 'crashkernel'
      : out.unaccepted.length > 0 ? 'efi' : [...chosen.keys()][0] ?? out.format);
    if (this.elided) out.partial = true;
    if (snapshots.length > 0) out.snapshots = snapshots;
    // A file that yields nothing says so (unless a reader already said why, e.g. a zeroed iomem).
    if (regionCount(out) + out.unaccepted.length + out.segments.length === 0 && out.warnings.length === 0) {
      // Entries that were read but are all corrupt (a kexec'd kernel's garbage EFI map) are not
      // "lines the importer does not read": say what happened to them.
      warn(0, out.linesRead === 0 ? 'the file is empty: nothing was imported'
        : out.corrupt ? `nothing was imported: every map entry read is corrupt (${out.corrupt.count}, the first at line ${out.corrupt.line})`
          : `nothing was imported: no line is one the importer reads (${plural(skippedCount(out), 'line')} skipped)`);
    }
    const skipped = `${plural(skippedCount(out), 'line')} skipped`;
    out.summary = parts.length > 0 ? `${parts.join(', ')}; ${skipped}` : `nothing read; ${skipped}`;
    out.warnings.sort((a, b) => a.line - b.line);
    void used;
    return out;
  }
}
