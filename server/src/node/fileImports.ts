// Reads the files named by `import` statements, relative to the layout file (CLI and server).

import * as path from 'node:path';
import { importFile } from './importFile';
import type { LineOptions } from './safeRead';
import type { ImportResolver } from '../../../common/src/features/check';

/** `opts`: the byte cap (kexecLayout.import.maxBytes, --max-import-bytes) and a cancel signal. */
export function fileImportResolver(layoutPath: string | null, opts: LineOptions = {}): ImportResolver {
  return async (stmt) => {
    if (!layoutPath && !path.isAbsolute(stmt.path)) {
      return { path: stmt.path, error: 'the layout is not saved to a file, so a relative import path has no folder to start from' };
    }
    const full = path.resolve(layoutPath ? path.dirname(layoutPath) : '/', stmt.path);
    try {
      const got = await importFile(full, stmt.format, opts);
      return 'error' in got ? { path: stmt.path, error: got.error } : { path: stmt.path, result: got };
    } catch (e) {
      return { path: stmt.path, error: e instanceof Error ? e.message : String(e) };
    }
  };
}
