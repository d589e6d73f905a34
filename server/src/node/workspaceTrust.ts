// Workspace trust on the Node host: while the editor says the workspace is untrusted (Restricted
// Mode), the files an `import` or `load` names are read only inside the workspace folders. Both
// sides are compared by realpath, so a symlink inside the workspace pointing outside is outside,
// and the file is then read through its realpath (a link swapped after the check is not followed).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { osReason } from './safeRead';

/** The folders reads are confined to; undefined when the workspace is trusted (or nobody said). */
export type ReadRoots = readonly string[] | undefined;

function within(p: string, root: string): boolean {
  if (p === root) return true;
  return p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

async function real(p: string): Promise<string | { error: unknown }> {
  try { return await fs.promises.realpath(p); } catch (e) { return { error: e }; }
}

/**
 * The path to read `full` through: `full` itself when trusted (no roots), its realpath when that
 * is inside a root, `{ refused }` when outside every root. A path that does not resolve (missing,
 * a dangling link) is not read at all: its OS reason when its own path is inside a root (so a
 * missing file inside says ENOENT), else refused.
 */
export async function confine(full: string, roots: ReadRoots): Promise<{ path: string } | { error: string } | { refused: true }> {
  if (!roots) return { path: full };
  const realRoots = (await Promise.all(roots.map(real))).filter((r): r is string => typeof r === 'string');
  const target = await real(full);
  if (typeof target !== 'string') {
    const lexical = path.resolve(full);
    return roots.some((r) => within(lexical, path.resolve(r))) || realRoots.some((r) => within(lexical, r)) ? { error: osReason(target.error) } : { refused: true };
  }
  return realRoots.some((r) => within(target, r)) ? { path: target } : { refused: true };
}
