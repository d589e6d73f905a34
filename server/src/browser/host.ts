// The browser host of the language server: no file system, so every `import` is read by the
// client (kexecLayout/readFile, VS Code's file system API) and parsed here by the pure readers.
// Checks run in this worker's thread (no ServerHost.check) and `load` reads no kernel image.

import type { Connection } from 'vscode-languageserver';
import type { ServerHost } from '../server';
import type { ImportResolver } from '../../../common/src/features/check';
import type { ImportFormat, ImportResult } from '../../../common/src/engine/types';
import { importText } from '../../../common/src/import/index';
import { ReadFileRequest } from '../../../common/src/protocol/lsp';

/** `path` resolved against the layout's URI (any hierarchical scheme: file, vscode-vfs, memfs). */
export function resolveImportUri(base: string, path: string): string | null {
  try {
    return path.startsWith('/') && base.startsWith('file:') ? new URL('file://' + path).href : new URL(path, base).href;
  } catch {
    return null;
  }
}

export function browserHost(connection: Connection): ServerHost {
  const read = async (uri: string, format: ImportFormat | 'auto', maxBytes?: number, snapshot?: number): Promise<ImportResult | { error: string }> => {
    const got = await connection.sendRequest(ReadFileRequest, { uri, maxBytes });
    if ('error' in got) return { error: got.error };
    return importText(got.text, format, snapshot !== undefined ? { snapshot } : {});
  };
  return {
    importResolver(uri, settings): ImportResolver {
      return async (stmt) => {
        const target = resolveImportUri(uri, stmt.path);
        if (!target) return { path: stmt.path, error: `cannot resolve ${stmt.path} against the layout's location` };
        try {
          const got = await read(target, stmt.format, settings?.importMaxBytes, stmt.snapshot);
          return 'error' in got ? { path: stmt.path, error: got.error } : { path: stmt.path, result: got };
        } catch (e) {
          return { path: stmt.path, error: e instanceof Error ? e.message : String(e) };
        }
      };
    },
    importFile: (path, format, opts) => read(path, format, opts?.maxBytes, opts?.snapshot),
  };
}
