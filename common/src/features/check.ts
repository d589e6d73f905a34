// The one code path from text to findings, shared by the language server and the CLI:
// parse → read imports (through the host) → build the layout → analyze → apply settings.

import { parseLayout, parseVersion } from '../language/parser';
import type { LayoutFile, ImportStmt, LoadStmt } from '../language/ast';
import { expandLoad, applyLoaderOutcome, type LoadExpansion } from '../loaders/apply';
import { specFromStatement, loadBlocked, type LoadFiles, type LoadFileOutcome } from '../loaders/statement';
import { maybeUnacceptedFindings } from './unacceptedTotal';
import { buildLayout, type ImportOutcome } from '../engine/layout';
import { analyze, type Analysis } from '../engine/analyze';
import { DEFAULT_SEVERITY, type Finding } from '../engine/findings';
import type { Severity } from '../engine/types';

export type SeveritySetting = Severity | 'off';

export interface CheckSettings {
  /** Per-code severity overrides (kexecLayout.diagnostics.severity). */
  severity?: Record<string, SeveritySetting>;
  /** Kernel version for files that give none (kexecLayout.kernel). */
  kernel?: string;
  /** Kernel version over the file's own `kernel` line (`check --kernel VERSION`); the outcome says so. */
  kernelOverride?: string;
  /** Byte cap on each imported file (kexecLayout.import.maxBytes); the host's reader applies it. */
  importMaxBytes?: number;
  /** Whether editors show the outcome as one Information diagnostic per file
   *  (kexecLayout.diagnostics.outcome, default off: the status item shows it instead). */
  outcomeDiagnostic?: boolean;
}

export interface CheckResult {
  file: LayoutFile;
  analysis: Analysis;
  imports: Map<ImportStmt, ImportOutcome>;
  /** Every finding, syntax and semantic, sorted by position, settings applied. */
  diagnostics: Finding[];
}

/**
 * Reads what an import statement names; the host does the I/O (the CLI and server read files).
 * `loadFile`, when the host has it, reads what a `load` names (the kernel image's header, sizes).
 */
export type ImportResolver = ((stmt: ImportStmt) => Promise<ImportOutcome>) & { loadFile?: (path: string, role: 'kernel' | 'initrd') => Promise<LoadFileOutcome> };

export async function checkText(text: string, resolve?: ImportResolver, settings: CheckSettings = {}): Promise<CheckResult> {
  const file = parseLayout(text);
  const imports = new Map<ImportStmt, ImportOutcome>();
  if (resolve) {
    for (const s of file.statements) if (s.kind === 'import') imports.set(s, await resolve(s));
  }
  const loadFiles: LoadFiles = {};
  const load = file.statements.find((s): s is LoadStmt => s.kind === 'load');
  if (load && resolve?.loadFile) {
    const k = load.values.kernel?.value, i = load.values.initrd?.value;
    if (typeof k === 'string') loadFiles.kernel = await resolve.loadFile(k, 'kernel');
    if (typeof i === 'string') loadFiles.initrd = await resolve.loadFile(i, 'initrd');
  }
  return checkParsed(file, imports, settings, loadFiles);
}

export function checkParsed(file: LayoutFile, imports: Map<ImportStmt, ImportOutcome>, settings: CheckSettings = {}, loadFiles: LoadFiles = {}): CheckResult {
  const layout = buildLayout(file, imports);
  if (!layout.kernel && settings.kernel) layout.kernel = parseVersion(settings.kernel) ?? null;
  const override = settings.kernelOverride !== undefined ? parseVersion(settings.kernelOverride) : null;
  if (override) { layout.kernelOverride = { version: override, file: layout.kernel?.text ?? null }; layout.kernel = override; }
  // `load`: the loader `syscall` selects places its segments first (common/src/loaders).
  const load = file.statements.find((s): s is LoadStmt => s.kind === 'load');
  let expansion: LoadExpansion | null = null;
  const loadFindings: Finding[] = [];
  if (load) {
    const got = specFromStatement(load, loadFiles);
    for (const f of got.findings) loadFindings.push(f);
    if (!loadBlocked(got.findings)) {
      expansion = expandLoad(layout, got.spec, got.anchors);
      for (const f of expansion.findings) loadFindings.push(f);
    }
  }
  const analysis = analyze(layout);
  // A corrupt imported map (import/corrupt) cannot vouch for any destination: the jump is never "ok".
  const corrupt = [...imports.values()].find((g) => 'result' in g && g.result.corrupt);
  if (corrupt && analysis.outcome.jump === 'ok') {
    analysis.outcome = { ...analysis.outcome, jump: 'unknown', summary: `${analysis.outcome.summary}; but the imported map ${corrupt.path} is corrupt (import/corrupt), so whether the jump is safe is unknown until a clean map is imported` };
  }
  if (expansion) applyLoaderOutcome(analysis, expansion);
  const ut = file.statements.find((s) => s.kind === 'unaccepted-total');
  if (ut && ut.kind === 'unaccepted-total') for (const f of maybeUnacceptedFindings(analysis, ut.size.value, ut.range)) loadFindings.push(f);
  const all: Finding[] = [
    ...file.diagnostics.map((d) => ({ ...d, severity: DEFAULT_SEVERITY[d.code] ?? 'error' as Severity })),
    ...importFindings(imports),
    ...loadFindings,
    // "Nothing to check" is noise beside a syntax error (fix the broken line first), and a `load`
    // whose segments could not be made says why itself.
    ...(file.diagnostics.length || load ? analysis.findings.filter((f) => f.code !== 'layout/no-segments') : analysis.findings),
  ];
  // Findings about imported segments point at the import line; name the source line too.
  const sourceOf = new Map(layout.segments.filter((x) => x.origin.source).map((x) => [x.name, x.origin.source!]));
  const diagnostics: Finding[] = [];
  for (let f of all) {
    const src = f.segment !== undefined ? sourceOf.get(f.segment) : undefined;
    if (src && !f.message.includes(src)) f = { ...f, message: `${f.message} (segment ${f.segment} from ${src})` };
    const s = settings.severity?.[f.code];
    if (s === 'off') continue;
    diagnostics.push(s ? { ...f, severity: s } : f);
  }
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { file, analysis, imports, diagnostics };
}

function importFindings(imports: Map<ImportStmt, ImportOutcome>): Finding[] {
  const out: Finding[] = [];
  for (const [stmt, got] of imports) {
    if ('error' in got) {
      out.push({ code: 'import/unreadable', severity: 'error', range: stmt.pathRange, message: `cannot read ${got.path}: ${got.error}` });
      continue;
    }
    const r = got.result;
    if (r.skipped.length) {
      const firstSkip = r.skipped[0];
      out.push({
        code: 'import/skipped-lines', severity: 'information', range: stmt.pathRange,
        message: `${r.skippedCount ?? r.skipped.length} of ${r.linesRead} lines of ${got.path} were not understood as ${r.format} and were skipped (first: line ${firstSkip.line}, ${firstSkip.reason})`,
      });
    }
    if (r.corrupt) {
      const c = r.corrupt;
      out.push({
        code: 'import/corrupt', severity: 'error', range: stmt.pathRange,
        message: `${got.path}: ${c.count === 1 ? '1 corrupt entry' : `${c.count} corrupt entries`} (first: line ${c.line}, ${c.reason}); the map cannot be trusted`,
      });
    }
    for (const w of r.warnings) {
      out.push({ code: 'import/warning', severity: 'warning', range: stmt.pathRange, message: `${got.path}${w.line > 0 ? `:${w.line}` : ''}: ${w.message}` });
    }
  }
  return out;
}

export function hasErrors(result: CheckResult): boolean {
  return result.diagnostics.some((d) => d.severity === 'error');
}
