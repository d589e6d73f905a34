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
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
}

/** All text under a node, concatenated (a node's own text before its children's). */
export function textOf(node: VNode): string {
  let s = '';
  for (const n of walk(node)) s += n.text ?? '';
  return s;
}
