// Completion: what may come next at the cursor, from the tokens of the line before it. Each item
// carries its one-line doc from docs.ts. Pure: (check result, text, position) → items.

import {
  CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position, type Range,
} from 'vscode-languageserver-types';
import type { CheckResult } from './check';
import { lexLine, splitLines, type Token } from '../language/lexer';
import { STATEMENT_KEYWORDS, SEGMENT_KEYS, SEGMENT_FLAGS, IMPORT_FORMATS, SYSCALLS, SETTING_KINDS, LOADERS, LOAD_KEYS, LOAD_STRING_KEYS } from '../language/ast';
import { LOAD_DOC, LOAD_KEY_DOCS } from './loadDocs';
import { REGION_TYPES, ARCHES } from '../engine/types';
import { archInfo } from '../engine/arch';
import { isValidPosition } from './positions';
import {
  KEYWORD_DOCS, REGION_TYPE_DOCS, ARCH_DOCS, SYSCALL_DOCS, SEGMENT_KEY_DOCS, FLAG_DOCS, AUTO_DOC, IMPORT_FORMAT_DOCS,
} from './docs';

const md = (value: string) => ({ kind: MarkupKind.Markdown, value });

function sizeText(v: bigint): string {
  if (v % (1n << 20n) === 0n) return `${v >> 20n}M`;
  if (v % 1024n === 0n) return `${v >> 10n}K`;
  return v.toString();
}

export function complete(result: CheckResult, text: string, position: Position): CompletionItem[] {
  if (!isValidPosition(position) || typeof text !== 'string') return [];
  const lines = splitLines(text);
  if (position.line >= lines.length) return [];
  const lineText = lines[position.line];
  if (position.character > lineText.length) return [];
  const prefix = lineText.slice(0, position.character);
  const tokens = lexLine(prefix);
  if (tokens.some((t) => t.kind === 'comment')) return [];
  const last = tokens[tokens.length - 1];
  // The word being typed (replaced by the completion), or none when the cursor follows white space or an operator.
  const partial = last && last.end === prefix.length && (last.kind === 'word' || last.kind === 'invalid') ? last : undefined;
  const before = partial ? tokens.slice(0, -1) : tokens;
  if (before.some((t) => t.kind === 'invalid' || (t.kind === 'string' && t.error))) return [];
  if (last?.kind === 'string' && last.end === prefix.length) return [];
  const replace: Range = {
    start: { line: position.line, character: partial ? partial.start : position.character },
    end: { line: position.line, character: position.character },
  };
  const item = (label: string, kind: CompletionItemKind, doc: string | undefined, extra: Partial<CompletionItem> = {}): CompletionItem => {
    const insert = extra.insertText ?? label;
    const out: CompletionItem = { label, kind, ...extra, textEdit: { range: replace, newText: insert } };
    delete out.insertText;
    if (doc) out.documentation = md(doc);
    return out;
  };

  if (before.length === 0) return statements(result, position.line, item);
  const kw = before[0];
  if (kw.kind !== 'word') return [];
  const args = before.slice(1);
  switch (kw.text) {
    case 'arch':
      return args.length === 0 ? ARCHES.map((a) => item(a, CompletionItemKind.EnumMember, ARCH_DOCS[a])) : [];
    case 'syscall':
      return args.length === 0 ? SYSCALLS.map((s) => item(s, CompletionItemKind.Function, SYSCALL_DOCS[s])) : [];
    case 'import':
      return args.length === 0 ? IMPORT_FORMATS.map((f) => item(f, CompletionItemKind.EnumMember, IMPORT_FORMAT_DOCS[f])) : [];
    case 'page-size': {
      if (args.length) return [];
      const info = archInfo(result.analysis.layout.arch);
      return info.pageSizes.map((v, i) => item(sizeText(v), CompletionItemKind.Unit, `PAGE_SIZE ${sizeText(v)} on ${info.name}${v === info.defaultPageSize ? ' (default)' : ''}`, { sortText: String(i) }));
    }
    case 'accept-unit':
      return args.length === 0 ? [item('2M', CompletionItemKind.Unit, KEYWORD_DOCS['accept-unit'])] : [];
    case 'region':
      // region A OP B TYPE: the type comes right after a complete range.
      if (args.length === 3 && args[0].kind === 'word' && args[1].kind === 'op' && ['..', '..=', '+'].includes(args[1].text) && args[2].kind === 'word') {
        return REGION_TYPES.map((t) => item(t, CompletionItemKind.EnumMember, REGION_TYPE_DOCS[t]));
      }
      return [];
    case 'segment':
      return segmentItems(lineText, args, partial, item);
    case 'load': {
      if (args.length === 0) return LOADERS.map((l) => item(l, CompletionItemKind.EnumMember, LOAD_DOC));
      const lastArg = args[args.length - 1];
      if (lastArg.kind === 'op') return [];
      // Keys not yet on the line; paths and the command line are inserted with their quotes.
      const given = new Set(lexLine(lineText).filter((t, i, all) => t.kind === 'word' && all[i + 1]?.kind === 'op' && all[i + 1].text === '=' && !(partial && t.start === partial.start)).map((t) => t.text));
      return LOAD_KEYS.filter((k) => !given.has(k)).map((k, i) => item(`${k}=`, CompletionItemKind.Property, LOAD_KEY_DOCS[k], {
        filterText: k, sortText: String(i).padStart(2, '0'),
        ...(LOAD_STRING_KEYS.includes(k) ? { insertText: `${k}="$1"`, insertTextFormat: InsertTextFormat.Snippet } : {}),
      }));
    }
    default:
      return [];
  }
}

type ItemFn = (label: string, kind: CompletionItemKind, doc: string | undefined, extra?: Partial<CompletionItem>) => CompletionItem;

function statements(result: CheckResult, line: number, item: ItemFn): CompletionItem[] {
  // Once-only settings already given elsewhere are not offered again.
  const present = new Set(result.file.statements.filter((s) => s.line !== line).map((s) => s.kind as string));
  const once = new Set<string>(SETTING_KINDS);
  const out: CompletionItem[] = [];
  STATEMENT_KEYWORDS.forEach((k, i) => {
    if (once.has(k) && present.has(k)) return;
    out.push(item(k, CompletionItemKind.Keyword, KEYWORD_DOCS[k], { insertText: k === 'crash' ? k : `${k} `, sortText: `0${String(i).padStart(2, '0')}` }));
  });
  const types = REGION_TYPES.join(',');
  const formats = IMPORT_FORMATS.join(',');
  const snippets: [string, string, string][] = [
    ['region RANGE TYPE', `region \${1:0x0} .. \${2:0x1000} \${3|${types}|}`, KEYWORD_DOCS.region],
    ['segment NAME mem= memsz=', 'segment ${1:name} mem=${2:auto} memsz=${3:4K}', KEYWORD_DOCS.segment],
    ['unaccepted RANGE', 'unaccepted ${1:0x1_0000_0000} .. ${2:0x2_0000_0000}', KEYWORD_DOCS.unaccepted],
    ['crashkernel SIZE@OFFSET', 'crashkernel ${1:256M}@${2:0x1000_0000}', KEYWORD_DOCS.crashkernel],
    ['import FORMAT "PATH"', `import \${1|${formats}|} "\${2:path}"`, KEYWORD_DOCS.import],
    ['load bzImage64 kernel= initrd=', 'load bzImage64 kernel="${1:vmlinuz}" initrd="${2:initrd.img}"', LOAD_DOC],
  ];
  snippets.forEach(([label, body, doc], i) => {
    out.push(item(label, CompletionItemKind.Snippet, doc, {
      insertText: body, insertTextFormat: InsertTextFormat.Snippet, filterText: label.split(' ')[0], sortText: `1${i}`,
    }));
  });
  return out;
}

function segmentItems(lineText: string, args: Token[], partial: Token | undefined, item: ItemFn): CompletionItem[] {
  if (args.length === 0) return []; // the name is the user's
  const lastArg = args[args.length - 1];
  // `KEY=` just typed (or `KEY=partial`): the value.
  if (lastArg.kind === 'op' && lastArg.text === '=') {
    const key = args[args.length - 2];
    if (key?.kind === 'word' && key.text === 'mem') return [item('auto', CompletionItemKind.Value, AUTO_DOC)];
    return [];
  }
  if (lastArg.kind !== 'word' && lastArg.kind !== 'string') return [];
  // Keys and flags already on the line (anywhere, not only before the cursor) are not offered again.
  const all = lexLine(lineText);
  const given = new Set<string>();
  const flags = new Set<string>();
  let memValue: string | undefined;
  for (let i = 2; i < all.length; i++) {
    const t = all[i];
    if (partial && t.start === partial.start) continue;
    if (t.kind !== 'word') continue;
    if (all[i + 1]?.kind === 'op' && all[i + 1].text === '=') {
      given.add(t.text);
      if (t.text === 'mem') memValue = all[i + 2]?.text;
    } else if (all[i - 1]?.kind !== 'op') flags.add(t.text);
  }
  const autoOk = memValue === undefined || memValue === 'auto';
  const out: CompletionItem[] = [];
  SEGMENT_KEYS.forEach((k, i) => {
    if (given.has(k)) return;
    if (!autoOk && (k === 'align' || k === 'min' || k === 'max')) return;
    out.push(item(`${k}=`, CompletionItemKind.Property, SEGMENT_KEY_DOCS[k], { filterText: k, sortText: `0${i}` }));
  });
  if (autoOk && !SEGMENT_FLAGS.some((f) => flags.has(f))) {
    SEGMENT_FLAGS.forEach((f, i) => out.push(item(f, CompletionItemKind.EnumMember, FLAG_DOCS[f], { sortText: `1${i}` })));
  }
  return out;
}
