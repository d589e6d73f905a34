'use strict';
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const cli = require('../lib/cli');
const h = require('./helpers');

async function hoverAt(doc, line, character) {
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, character));
  return h.hoverText(hovers || []);
}
const digitsOnly = (s) => s.replace(/[\s,_'\u2009\u202f]/g, '').toLowerCase();

suite('hover', () => {
  suiteSetup(() => h.ready());
  test('an unaccepted address: hex, decimal, region ram, unit unaccepted', async () => {
    // fixtures/tdx-guest.kexec: `unaccepted 0x1_4000_0000 .. 0x2_8000_0000` inside the ram at 0x1_0000_0000 + 6G
    const doc = await h.open('fixtures/tdx-guest.kexec');
    const at = cli.unacceptedAddress(doc.getText(), { diagnostics: [] });
    const text = await hoverAt(doc, at.line, at.character);
    assert.match(text, /unaccepted/i);
    assert.match(text, /\bram\b/i);
    assert.ok(digitsOnly(text).includes('0x140000000'), `hex 0x1_4000_0000 in: ${text}`);
    assert.ok(digitsOnly(text).includes('5368709120'), `decimal 5368709120 in: ${text}`);
  });

  test('an accepted address: region ram, unit accepted', async () => {
    const doc = await h.open('fixtures/tdx-guest.kexec');
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('segment initrd'));
    const character = doc.lineAt(line).text.indexOf('0x1_3e00_0000') + 3;
    const text = await hoverAt(doc, line, character);
    assert.match(text, /\bram\b/i);
    assert.match(text, /\baccepted\b/i, `"accepted" as a word in: ${text}`);
  });

  // Every example with a plain `unaccepted` statement: its first address must hover as an
  // unaccepted unit in ram.
  const examples = h.layouts('examples');
  const cliOf = h.cliResults(examples);
  for (const rel of examples) {
    const at = cli.unacceptedAddress(fs.readFileSync(h.inWorkspace(rel), 'utf8'), cliOf.get(rel));
    if (!at) continue;
    test(`${rel}: ${at.token} on line ${at.line + 1}`, async () => {
      const doc = await h.open(rel);
      const text = await hoverAt(doc, at.line, at.character);
      for (const re of at.mustMatch) assert.match(text, re, `hover on ${at.token} (line ${at.line + 1})`);
    });
  }
});
