// docs/diagnostics.md is the page SARIF help URIs point into: every catalogue code has its anchor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers';
import { CODE_DOCS } from '../../../common/src/features/docs';
import { DEFAULT_SEVERITY } from '../../../common/src/engine/findings';
import { codeAnchor, helpUri } from '../../../common/src/features/sarif';
import { DIAGNOSTICS_DOC_URL } from '../../../common/src/features/project';
import { diagnosticsDoc } from './diagnosticsDoc';

const DOC = path.join(ROOT, 'docs/diagnostics.md');

test('docs/diagnostics.md is generated from the catalogue (UPDATE_DOCS=1 rewrites it)', () => {
  const want = diagnosticsDoc();
  if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(DOC, want);
  assert.equal(fs.readFileSync(DOC, 'utf8'), want, 'docs/diagnostics.md is stale: run UPDATE_DOCS=1 node --test out/test/unit/cli/diagnosticsDoc.test.js');
});

test('every catalogue code has one anchor, and its help URI names it', () => {
  const text = fs.readFileSync(DOC, 'utf8');
  const anchors = new Set<string>();
  for (const m of text.matchAll(/<a id="([^"]+)"><\/a>/g)) {
    assert.ok(!anchors.has(m[1]), `anchor ${m[1]} twice`);
    anchors.add(m[1]);
  }
  for (const code of Object.keys(CODE_DOCS)) {
    assert.ok(anchors.has(codeAnchor(code)), code);
    assert.equal(helpUri(code), `${DIAGNOSTICS_DOC_URL}#${codeAnchor(code)}`);
  }
  // Distinct codes never share an anchor.
  assert.equal(new Set(Object.keys(CODE_DOCS).map(codeAnchor)).size, Object.keys(CODE_DOCS).length);
});

test('every code with a default severity is in the catalogue', () => {
  const missing = Object.keys(DEFAULT_SEVERITY).filter((c) => !(c in CODE_DOCS));
  assert.deepEqual(missing, [], 'add these codes to CODE_DOCS in common/src/features/docs.ts');
});
