// Text that cannot lie: hostile labels in every output are shown escaped, never obeyed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { jsonText, mdText, showText } from '../../../common/src/features/safeText';
import { checkText } from '../../../common/src/features/check';
import { hover } from '../../../common/src/features/hover';
import { memoryMapModel } from '../../../common/src/features/memoryMap';
import { toLspDiagnostics } from '../../../common/src/features/lspDiagnostics';
import { toText } from '../../../common/src/features/report';
import { ROOT } from '../helpers';
import { checkJson } from '../cli/validate';

// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

test('showText escapes C0, DEL, C1 and bidi controls; leaves other text; mdText leaves no Markdown syntax', () => {
  assert.equal(showText('a\x1b]0;t\x07b'), 'a\\x1b]0;t\\x07b');
  assert.equal(showText('reserved\u202etxt.exe'), 'reserved\\u202etxt.exe');
  assert.equal(showText('\x7f\x9b\u2066'), '\\x7f\\x9b\\u2066');
  assert.equal(showText('ACPI Tables — ü 中'), 'ACPI Tables — ü 中');
  assert.equal(mdText('![t](https://x/y.png) <img> *a* `c`'), '\\!\\[t\\]\\(https\\:\\/\\/x\\/y\\.png\\) \\<img\\> \\*a\\* \\`c\\`');
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
    assert.doesNotMatch(showText(s), RAW);
    assert.doesNotMatch(mdText(s), /(?<!\\)[[\]()<>*_`!]/);
    assert.equal(JSON.parse(jsonText({ s })).s, s);
    assert.doesNotMatch(jsonText({ s }), RAW);
  }), { numRuns: 3000 });
});

const HOSTILE = 'region 0x1000 .. 0x2000 reserved "\\"x\x1b]0;pwned\x07\x1b[2J\x1b[31m FAKE-OK ![t](https://evil/i.png) \u202etxt.exe"';

test('a hostile label: escaped in CLI text, LSP diagnostics, hover and the map model', async () => {
  const text = ['arch x86_64', 'region 0x0 .. 0x1_0000_0000 ram', HOSTILE, 'segment k mem=0x1000 memsz=4K'].join('\n');
  const r = await checkText(text);
  const labelled = r.analysis.map.regions.find((x) => x.label);
  assert.ok(labelled && labelled.label!.includes('\x1b'), 'the label itself keeps its bytes');
  const cli = toText('f.kexec', r);
  assert.doesNotMatch(cli, RAW);
  assert.match(cli, /\\x1b\]0;pwned\\x07/);
  for (const d of toLspDiagnostics(r, "file:///f.kexec", true)) assert.doesNotMatch(String(d.message), RAW);
  const h = hover(r, { line: 3, character: 14 });
  assert.ok(h);
  const md = (h.contents as { value: string }).value;
  assert.doesNotMatch(md, RAW);
  assert.ok(!md.includes('![t]('), 'no image syntax survives');
  assert.match(md, /\\x1b/);
  const model = memoryMapModel(r, 'f\u202e.kexec');
  assert.doesNotMatch(JSON.stringify(model), /[\u202e]|\\u001b/);
  assert.equal(model.title, 'f\\u202e.kexec');
  assert.ok(model.regions.some((x) => x.label?.includes('\\u202etxt.exe')));
});

test('CLI check: text and JSON outputs carry no raw control or bidi character from a label', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-text-'));
  try {
    const f = path.join(dir, 'evil.kexec');
    fs.writeFileSync(f, ['arch x86_64', 'region 0x0 .. 0x1_0000_0000 ram', HOSTILE, 'segment k mem=0x1800 memsz=4K'].join('\n') + '\n');
    const run = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist/server/cli.js'), ...args], { encoding: 'utf8' });
    const t = run(['check', f]);
    assert.match(t.stdout, /FAKE-OK/);
    assert.doesNotMatch(t.stdout, RAW);
    const j = run(['check', '--format', 'json', f]);
    assert.doesNotMatch(j.stdout, RAW);
    const parsed = checkJson(j.stdout);
    assert.ok(JSON.stringify(parsed).includes('\\u001b'), 'the JSON value still holds the real label');
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});
