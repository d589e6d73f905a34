// `kexec-layout check --format sarif` (and `plan --format sarif`): SARIF 2.1.0 for code-scanning
// systems. One run; one rule per diagnostic code (catalogue text from docs.ts, help URI into
// docs/diagnostics.md); results with 1-based lines and UTF-16 columns; each file's (or plan's)
// outcome as a run property.

import type { CheckResult } from './check';
import { CODE_DOCS } from './docs';
import { DEFAULT_SEVERITY, KERNEL_ERRNO } from '../engine/findings';
import type { Finding } from '../engine/findings';
import type { Severity } from '../engine/types';
import { toJsonFile } from './report';
import { DIAGNOSTICS_DOC_URL, REPOSITORY_URL } from './project';
import { showText } from './safeText';

/** `kexec/overlap` → `kexec-overlap`: the anchor of the code's section in docs/diagnostics.md. */
export function codeAnchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export function helpUri(code: string): string {
  return `${DIAGNOSTICS_DOC_URL}#${codeAnchor(code)}`;
}

export type SarifLevel = 'error' | 'warning' | 'note';

/** SARIF has no "information" or "hint" level: both are notes. */
export function sarifLevel(s: Severity): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** A markdown catalogue entry as plain text (backticks dropped). */
export function plainText(md: string): string {
  return md.replace(/`/g, '');
}

/** The first clause of a catalogue entry: up to the first `. ` or `: ` outside parentheses and code. */
export function firstClause(md: string): string {
  let depth = 0;
  let code = false;
  for (let i = 0; i < md.length; i++) {
    const c = md[i];
    if (c === '`') code = !code;
    else if (code) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === '.' || c === ':') && (i + 1 === md.length || md[i + 1] === ' ')) return md.slice(0, i) + '.';
  }
  return md;
}

/** A file path as a URI reference: relative paths stay relative (to %SRCROOT%), absolute ones become file URIs. */
export function pathToUri(p: string): { uri: string; relative: boolean } {
  const slashed = p.replace(/\\/g, '/');
  const enc = (s: string) => s.split('/').map((part) => (/^[A-Za-z]:$/.test(part) ? part : encodeURIComponent(part))).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return { uri: `file:///${enc(slashed)}`, relative: false };
  if (slashed.startsWith('/')) return { uri: `file://${enc(slashed)}`, relative: false };
  return { uri: enc(slashed.replace(/^\.\//, '')), relative: true };
}

/**
 * One checked thing: a file `check` read, or one syscall's plan on a map (`path` is the map, `-`
 * for none). `properties` go on each of its results and on its outcome (a plan's `syscall`).
 */
export interface SarifEntry {
  path: string;
  diagnostics: Finding[];
  outcome: Json;
  properties?: Json;
}

/** A checked file as a SARIF entry: its findings and its JSON outcome with the summary. */
export function checkEntry(path: string, result: CheckResult): SarifEntry {
  return { path, diagnostics: result.diagnostics, outcome: { ...toJsonFile(path, result).outcome, summary: showText(result.analysis.outcome.summary) } };
}

/** What one run saw: the entries it checked and the files it could not read. */
export interface SarifInput {
  files: SarifEntry[];
  unreadable: { path: string; reason: string }[];
  toolVersion: string;
  /** The working directory as a file URI ending in `/`: the base of relative paths. */
  srcRoot?: string;
}

type Json = Record<string, unknown>;

export function toSarif(input: SarifInput): Json {
  // Every catalogue code is a rule (in catalogue order); codes found but not catalogued follow.
  const codes = Object.keys(CODE_DOCS);
  const known = new Set(codes);
  for (const f of input.files) {
    for (const d of f.diagnostics) if (!known.has(d.code)) { known.add(d.code); codes.push(d.code); }
  }
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((code) => rule(code));

  const artifacts: Json[] = [];
  const artifactIndex = new Map<string, number>();
  const location = (path: string): Json => {
    const { uri, relative } = pathToUri(path);
    let index = artifactIndex.get(uri);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(uri, index);
      artifacts.push({ location: { uri, ...(relative ? { uriBaseId: '%SRCROOT%' } : {}) }, sourceLanguage: 'kexec-layout' });
    }
    return { uri, ...(relative ? { uriBaseId: '%SRCROOT%' } : {}), index };
  };

  const results: Json[] = [];
  const outcomes: Json[] = [];
  for (const f of input.files) {
    // stdin has no file to point at: its results carry no location.
    const artifact = f.path === '-' ? undefined : location(f.path);
    for (const d of f.diagnostics) {
      const props: Json = { ...f.properties };
      if (d.errno !== undefined) props.errno = d.errno;
      if (d.segment !== undefined) props.segment = d.segment;
      props.severity = d.severity;
      results.push({
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code),
        level: sarifLevel(d.severity),
        // Message text is shown by code-scanning UIs: labels' controls and bidi characters escaped.
        message: { text: showText(d.message) },
        ...(artifact ? { locations: [{ physicalLocation: { artifactLocation: artifact, region: region(d.range) } }] } : {}),
        ...(artifact && d.related?.length
          ? { relatedLocations: d.related.map((r, i) => ({ id: i + 1, message: { text: showText(r.message) }, physicalLocation: { artifactLocation: artifact, region: region(r.range) } })) }
          : {}),
        properties: props,
      });
    }
    outcomes.push({ path: f.path, ...(artifact ? { artifactIndex: artifact.index } : {}), ...f.properties, ...f.outcome });
  }

  const notifications = input.unreadable.map((u) => ({
    level: 'error',
    message: { text: showText(`cannot read ${u.path}: ${u.reason}`) },
    ...(u.path === '-' ? {} : { locations: [{ physicalLocation: { artifactLocation: location(u.path) } }] }),
  }));

  return {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'kexec-layout',
          version: input.toolVersion,
          semanticVersion: input.toolVersion,
          informationUri: REPOSITORY_URL,
          rules,
        },
      },
      invocations: [{ executionSuccessful: notifications.length === 0, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
      ...(input.srcRoot ? { originalUriBaseIds: { '%SRCROOT%': { uri: input.srcRoot } } } : {}),
      artifacts,
      results,
      columnKind: 'utf16CodeUnits',
      properties: { outcomes },
    }],
  };
}

function rule(code: string): Json {
  const md = CODE_DOCS[code];
  const severity = DEFAULT_SEVERITY[code];
  const errno = KERNEL_ERRNO[code];
  const tags = [code.split('/')[0], ...(errno ? ['kernel-check'] : [])];
  return {
    id: code,
    ...(md
      ? {
        shortDescription: { text: plainText(firstClause(md)) },
        fullDescription: { text: plainText(md) },
        help: { text: `${plainText(md)} See ${helpUri(code)}`, markdown: `${md}\n\n[${code}](${helpUri(code)})` },
      }
      : { shortDescription: { text: code } }),
    helpUri: helpUri(code),
    ...(severity ? { defaultConfiguration: { level: sarifLevel(severity) } } : {}),
    properties: { tags, ...(errno ? { errno } : {}) },
  };
}

/** LSP range (0-based, end exclusive) → SARIF region (1-based lines and columns, endColumn exclusive). */
function region(r: { start: { line: number; character: number }; end: { line: number; character: number } }): Json {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}
