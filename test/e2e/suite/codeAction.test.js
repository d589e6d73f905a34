'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helpers');

/** The first diagnostic of the file that has a quick fix carrying an edit, with that fix. */
async function findQuickFix(doc) {
  for (const d of vscode.languages.getDiagnostics(doc.uri)) {
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value, 20) || [];
    const fix = actions.find((a) => a.edit && (!a.diagnostics || a.diagnostics.some((x) => h.codeOf(x) === h.codeOf(d))));
    if (fix) return { diagnostic: d, fix };
  }
  return null;
}

suite('quick fix', () => {
  suiteSetup(() => h.ready());
  const touched = [];
  suiteTeardown(async () => { for (const d of touched) await h.revert(d); });

  test('applying a quick fix removes its diagnostic', async () => {
    // The harness's typo fixture first, then the examples: the first file with a fixable finding.
    let found, doc;
    for (const rel of ['fixtures/typo.kexec', ...h.layouts('examples')]) {
      doc = await h.open(rel);
      await h.waitForCliDiagnostics(doc, h.cliResults([rel]).get(rel));
      found = await findQuickFix(doc);
      if (found) { console.log(`    ${rel}: "${found.fix.title}" for ${h.codeOf(found.diagnostic)}`); break; }
    }
    assert.ok(found, 'some diagnostic offers a quick fix with an edit');
    touched.push(doc);
    const { diagnostic, fix } = found;
    const sameAsFixed = (d) => h.codeOf(d) === h.codeOf(diagnostic) && d.range.start.line === diagnostic.range.start.line;
    const countBefore = vscode.languages.getDiagnostics(doc.uri).filter(sameAsFixed).length;
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments || []));
    await h.waitForDiagnostics(doc.uri, (_, ds) => ds.filter(sameAsFixed).length < countBefore,
      `${h.codeOf(diagnostic)} on line ${diagnostic.range.start.line + 1} to go away`);
  });
});
