// A check result sent across a worker boundary (structured clone + revive) answers every feature
// exactly as the original does, for every example layout.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../common/src/features/check';
import { hover } from '../../common/src/features/hover';
import { documentSymbols } from '../../common/src/features/symbols';
import { inlayHints } from '../../common/src/features/inlayHints';
import { memoryMapModel } from '../../common/src/features/memoryMap';
import { toLspDiagnostics } from '../../common/src/features/lspDiagnostics';
import { markClasses, revive } from '../../server/src/node/revive';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');

for (const name of readdirSync(EXAMPLES).filter((n) => n.endsWith('.kexec'))) {
  test(`a cloned and revived check of ${name} answers like the original`, async () => {
    const text = readFileSync(path.join(EXAMPLES, name), 'utf8');
    const r = await checkText(text);
    const { marks, unknown } = markClasses(r);
    assert.deepEqual(unknown, [], 'every class in a check result is known to revive');
    assert.ok(marks.length > 0, 'the result holds class instances (the memory map at least)');
    const sent = structuredClone({ result: r, marks });
    revive(sent.marks);
    const c = sent.result;
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      for (let character = 0; character <= lines[line].length; character += 3) {
        assert.deepEqual(hover(c, { line, character }), hover(r, { line, character }), `hover at ${line}:${character}`);
      }
    }
    const all = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
    assert.deepEqual(documentSymbols(c), documentSymbols(r));
    assert.deepEqual(inlayHints(c, all), inlayHints(r, all));
    assert.deepEqual(memoryMapModel(c, name), memoryMapModel(r, name));
    assert.deepEqual(toLspDiagnostics(c, 'file:///x'), toLspDiagnostics(r, 'file:///x'));
  });
}
