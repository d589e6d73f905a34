// Reads the files named by `import` statements, relative to the layout file (CLI and server).

import * as path from 'node:path';
import { importFile } from './importFile';
import { readKernelImage, readFileSize } from './loadFiles';
import { confine, type ReadRoots } from './workspaceTrust';
import type { LineOptions } from './safeRead';
import { RESTRICTED_LOAD_REASON, RESTRICTED_REASON } from '../../../common/src/protocol/restricted';
import type { ImportResolver } from '../../../common/src/features/check';

/** `opts`: the byte cap (kexecLayout.import.maxBytes, --max-import-bytes), a cancel signal, and
 *  in Restricted Mode `roots`, the workspace folders every read must stay inside (workspaceTrust.ts). */
export function fileImportResolver(layoutPath: string | null, opts: LineOptions & { roots?: ReadRoots } = {}): ImportResolver {
  const { roots, ...readOpts } = opts;
  const resolver: ImportResolver = async (stmt) => {
    if (!layoutPath && !path.isAbsolute(stmt.path)) {
      return { path: stmt.path, error: 'the layout is not saved to a file, so a relative import path has no folder to start from' };
    }
    const full = path.resolve(layoutPath ? path.dirname(layoutPath) : '/', stmt.path);
    try {
      const where = await confine(full, roots);
      if ('refused' in where) return { path: stmt.path, error: RESTRICTED_REASON };
      if ('error' in where) return { path: stmt.path, error: where.error };
      const got = await importFile(where.path, stmt.format, { ...readOpts, snapshot: stmt.snapshot });
      return 'error' in got ? { path: stmt.path, error: got.error } : { path: stmt.path, result: got };
    } catch (e) {
      return { path: stmt.path, error: e instanceof Error ? e.message : String(e) };
    }
  };
  // `load kernel="…" initrd="…"`: the image's header and length, the initrd's length (loadFiles.ts).
  resolver.loadFile = async (p, role) => {
    if (!layoutPath && !path.isAbsolute(p)) return { path: p, error: 'the layout is not saved to a file, so a relative path has no folder to start from' };
    const where = await confine(path.resolve(layoutPath ? path.dirname(layoutPath) : '/', p), roots);
    if ('refused' in where) return { path: p, error: RESTRICTED_LOAD_REASON };
    if ('error' in where) return { path: p, error: where.error };
    const full = where.path;
    if (role === 'initrd') { const s = await readFileSize(full, opts.signal); return 'error' in s ? { path: p, error: s.error } : { path: p, size: s.size }; }
    const k = await readKernelImage(full, opts.signal);
    return 'error' in k ? { path: p, error: k.error } : { path: p, size: k.size, header: k.header, problems: k.problems, headerOnly: k.headerOnly };
  };
  return resolver;
}
