// "Kexec Layout: New Layout from Memory Map…": the server converts the text, the client opens
// the result as an untitled layout (never writing over a file).

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ImportLayoutRequest } from '../../common/src/protocol/lsp';

export function registerImportCommand(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand('kexecLayout.newLayoutFromMemoryMap', async (picked?: vscode.Uri) => {
    let path = picked?.fsPath;
    if (!path) {
      const choice = await vscode.window.showQuickPick(
        [
          { label: 'Choose a file…', description: '/proc/iomem, dmesg (e820/EFI), /sys/firmware/memmap dump, kexec -d output', id: 'file' },
          { label: "This machine's /proc/iomem", description: 'needs root to show real addresses', id: 'iomem' },
        ],
        { placeHolder: 'Where is the memory map?' },
      );
      if (!choice) return;
      if (choice.id === 'iomem') path = '/proc/iomem';
      else {
        const uris = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import' });
        if (!uris?.length) return;
        path = uris[0].fsPath;
      }
    }
    let r = await client.sendRequest(ImportLayoutRequest, { path, format: 'auto' });
    if ('error' in r) {
      void vscode.window.showErrorMessage(`Kexec Layout: cannot import ${path}: ${r.error}`);
      return;
    }
    // Several copies (snapshots, loads) in the file: the last was imported; offer the others.
    const copies = r.snapshots?.reduce((n, s) => Math.max(n, s.lines.length), 0) ?? 0;
    if (copies > 1 && r.snapshots) {
      const items = [];
      for (let n = 1; n <= copies; n++) {
        const where = r.snapshots.map((s) => `${s.format} line ${s.lines[Math.min(n, s.lines.length) - 1]}`).join(', ');
        items.push({ label: `Copy ${n}${n === copies ? ' (the last, imported by default)' : ''}`, description: where, n });
      }
      const pick = await vscode.window.showQuickPick(items, { placeHolder: `The file holds ${copies} copies of the memory map or load; which one?` });
      if (!pick) return;
      if (pick.n !== copies) {
        const again = await client.sendRequest(ImportLayoutRequest, { path, format: 'auto', snapshot: pick.n });
        if ('error' in again) {
          void vscode.window.showErrorMessage(`Kexec Layout: cannot import ${path}: ${again.error}`);
          return;
        }
        r = again;
      }
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'kexec-layout', content: r.text });
    await vscode.window.showTextDocument(doc);
  });
}
