// Every request the server answers from a check result, by LSP method name, so the same code runs
// on the server's thread or in the worker that holds a big document's result (node/remoteDocs.ts).

import { CodeActionKind, type Hover, type CompletionParams, type HoverParams, type DocumentSymbolParams, type FoldingRangeParams,
  type DefinitionParams, type ReferenceParams, type CodeActionParams, type DocumentFormattingParams, type InlayHintParams } from 'vscode-languageserver';
import type { CheckResult } from '../../common/src/features/check';
import { memoryMapModel } from '../../common/src/features/memoryMap';
import { hover } from '../../common/src/features/hover';
import { complete } from '../../common/src/features/completion';
import { documentSymbols } from '../../common/src/features/symbols';
import { foldingRanges } from '../../common/src/features/folding';
import { definition, references } from '../../common/src/features/navigation';
import { codeActions } from '../../common/src/features/actions';
import { format } from '../../common/src/features/format';
import { inlayHints } from '../../common/src/features/inlayHints';
import { pasteConversions } from '../../common/src/features/pasteConvert';

export function fileName(uri: string): string {
  const i = uri.lastIndexOf('/');
  return decodeURIComponent(i >= 0 ? uri.slice(i + 1) : uri);
}

export const FEATURES = {
  hover: (r: CheckResult, p: HoverParams): Hover | null => hover(r, p.position),
  completion: (r: CheckResult, p: CompletionParams, text: string) => complete(r, text, p.position),
  documentSymbol: (r: CheckResult, _p: DocumentSymbolParams) => documentSymbols(r),
  foldingRange: (r: CheckResult, _p: FoldingRangeParams, text: string) => foldingRanges(r, text),
  definition: (r: CheckResult, p: DefinitionParams) => {
    const range = definition(r, p.position);
    return range ? { uri: p.textDocument.uri, range } : null;
  },
  references: (r: CheckResult, p: ReferenceParams) => references(r, p.position, p.context.includeDeclaration).map((range) => ({ uri: p.textDocument.uri, range })),
  codeAction: (r: CheckResult, p: CodeActionParams, text: string) => {
    const out = codeActions(r, text, p.range, p.context.diagnostics, p.textDocument.uri, p.context.only);
    if (!p.context.only || p.context.only.includes(CodeActionKind.QuickFix)) for (const a of pasteConversions(r, text, p.range, p.textDocument.uri)) out.push(a);
    return out;
  },
  formatting: (_r: CheckResult, p: DocumentFormattingParams, text: string) => format(text, p.options),
  inlayHint: (_r: CheckResult, p: InlayHintParams) => inlayHints(_r, p.range),
  memoryMap: (r: CheckResult, p: { textDocument: { uri: string } }) => memoryMapModel(r, fileName(p.textDocument.uri)),
};

export type FeatureName = keyof typeof FEATURES;

/** Runs one feature by name (the worker's entry point). */
export function runFeature(name: FeatureName, r: CheckResult, params: unknown, text: string): unknown {
  return (FEATURES[name] as (r: CheckResult, p: unknown, text: string) => unknown)(r, params, text);
}
