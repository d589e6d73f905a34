// The editor's notion of a "word" (double-click, completion replace range, word highlight)
// comes from `wordPattern` in language-configuration.json. These tests pin it down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Compiled to out/test/unit/wordPattern.test.js: the repository root is three levels up.
const root = path.resolve(__dirname, '../../..');

interface LanguageConfiguration {
  comments?: { lineComment?: string };
  wordPattern: string | { pattern: string; flags?: string };
  folding?: { markers?: { start: string; end: string } };
  autoClosingPairs?: ({ open: string; close: string } | [string, string])[];
}

const config = JSON.parse(
  fs.readFileSync(path.join(root, 'language-configuration.json'), 'utf8'),
) as LanguageConfiguration;

/** The words VS Code would find in `text`: it compiles wordPattern and always adds the `g` flag. */
function words(text: string): string[] {
  const wp = config.wordPattern;
  const source = typeof wp === 'string' ? wp : wp.pattern;
  const flags = typeof wp === 'string' ? '' : (wp.flags ?? '');
  const re = new RegExp(source, flags.includes('g') ? flags : flags + 'g');
  return [...text.matchAll(re)].map((m) => m[0]);
}

/** The word that contains column `col` of `text`, as VS Code's getWordAtPosition picks it. */
function wordAt(text: string, col: number): string | undefined {
  const wp = config.wordPattern;
  const re = new RegExp(typeof wp === 'string' ? wp : wp.pattern, 'g');
  for (const m of text.matchAll(re)) {
    const start = m.index ?? 0;
    if (start <= col && col <= start + m[0].length) return m[0];
  }
  return undefined;
}

test('wordPattern compiles as a JavaScript RegExp and never matches the empty string', () => {
  assert.equal(words('').length, 0);
  for (const w of words('arch x86_64 # comment')) assert.ok(w.length > 0);
});

test('tokens of the language stay one word each', () => {
  for (const token of [
    '0x1_0000_0000',
    '0X1000',
    '16MiB',
    '4KiB',
    '16mb',
    'segment-name.v2',
    'top-down',
    'bottom-up',
    'kexec_file_load',
    'kexec_load',
    'x86_64',
    'ram-driver',
    'acpi-nvs',
    'soft-reserved',
    'kexec-debug',
    'page-size',
    'accept-unit',
    '6.14-rc2',
    '5.15.0',
  ]) {
    assert.deepEqual(words(token), [token], token);
    assert.deepEqual(words(` ${token} `), [token], `${token} between spaces`);
  }
});

test('splits on spaces, =, range operators, @, quotes and #', () => {
  assert.deepEqual(words('segment kernel mem=0x1_0000_0000 memsz=32M top-down'), [
    'segment', 'kernel', 'mem', '0x1_0000_0000', 'memsz', '32M', 'top-down',
  ]);
  assert.deepEqual(words('region 0x1000..0x2000 ram'), ['region', '0x1000', '0x2000', 'ram']);
  assert.deepEqual(words('region 0x1000..=0x1fff ram'), ['region', '0x1000', '0x1fff', 'ram']);
  assert.deepEqual(words('region 0x1000 ..= 0x1fff ram'), ['region', '0x1000', '0x1fff', 'ram']);
  assert.deepEqual(words('region 0x1_0000_0000+6G ram'), ['region', '0x1_0000_0000', '6G', 'ram']);
  assert.deepEqual(words('crashkernel 256M@0x1000000'), ['crashkernel', '256M', '0x1000000']);
  assert.deepEqual(words('import iomem "iomem.txt"#c'), ['import', 'iomem', 'iomem.txt', 'c']);
  assert.deepEqual(words('align=2M\tmin=0x100000'), ['align', '2M', 'min', '0x100000']);
});

test('the word under the cursor is the whole token', () => {
  const line = 'segment segment-name.v2 mem=0x1_0000_0000 memsz=16MiB top-down';
  assert.equal(wordAt(line, line.indexOf('name')), 'segment-name.v2');
  assert.equal(wordAt(line, line.indexOf('_0000') + 2), '0x1_0000_0000');
  assert.equal(wordAt(line, line.indexOf('MiB')), '16MiB');
  assert.equal(wordAt(line, line.indexOf('down')), 'top-down');
  assert.equal(wordAt('syscall kexec_file_load', 15), 'kexec_file_load');
});

test('a flag being typed keeps its trailing hyphen, so completion replaces all of it', () => {
  assert.equal(wordAt('segment k mem=auto memsz=4K top-', 32), 'top-');
});

test('comments are #, quotes auto-close, folding markers are # region / # endregion', () => {
  assert.equal(config.comments?.lineComment, '#');
  const pairs = (config.autoClosingPairs ?? []).map((p) => (Array.isArray(p) ? p : [p.open, p.close]));
  assert.ok(pairs.some(([o, c]) => o === '"' && c === '"'));
  const markers = config.folding?.markers;
  assert.ok(markers);
  const start = new RegExp(markers.start);
  const end = new RegExp(markers.end);
  assert.ok(start.test('# region PCI window'));
  assert.ok(start.test('  #region'));
  assert.ok(end.test('# endregion'));
  assert.ok(end.test('\t#endregion PCI window'));
  assert.ok(!start.test('region 0x0 .. 0x1000 ram'), 'a region statement is not a fold marker');
  assert.ok(!start.test('# regions below are from e820'));
  assert.ok(!start.test('# endregion'));
  assert.ok(!end.test('# region'));
});
