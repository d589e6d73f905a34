// Element tree → live DOM, with createElementNS / setAttribute / text nodes only: data never
// passes through an HTML or XML parser in the webview.

import type { VNode } from '../../common/src/render/vnode';

export const SVG_NS = 'http://www.w3.org/2000/svg';
const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * With `deferred`, the level-of-detail text of items (`.lod` children of a `[data-room]` element,
 * or the text of a `.lod[data-room]` element) is not built now but kept here, to be built by
 * `buildDeferred` the first time the item is shown. Big maps then create only the text in view.
 */
export type Deferred = WeakMap<Element, { children: VNode[]; text?: string }>;

export function toDom(doc: Document, node: VNode, parentNs: string = HTML_NS, deferred?: Deferred): Element {
  // Built top-down with an explicit work list (each child is appended to its parent before its
  // own children are built), so nesting depth never reaches the call stack. Text comes before
  // children, children in order.
  const root = element(doc, node, node.tag === 'svg' ? SVG_NS : parentNs, deferred);
  const work: { el: Element; children: VNode[] }[] = [root];
  while (work.length) {
    const { el, children } = work.pop()!;
    for (const child of children) {
      const made = element(doc, child, child.tag === 'svg' ? SVG_NS : el.namespaceURI ?? parentNs, deferred);
      el.appendChild(made.el);
      work.push(made);
    }
  }
  return root.el;
}

/** One element with its attributes and text; returns the children still to build. */
function element(doc: Document, node: VNode, ns: string, deferred?: Deferred): { el: Element; children: VNode[] } {
  const el = doc.createElementNS(ns, node.tag);
  const attrs = node.attrs;
  for (const name in attrs) {
    // The scene builder never emits these; refusing them keeps a future slip from running code.
    if (name === 'style' || name === 'xmlns' || (name.length > 1 && (name[0] === 'o' || name[0] === 'O') && (name[1] === 'n' || name[1] === 'N'))) continue;
    el.setAttribute(name, attrs[name]);
  }
  if (deferred && attrs['data-room'] !== undefined) {
    const own = (attrs.class ?? '').split(' ').includes('lod');
    const later = node.children.filter((c) => (c.attrs.class ?? '').split(' ').includes('lod'));
    if (own || later.length > 0) {
      deferred.set(el, { children: later, text: own ? node.text : undefined });
      if (!own && node.text !== undefined) el.appendChild(doc.createTextNode(node.text));
      return { el, children: node.children.filter((c) => !later.includes(c)) };
    }
  }
  if (node.text !== undefined) el.appendChild(doc.createTextNode(node.text));
  return { el, children: node.children };
}

/** Builds an item's deferred text, once. */
export function buildDeferred(doc: Document, el: Element, deferred: Deferred): void {
  const pending = deferred.get(el);
  if (!pending) return;
  deferred.delete(el);
  if (pending.text !== undefined) el.appendChild(doc.createTextNode(pending.text));
  for (const child of pending.children) el.appendChild(toDom(doc, child, el.namespaceURI ?? SVG_NS));
}
