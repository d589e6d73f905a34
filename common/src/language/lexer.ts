// Splits one line of layout text into tokens with exact character ranges. Never throws.

export type TokenKind = 'word' | 'string' | 'op' | 'comment' | 'invalid';

export interface Token {
  kind: TokenKind;
  /** Source text of the token. */
  text: string;
  /** For strings: the unescaped content. */
  value?: string;
  /** For invalid tokens and broken strings: why. */
  error?: string;
  start: number; // character offset in the line (UTF-16)
  end: number;
  /** The parser's Range for this token, made once and shared by every node that points at it. */
  range?: import('../engine/types').Range;
}

// Character classes by code (a regex test per character is measurably slower on 10,000-line files).
const isWordCode = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
const isSpaceCode = (c: number) => c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0;
const WORD_CHAR = { test: (ch: string) => isWordCode(ch.charCodeAt(0)) };
const SPACE = { test: (ch: string) => isSpaceCode(ch.charCodeAt(0)) };

export function lexLine(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const code = line.charCodeAt(i);
    if (isSpaceCode(code)) { i++; continue; }
    const c = line[i];
    if (c === '#') { tokens.push({ kind: 'comment', text: line.slice(i), start: i, end: n }); break; }
    if (c === '"') { i = lexString(line, i, tokens); continue; }
    if (c === '.' && line[i + 1] === '.') {
      const op = line[i + 2] === '=' ? '..=' : '..';
      tokens.push({ kind: 'op', text: op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    if (c === '+' || c === '=' || c === '@') { tokens.push({ kind: 'op', text: c, start: i, end: i + 1 }); i++; continue; }
    if (isWordCode(code)) {
      let j = i;
      // A word may hold single dots (6.14-rc2, name.v2) but stops before a `..` range operator.
      while (j < n && isWordCode(line.charCodeAt(j)) && !(line.charCodeAt(j) === 46 && line.charCodeAt(j + 1) === 46)) j++;
      tokens.push({ kind: 'word', text: line.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    // Anything else (NUL, control characters, stray punctuation) runs until white space or a known token.
    let j = i + 1;
    while (j < n && !SPACE.test(line[j]) && !WORD_CHAR.test(line[j]) && !'#"+=@'.includes(line[j])) j++;
    tokens.push({ kind: 'invalid', text: line.slice(i, j), start: i, end: j, error: describe(line.slice(i, j)) });
    i = j;
  }
  return tokens;
}

function lexString(line: string, start: number, out: Token[]): number {
  let value = '';
  let error: string | undefined;
  let i = start + 1;
  while (i < line.length) {
    const c = line[i];
    if (c === '"') {
      out.push({ kind: 'string', text: line.slice(start, i + 1), value, start, end: i + 1, error });
      return i + 1;
    }
    if (c === '\\') {
      const e = line[i + 1];
      if (e === '"' || e === '\\') { value += e; i += 2; continue; }
      error ??= `unknown escape '\\${e ?? ''}' in string: only \\" and \\\\ are allowed`;
      value += c;
      i++;
      continue;
    }
    value += c;
    i++;
  }
  out.push({ kind: 'string', text: line.slice(start), value, start, end: line.length, error: 'unterminated string: add the closing "' });
  return line.length;
}

function describe(text: string): string {
  const c = text.codePointAt(0) ?? 0;
  if (c < 0x20 || c === 0x7f) return `unexpected control character U+${c.toString(16).padStart(4, '0').toUpperCase()}`;
  return `unexpected '${text.length > 20 ? text.slice(0, 20) + '…' : text}'`;
}

/** Splits text into lines the way LSP does (\n, \r\n or \r). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
