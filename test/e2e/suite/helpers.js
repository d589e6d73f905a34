// Shared by the extension-host suites: opening layouts, waiting on VS Code events (never on
// sleeps), and the CLI's view of each file.
'use strict';
const path = require('path');
const vscode = require('vscode');
const cli = require('../lib/cli');

const EXTENSION_ID = (() => {
  const pkg = require(path.join(require('../lib/env').EXTENSION, 'package.json'));
  return `${pkg.publisher}.${pkg.name}`;
})();

function workspaceRoot() {
  const folders = vscode.workspace.workspaceFolders;
  if (!folders || !folders.length) throw new Error('no workspace folder open');
  return folders[0].uri.fsPath;
}
const inWorkspace = (rel) => path.join(workspaceRoot(), rel);

/** Workspace-relative layouts: examples/*.kexec then fixtures/*.kexec (or just one of the two). */
function layouts(subdir) {
  return (subdir ? [subdir] : ['examples', 'fixtures']).flatMap((d) => cli.kexecFiles(inWorkspace(d)).map((f) => path.join(d, path.basename(f))));
}

async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(inWorkspace(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Discards unsaved edits of `doc`. */
async function revert(doc) {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/**
 * Resolves with check()'s value as soon as it is truthy: now, or after one of `event`'s
 * firings. Rejects after timeoutMs with describe()'s text.
 */
function waitFor(event, check, { timeoutMs = 30000, describe = () => '' } = {}) {
  return new Promise((resolve, reject) => {
    const first = check();
    if (first) return resolve(first);
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`)); }, timeoutMs);
    const sub = event(() => {
      const v = check();
      if (v) { clearTimeout(timer); sub.dispose(); resolve(v); }
    });
  });
}

const codeOf = (d) => String(d.code && typeof d.code === 'object' ? d.code.value : d.code);
const severityName = (d) => cli.SEVERITIES[d.severity];
const editorKeys = (uri) => vscode.languages.getDiagnostics(uri).map((d) => cli.key(codeOf(d), d.range.start.line, severityName(d))).sort();

/** A promise for the next diagnostics change of `uri`; create it before the edit that causes it. */
function nextDiagnosticsChange(uri, timeoutMs = 30000) {
  let sub, timer;
  return new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no new diagnostics for ${uri.fsPath} within ${timeoutMs} ms`)), timeoutMs);
    sub = vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === uri.toString())) resolve(); });
  }).finally(() => { clearTimeout(timer); sub.dispose(); });
}

/** Waits until the diagnostics of `uri` satisfy pred(keys, diagnostics); resolves with them. */
function waitForDiagnostics(uri, pred, what, timeoutMs = 30000) {
  return waitFor((fn) => vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === uri.toString())) fn(); }),
    () => (pred(editorKeys(uri), vscode.languages.getDiagnostics(uri)) ? vscode.languages.getDiagnostics(uri) : null),
    { timeoutMs, describe: () => `${what}; editor has ${JSON.stringify(editorKeys(uri))}` });
}

const shown = (uri) => vscode.languages.getDiagnostics(uri).map((d) => ({
  code: codeOf(d), line: d.range.start.line, severity: severityName(d), message: d.message, source: d.source,
}));

/**
 * Waits until VS Code shows for the document what the CLI reports for its file (see
 * lib/cli.js compareWithCli): first for the server's first diagnostics (30 s), then at most
 * 3 s more for them to match, so a mismatch fails quickly with both lists in the message.
 */
async function waitForCliDiagnostics(doc, fileResult) {
  const text = doc.getText();
  if (cli.expectedCount(fileResult, text) > 0) {
    await waitForDiagnostics(doc.uri, (keys) => keys.length > 0, 'the language server\'s first diagnostics');
  }
  const compare = () => cli.compareWithCli(shown(doc.uri), fileResult, text);
  try {
    return await waitForDiagnostics(doc.uri, () => compare().ok, 'the CLI\'s diagnostics', 3000);
  } catch {
    throw new Error(`${vscode.workspace.asRelativePath(doc.uri)}: ${compare().detail}`);
  }
}

/** CLI results for workspace-relative paths, keyed by the same relative path. */
function cliResults(rels) {
  const byAbs = cli.check(rels.map(inWorkspace), { node: nodeBinary() });
  return new Map(rels.map((r) => [r, byAbs.get(inWorkspace(r))]));
}
function nodeBinary() {
  return /^node(\.exe)?$/.test(path.basename(process.execPath)) ? process.execPath : 'node';
}

/**
 * Resolves once the language server is up: a fixture with a known finding has its diagnostics.
 * Each suite waits on it in suiteSetup, so any suite can run alone (E2E_GREP).
 */
let readyPromise;
function ready() {
  const rel = 'fixtures/tdx-guest.kexec';
  readyPromise = readyPromise || open(rel).then((doc) => waitForCliDiagnostics(doc, cliResults([rel]).get(rel)));
  return readyPromise;
}

function hoverText(hovers) {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

module.exports = {
  EXTENSION_ID, ready, inWorkspace, layouts, open, revert, cliResults, codeOf, shown, hoverText,
  waitFor, waitForDiagnostics, waitForCliDiagnostics, nextDiagnosticsChange,
};
