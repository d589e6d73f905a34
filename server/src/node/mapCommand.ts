// `kexec-layout map FILE --out map.svg|map.html [--force] [--kernel VERSION]`: the picture the
// editor shows, from the same model (features/memoryMap.ts) and the same renderer (render/) as
// the webview.

import { readFile, lstat } from 'node:fs/promises';
import * as path from 'node:path';
import { UsageError, type Io } from './cliArgs';
import { parseVersion } from '../../../common/src/language/parser';
import { checkText } from '../../../common/src/features/check';
import { memoryMapModel } from '../../../common/src/features/memoryMap';
import { fileImportResolver } from './fileImports';
import { toStandaloneSvg, toStandaloneHtml } from '../../../common/src/render/standalone';
import { safeReadText } from './safeRead';
import { writeFileAtomic } from './atomicWrite';
import { cliReason } from './checkCommand';
import { showText } from '../../../common/src/features/safeText';

export interface MapOptions {
  file: string;
  /** MAP.svg or MAP.html. */
  out: string;
  force: boolean;
  kernel?: string;
  /** Byte cap on the layout and each file it imports (--max-import-bytes). */
  maxBytes?: number;
}

export async function runMapCommand(opts: MapOptions, io: Io): Promise<number> {
  const { out, force, kernel } = opts;
  const files = [opts.file];
  if (kernel !== undefined && !parseVersion(kernel)) {
    throw new UsageError(`option '--kernel' needs a kernel version like 6.13 or 6.15-rc2, not '${kernel}'`);
  }
  const html = /\.html?$/i.test(out);
  if (!html && !/\.svg$/i.test(out)) throw new UsageError(`option '--out' must name a .svg or .html file, not '${out}'`);
  if (!force && (await exists(out))) { io.stderr(`kexec-layout map: ${showText(out)} exists; pass --force to overwrite it\n`); return 2; }
  const got = await safeReadText(files[0], { maxBytes: opts.maxBytes });
  if ('error' in got) { io.stderr(`kexec-layout: cannot read ${showText(files[0])}: ${cliReason(got.error)}\n`); return 2; }
  const result = await checkText(got.text, fileImportResolver(files[0], { maxBytes: opts.maxBytes }), { kernel });
  const model = memoryMapModel(result, path.basename(files[0]));
  let content: string;
  if (html) {
    const script = path.join(__dirname, '..', 'webview', 'memoryMap.js'); // dist/server → dist/webview
    let js: string;
    try { js = await readFile(script, 'utf8'); } catch { io.stderr(`kexec-layout map: the webview bundle ${script} is missing; run npm run build\n`); return 2; }
    content = toStandaloneHtml(model, js);
  } else content = toStandaloneSvg(model);
  // Temp file beside the target, then rename: a failed write leaves the old map and no partial one.
  const wrote = await writeFileAtomic(out, content, { force });
  if ('error' in wrote) { io.stderr(`kexec-layout map: cannot write ${showText(out)}: ${wrote.error}\n`); return 2; }
  io.stdout(`${out}: ${model.regions.length} regions, ${model.segments.length} segments; ${model.outcome.summary}\n`);
  return 0;
}

/** Anything at the path, a dangling symlink included (access() would follow it and say no). */
async function exists(p: string): Promise<boolean> {
  try { await lstat(p); return true; } catch { return false; }
}
