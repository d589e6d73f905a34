// Compact syntax nodes for the lines a map is made of (`region A + S TYPE "label"`, `unaccepted
// A .. B`), read by the parser's fast line path. A node keeps its addresses (bigint), its type and
// label, and the columns of its tokens; every Range and NumberNode of the ast.ts interfaces is
// made on first use and then kept, so each is one object, as in a node the general parser makes
// (features key maps by range objects). A million-region map is then a few small objects per
// line instead of dozens. Own fields only hold data: a structured clone keeps them, and revive
// (server/src/node/revive.ts) gives the copies these prototypes back.

import type { NumberNode, RangeNode, RegionStmt, UnacceptedStmt } from './ast';
import type { Range, RegionType } from '../engine/types';
import type { Origin, RegionInput } from '../engine/layout';

/** The text a parse read, shared by every node of that parse (a structured clone copies it once). */
export interface SourceText { readonly text: string }

function rangeAt(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** `A .. B`, `A ..= B` or `A + S` of one line: columns `a0..a1`, `o0..o1`, `b0..b1` from `at`. */
export class LineSpan implements RangeNode {
  private _first: NumberNode | undefined = undefined;
  private _second: NumberNode | undefined = undefined;
  private _operator: Range | undefined = undefined;
  private _range: Range | undefined = undefined;
  constructor(
    readonly src: SourceText, readonly line: number, readonly at: number,
    readonly a0: number, readonly a1: number, readonly o0: number, readonly b0: number, readonly b1: number,
    readonly start: bigint, readonly end: bigint, readonly form: '..' | '..=' | '+',
  ) {}
  get first(): NumberNode {
    return this._first ??= { value: this.start, text: this.src.text.slice(this.at + this.a0, this.at + this.a1), range: rangeAt(this.line, this.a0, this.a1) };
  }
  get second(): NumberNode {
    return this._second ??= { value: this.form === '+' ? this.end - this.start : this.form === '..' ? this.end : this.end - 1n, text: this.src.text.slice(this.at + this.b0, this.at + this.b1), range: rangeAt(this.line, this.b0, this.b1) };
  }
  get operator(): Range { return this._operator ??= rangeAt(this.line, this.o0, this.o0 + this.form.length); }
  get range(): Range { return this._range ??= { start: this.first.range.start, end: this.second.range.end }; }
  toJSON(): RangeNode { return { start: this.start, end: this.end, form: this.form, first: this.first, second: this.second, operator: this.operator, range: this.range }; }
}

/**
 * A region line's span, which is also the engine's RegionInput for it (one object, not two): its
 * `origin` is itself, so `origin.range` is the span's range, as for any region statement.
 */
export class RegionSpan extends LineSpan implements RegionInput {
  constructor(
    src: SourceText, line: number, at: number, a0: number, a1: number, o0: number, b0: number, b1: number,
    start: bigint, end: bigint, form: '..' | '..=' | '+', readonly type: RegionType, readonly label: string | undefined,
  ) { super(src, line, at, a0, a1, o0, b0, b1, start, end, form); }
  get origin(): Origin { return this; }
}

/** `region A + S TYPE ["label"]`: keyword at `k0..k1`, type at `t0..t1`, label at `l0..l1` (-1: none). */
export class RegionLine implements RegionStmt {
  readonly kind = 'region' as const;
  private _keyword: Range | undefined = undefined;
  private _range: Range | undefined = undefined;
  private _typeRange: Range | undefined = undefined;
  private _labelRange: Range | undefined = undefined;
  constructor(
    readonly line: number, readonly span: RegionSpan,
    readonly k0: number, readonly k1: number, readonly t0: number, readonly t1: number, readonly l0: number, readonly l1: number,
  ) {}
  get type(): RegionType { return this.span.type; }
  get label(): string | undefined { return this.span.label; }
  get keyword(): Range { return this._keyword ??= rangeAt(this.line, this.k0, this.k1); }
  get typeRange(): Range { return this._typeRange ??= rangeAt(this.line, this.t0, this.t1); }
  get labelRange(): Range | undefined { return this.l0 < 0 ? undefined : this._labelRange ??= rangeAt(this.line, this.l0, this.l1); }
  get range(): Range { return this._range ??= { start: this.keyword.start, end: (this.labelRange ?? this.typeRange).end }; }
  toJSON(): RegionStmt {
    return { kind: 'region', line: this.line, keyword: this.keyword, range: this.range, span: this.span.toJSON(), type: this.type, typeRange: this.typeRange, label: this.label, labelRange: this.labelRange };
  }
}

/** `unaccepted A .. B`: keyword at `k0..k1`. */
export class UnacceptedLine implements UnacceptedStmt {
  readonly kind = 'unaccepted' as const;
  private _keyword: Range | undefined = undefined;
  private _range: Range | undefined = undefined;
  constructor(readonly line: number, readonly span: LineSpan, readonly k0: number, readonly k1: number) {}
  get keyword(): Range { return this._keyword ??= rangeAt(this.line, this.k0, this.k1); }
  get range(): Range { return this._range ??= { start: this.keyword.start, end: this.span.second.range.end }; }
  toJSON(): UnacceptedStmt { return { kind: 'unaccepted', line: this.line, keyword: this.keyword, range: this.range, span: this.span.toJSON() }; }
}
