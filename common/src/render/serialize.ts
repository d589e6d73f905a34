// Element tree → XML text (the exported SVG, the CLI's output). Escapes every text and attribute
// value, so document text cannot become markup.

import type { VNode } from './vnode';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Characters XML 1.0 forbids even as references; replaced so the file still parses.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const NAME = /^[A-Za-z_][\w.:-]*$/;

function checkName(name: string): string {
  // Tags and attribute names come from the scene builder, never from the document; guard anyway.
  if (!NAME.test(name)) throw new Error(`invalid XML name: ${JSON.stringify(name)}`);
  return name;
}

export function serialize(node: VNode): string {
  const out: string[] = [];
  // An explicit stack (a node to open, or a closing tag to write), so nesting depth never
  // reaches the call stack.
  const stack: (VNode | string)[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') { out.push(n); continue; }
    out.push('<', checkName(n.tag));
    for (const [k, v] of Object.entries(n.attrs)) out.push(' ', checkName(k), '="', escapeXml(v), '"');
    if (n.text === undefined && n.children.length === 0) {
      out.push('/>');
      continue;
    }
    out.push('>');
    if (n.text !== undefined) out.push(escapeXml(n.text));
    stack.push(`</${n.tag}>`);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out.join('');
}
