// Reads the files named by `import` statements, relative to the layout file (CLI and server).

import * as path from 'node:path';
import { importFile } from './importFile';
import { readKernelImage, readFileSize } from './loadFiles';
import type { LineOptions } from './safeRead';
import type { ImportResolver } from '../../../common/src/features/check';

/** `opts`: the byte cap (kexecLayout.import.maxBytes, --max-import-bytes) and a cancel signal. */
export function fileImportResolver(layoutPath: string | null, opts: LineOptions = {}): ImportResolver {
  const resolver: ImportResolver = async (stmt) => {
    if (!layoutPath && !path.isAbsolute(stmt.path)) {
      return { path: stmt.path, error: 'the layout is not saved to a file, so a relative import path has no folder to start from' };
    }
    const full = path.resolve(layoutPath ? path.dirname(layoutPath) : '/', stmt.path);
    try {
      const got = await importFile(full, stmt.format, { ...opts, snapshot: stmt.snapshot });
      return 'error' in got ? { path: stmt.path, error: got.error } : { path: stmt.path, result: got };
    } catch (e) {
      return { path: stmt.path, error: e instanceof Error ? e.message : String(e) };
    }
  };
  // `load kernel="…" initrd="…"`: the image's header and length, the initrd's length (loadFiles.ts).
  resolver.loadFile = async (p, role) => {
    if (!layoutPath && !path.isAbsolute(p)) return { path: p, error: 'the layout is not saved to a file, so a relative path has no folder to start from' };
    const full = path.resolve(layoutPath ? path.dirname(layoutPath) : '/', p);
    if (role === 'initrd') { const s = await readFileSize(full, opts.signal); return 'error' in s ? { path: p, error: s.error } : { path: p, size: s.size }; }
    const k = await readKernelImage(full, opts.signal);
    return 'error' in k ? { path: p, error: k.error } : { path: p, size: k.size, header: k.header, problems: k.problems, headerOnly: k.headerOnly };
  };
  return resolver;
}
