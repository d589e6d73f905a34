// The layer rules of eslint.config.mjs catch what they exist for: Node, DOM and the editor API in
// the pure core, the editor API in the server, the engine in the client. Each case lints a small
// text as if it lived at a path of that layer; the clean cases show the rules are not blanket bans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function errors(file: string, text: string): Promise<string[]> {
  const [r] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
  return r.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

test('common/src: no node:, no vscode, no DOM, no Node globals, no server imports', async () => {
  assert.deepEqual(await errors('common/src/engine/x.ts', "import * as fs from 'node:fs';\nexport const a = fs;\n"), ['no-restricted-imports']);
  assert.deepEqual(await errors('common/src/engine/x.ts', "import * as fs from 'fs';\nexport const a = fs;\n"), ['no-restricted-imports']);
  assert.deepEqual(await errors('common/src/features/x.ts', "import * as vscode from 'vscode';\nexport const a = vscode;\n"), ['no-restricted-imports']);
  assert.deepEqual(await errors('common/src/render/x.ts', 'export const a = document.title;\n'), ['no-restricted-globals']);
  assert.deepEqual(await errors('common/src/render/x.ts', 'export const a = process.env;\n'), ['no-restricted-globals']);
  assert.deepEqual(await errors('common/src/render/x.ts', "import { a } from '../../../server/src/server';\nexport const b = a;\n"), ['no-restricted-imports']);
  assert.deepEqual(await errors('common/src/protocol/x.ts', "import { RequestType } from 'vscode-languageserver-protocol';\nexport const a = RequestType;\n"), []);
});

test('server/src: no vscode anywhere; Node only under server/src/node', async () => {
  assert.deepEqual(await errors('server/src/x.ts', "import * as vscode from 'vscode';\nexport const a = vscode;\n"), ['no-restricted-imports']);
  assert.deepEqual(await errors('server/src/x.ts', "import * as p from 'node:path';\nexport const a = p;\n"), ['no-restricted-imports']);
  assert.deepEqual(await errors('server/src/node/x.ts', "import * as p from 'node:path';\nexport const a = p;\n"), []);
  assert.deepEqual(await errors('server/src/node/x.ts', "import * as vscode from 'vscode';\nexport const a = vscode;\n"), ['no-restricted-imports']);
});

test('client: the webview has no Node or vscode; the client never imports the engine', async () => {
  assert.deepEqual(await errors('client/webview/x.ts', "import * as fs from 'node:fs';\nexport const a = fs;\n"), ['no-restricted-imports']);
  assert.deepEqual(await errors('client/webview/x.ts', 'export const a = document.title;\n'), []);
  assert.deepEqual(await errors('client/src/x.ts', "import { analyze } from '../../common/src/engine/analyze';\nexport const a = analyze;\n"), ['no-restricted-imports']);
});

test('the repository itself passes the layer rules', async () => {
  const results = await eslint.lintFiles(['common/src', 'server/src', 'client']);
  const bad = results.filter((r) => r.errorCount > 0).map((r) => `${path.relative(ROOT, r.filePath)}: ${r.messages.map((m) => m.message).join('; ')}`);
  assert.ok(results.length > 50, `linted ${results.length} files`);
  assert.deepEqual(bad, []);
});
