// Answers the server's kexecLayout/readFile through VS Code's file system API (the browser host's
// imports; works on virtual workspaces). Workspace trust: in Restricted Mode only files inside a
// workspace folder are read, and the refusal says so (it becomes the import's finding; the Node
// server refuses with the same RESTRICTED_REASON, server/src/node/workspaceTrust.ts).

import * as vscode from 'vscode';
import type { ReadFileParams, ReadFileResult } from '../../../common/src/protocol/lsp';
import { RESTRICTED_REASON } from '../../../common/src/protocol/restricted';

export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export async function readFileForServer(p: ReadFileParams): Promise<ReadFileResult> {
  let uri: vscode.Uri;
  try { uri = vscode.Uri.parse(p.uri, true); } catch { return { error: 'not a valid URI' }; }
  if (!vscode.workspace.isTrusted && !vscode.workspace.getWorkspaceFolder(uri)) return { error: RESTRICTED_REASON };
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { error: 'is a directory' };
    const max = p.maxBytes ?? DEFAULT_MAX_BYTES;
    if (stat.size > max) return { error: `larger than the limit of ${max} bytes (kexecLayout.import.maxBytes)` };
    return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  } catch (e) {
    return { error: e instanceof vscode.FileSystemError ? e.code || 'cannot read' : 'cannot read' };
  }
}
