// A tiny element tree shared by the SVG serializer (export, CLI) and the webview's DOM backend.
// Document-derived strings live only in `text` or attribute values; both backends escape or set
// them as data, never as markup.

export interface VNode {
  tag: string;
  attrs: Record<string, string>;
  children: VNode[];
  /** Text content; rendered before the children. */
  text?: string;
}

export type Child = VNode | null | undefined | false;

export function h(tag: string, attrs: Record<string, string | number | undefined> = {}, children: Child[] = [], text?: string): VNode {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) a[k] = typeof v === 'number' ? fmt(v) : v;
  const node: VNode = { tag, attrs: a, children: children.filter((c): c is VNode => !!c) };
  if (text !== undefined) node.text = text;
  return node;
}

/** Short numbers for coordinates: two decimals at most. */
export function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Depth-first walk, for tests and lookups. */
export function* walk(node: VNode): Generator<VNode> {
  yield node;
  for (const c of node.children) yield* walk(c);
}

/** All text under a node, concatenated. */
export function textOf(node: VNode): string {
  let s = node.text ?? '';
  for (const c of node.children) s += textOf(c);
  return s;
}
