// "Kexec Layout: New Layout from This Machine": the same snapshot as `kexec-layout snapshot`, read
// on the machine VS Code runs on (its extension host), opened as an untitled layout (never a file).

import * as vscode from 'vscode';
import { readMachine } from '../../server/src/node/snapshotCommand';
import { snapshotLayout } from '../../common/src/snapshot/machine';

export function registerSnapshotCommand(): vscode.Disposable {
  return vscode.commands.registerCommand('kexecLayout.newLayoutFromThisMachine', async () => {
    const snap = snapshotLayout(await readMachine('/'));
    const doc = await vscode.workspace.openTextDocument({ language: 'kexec-layout', content: snap.text });
    await vscode.window.showTextDocument(doc);
    if (snap.warnings.length) void vscode.window.showWarningMessage(`Kexec Layout: ${snap.warnings[0]}`);
  });
}
