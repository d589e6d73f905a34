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
  const ns = node.tag === 'svg' ? SVG_NS : parentNs;
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
      for (const child of node.children) if (!later.includes(child)) el.appendChild(toDom(doc, child, ns, deferred));
      return el;
    }
  }
  if (node.text !== undefined) el.appendChild(doc.createTextNode(node.text));
  for (const child of node.children) el.appendChild(toDom(doc, child, ns, deferred));
  return el;
}

/** Builds an item's deferred text, once. */
export function buildDeferred(doc: Document, el: Element, deferred: Deferred): void {
  const pending = deferred.get(el);
  if (!pending) return;
  deferred.delete(el);
  if (pending.text !== undefined) el.appendChild(doc.createTextNode(pending.text));
  for (const child of pending.children) el.appendChild(toDom(doc, child, el.namespaceURI ?? SVG_NS));
}
