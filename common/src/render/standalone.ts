// Self-contained outputs: an SVG file (export, CLI) and an HTML page that runs the webview script
// outside VS Code (CLI `map --html`, browser tests). The page's CSP allows only its own nonce'd
// script and style; the model travels once, as inert JSON data in its compact form
// (compactModel.ts), never as markup: the script draws only what is in view.

import type { MapModel } from './mapModel';
import { computeLayout } from './layout';
import { encodeCompactModel } from './compactModel';
import { buildScene } from './scene';
import { serialize } from './serialize';
import { LIGHT_DEFAULTS_CSS, MAP_CSS, PAGE_CSS } from './style';

export function toStandaloneSvg(model: MapModel): string {
  const scene = buildScene(model, computeLayout(model, { mode: 'compressed' }), { standalone: true });
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + serialize(scene.root) + '\n';
}

/** 128 random bits as hex: a CSP nonce (Web Crypto exists in Node 20 and browsers alike). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  // Typed here because the core compiles without Node or DOM types.
  (globalThis as unknown as { crypto: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * JSON that is safe inside a <script> element: `<` becomes \u003c so no `</script>` or `<!--`
 * can end or alter the element; U+2028/2029 escaped for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Keeps a script's text from closing its element early. */
export function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function escapeHtmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The one page skeleton of the webview and the standalone map: CSP, nonce'd styles, then the body. */
export function pageHtml(p: { csp: string; nonce: string; title: string; css: string; bodyAttrs?: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${p.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtmlText(p.title)}</title>
<style nonce="${p.nonce}">${p.css}</style>
</head>
<body${p.bodyAttrs ? ' ' + p.bodyAttrs : ''}>
${p.body}
</body>
</html>
`;
}

/** The bundle's source-map comment names a file beside the bundle, not beside the page. */
function withoutSourceMap(js: string): string {
  return js.replace(/\n\/\/# sourceMappingURL=[^\n]*\s*$/, '\n');
}

export function toStandaloneHtml(model: MapModel, webviewScript: string, nonce: string = makeNonce()): string {
  if (!/^[A-Za-z0-9+/=]+$/.test(nonce)) throw new Error('nonce must be base64');
  return pageHtml({
    csp: `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'`,
    nonce,
    title: `Memory Map: ${model.title}`,
    css: LIGHT_DEFAULTS_CSS + PAGE_CSS + MAP_CSS,
    bodyAttrs: 'class="vscode-light" data-vscode-theme-kind="vscode-light"',
    body: `<script type="application/json" id="model">${jsonForScript(encodeCompactModel(model) ?? model)}</script>\n<script nonce="${nonce}">${scriptText(withoutSourceMap(webviewScript))}</script>`,
  });
}

