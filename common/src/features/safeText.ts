// Text that cannot lie: labels, names and paths come from files the user did not write, so every
// output shows their control characters (C0, DEL, C1) and bidirectional controls escaped
// (`\x1b`, `\u202e`) instead of letting them retitle a terminal, fake a verdict or reorder text.
// One helper for every output (CLI text, hover, diagnostics, map, JSON as text). Pure.

// C0 (but not \n where a caller keeps lines), DEL, C1; the bidi embeddings, overrides, isolates
// and marks; the line and paragraph separators (they break lines where \n would be escaped).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEP_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

function escapeOne(ch: string): string {
  const c = ch.charCodeAt(0);
  return c <= 0xff ? '\\x' + c.toString(16).padStart(2, '0') : '\\u' + c.toString(16).padStart(4, '0');
}

/** `s` with every control and bidi character escaped (`\x1b`, `\u202e`); other text unchanged. */
export function showText(s: string): string {
  return s.replace(UNSAFE, escapeOne);
}

/** The same, keeping `\n` line breaks (for whole multi-line outputs built from escaped parts). */
export function showLines(s: string): string {
  return s.replace(UNSAFE_KEEP_NEWLINE, escapeOne);
}

/** True when showText would change `s`. */
export function hasUnsafeText(s: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(s);
  UNSAFE.lastIndex = 0;
  return found;
}

// Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them
// means no label can open a link, an image, emphasis, code, HTML or a table cell.
const MD_PUNCT = /[!-/:-@[-`{-~]/g;

/** Document text for Markdown (hover): escaped as showText, then every punctuation character escaped. */
export function mdText(s: string): string {
  return showText(s).replace(MD_PUNCT, '\\$&');
}

const UNSAFE_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON for a terminal: the same value (JSON.parse gives it back unchanged), with C1, DEL, bidi
 * and separator characters written as `\uXXXX` escapes too (JSON.stringify leaves them raw).
 */
export function jsonText(value: unknown, space?: number): string {
  // JSON.stringify already escapes C0 inside strings (and its own newlines must stay raw).
  return JSON.stringify(value, null, space).replace(UNSAFE_JSON, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}
