#!/usr/bin/env node
// The language server on Node: over node IPC (VS Code) or --stdio (Neovim, Helix, Zed, Emacs).
// Imports are read from the file system, relative to the layout's own file.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server';
import { fileImportResolver } from './fileImports';
import { importFile } from './importFile';

export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try { return fileURLToPath(uri); } catch { return null; }
}

if (require.main === module) {
  // Started by hand (`kexec-layout-server`) with no transport flag: speak LSP over stdio.
  if (!process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) process.argv.push('--stdio');
  startServer(createConnection(ProposedFeatures.all), {
    importResolver: (uri, settings, signal) => fileImportResolver(uriToPath(uri), { maxBytes: settings?.importMaxBytes, signal }),
    importFile,
  });
}
