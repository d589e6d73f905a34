// Keeps stack-overflowing patterns out of the product source: a spread into a call
// (`push(...xs)`, `Math.max(...xs)`, `f(...xs)`) passes every element as an argument, and V8
// overflows its stack at roughly 100,000 arguments; direct self-recursion overflows the same way
// on deep inputs. Scanned with the TypeScript parser over common/src, server/src and client, so
// strings, comments, rest parameters and array/object spreads (`[...a]`, `{...o}`) never match.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..', '..');
const DIRS = ['common/src', 'server/src', 'client/src', 'client/webview'];

function sources(dir: string): string[] {
  const out: string[] = [];
  const stack = [path.join(ROOT, dir)];
  while (stack.length) {
    const d = stack.pop()!;
    let names: string[];
    try { names = readdirSync(d); } catch { continue; }
    for (const n of names) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (/\.tsx?$/.test(n) && !n.endsWith('.d.ts')) out.push(p);
    }
  }
  return out;
}

interface Hit { file: string; line: number; text: string }

/** Every spread argument of a call or `new`, and every function that calls itself by name. */
export function scan(file: string, text: string): { spreads: Hit[]; recursion: Hit[] } {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const spreads: Hit[] = [];
  const recursion: Hit[] = [];
  const hit = (n: ts.Node): Hit => ({
    file: path.relative(ROOT, file),
    line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1,
    text: n.getText(sf).split('\n')[0].slice(0, 100),
  });
  // Names of the functions enclosing the node being visited (declarations, methods, and
  // `const f = (…) => …`), so a call to one of them from inside is recursion.
  // Methods are kept as `this.name`, so a method and a same-named local never match each other.
  // A call re-entered later (from a timer or a promise) is not recursion: the line before it (or
  // the line itself) says so with a comment containing `not recursion`.
  const enclosing: string[] = [];
  const lines = text.split('\n');
  const nameOf = (n: ts.Node): string | undefined => {
    if (ts.isMethodDeclaration(n) && n.name) return `this.${n.name.getText(sf)}`;
    if ((ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) && n.name) return n.name.getText(sf);
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) return n.parent.name.text;
    return undefined;
  };
  const excused = (n: ts.Node): boolean => {
    const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
    return /not recursion/.test(lines[line]) || (line > 0 && /not recursion/.test(lines[line - 1]));
  };
  const visit = (n: ts.Node): void => {
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some(ts.isSpreadElement)) spreads.push(hit(n));
    if (ts.isCallExpression(n) && enclosing.length) {
      const callee = n.expression;
      const name = ts.isIdentifier(callee) ? callee.text
        : ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword ? `this.${callee.name.text}` : undefined;
      if (name !== undefined && enclosing.includes(name) && !excused(n)) recursion.push(hit(n));
    }
    const name = nameOf(n);
    if (name !== undefined) enclosing.push(name);
    ts.forEachChild(n, visit);
    if (name !== undefined) enclosing.pop();
  };
  visit(sf);
  return { spreads, recursion };
}

const files = DIRS.flatMap(sources);

test('the scan sees the product source', () => {
  assert.ok(files.length > 50, `only ${files.length} files found under ${DIRS.join(', ')}`);
});

test('the scanner finds what it forbids (and only that)', () => {
  const r = scan('x.ts', [
    'a.push(...b); Math.max(0, ...xs); new Foo(...args);',
    'const ok = [...a, ...b]; const o = { ...p }; function rest(...xs: number[]) { return xs; }',
    'function walk(n) { return n ? walk(n.next) : 0; }',
    'const go = (n) => (n ? go(n - 1) : 0);',
    'class C { m(n) { return this.m(n - 1); } }',
    '// a.push(...comment); const s = "f(...string)";',
    'class D { onData() {} listen() { const onData = () => this.onData(); } }',
    'function later() { setTimeout(() => later(), 1); } // not recursion: a timer re-enters it',
  ].join('\n'));
  assert.deepEqual(r.spreads.map((h) => h.line), [1, 1, 1]);
  assert.deepEqual(r.recursion.map((h) => h.line), [3, 4, 5]);
});

test('no spread into a call anywhere in the product source', () => {
  const hits = files.flatMap((f) => scan(f, readFileSync(f, 'utf8')).spreads);
  assert.deepEqual(hits.map((h) => `${h.file}:${h.line}: ${h.text}`), []);
});

test('no function calls itself', () => {
  const hits = files.flatMap((f) => scan(f, readFileSync(f, 'utf8')).recursion);
  assert.deepEqual(hits.map((h) => `${h.file}:${h.line}: ${h.text}`), []);
});
