// `kexec-layout map FILE --out map.svg|map.html [--force] [--kernel VERSION]`: the picture the
// editor shows, from the same model (features/memoryMap.ts) and the same renderer (render/) as
// the webview.

import { readFile, writeFile, access } from 'node:fs/promises';
import * as path from 'node:path';
import { UsageError, type Io } from './cliArgs';
import { parseVersion } from '../../../common/src/language/parser';
import { checkText } from '../../../common/src/features/check';
import { memoryMapModel } from '../../../common/src/features/memoryMap';
import { fileImportResolver } from './fileImports';
import { toStandaloneSvg, toStandaloneHtml } from '../../../common/src/render/standalone';

export interface MapOptions {
  file: string;
  /** MAP.svg or MAP.html. */
  out: string;
  force: boolean;
  kernel?: string;
}

export async function runMapCommand(opts: MapOptions, io: Io): Promise<number> {
  const { out, force, kernel } = opts;
  const files = [opts.file];
  if (kernel !== undefined && !parseVersion(kernel)) {
    throw new UsageError(`option '--kernel' needs a kernel version like 6.13 or 6.15-rc2, not '${kernel}'`);
  }
  const html = /\.html?$/i.test(out);
  if (!html && !/\.svg$/i.test(out)) throw new UsageError(`option '--out' must name a .svg or .html file, not '${out}'`);
  if (!force && (await exists(out))) { io.stderr(`kexec-layout map: ${out} exists; pass --force to overwrite it\n`); return 2; }
  let text: string;
  try { text = await readFile(files[0], 'utf8'); } catch (e) { io.stderr(`kexec-layout: cannot read ${files[0]}: ${(e as Error).message}\n`); return 2; }
  const result = await checkText(text, fileImportResolver(files[0]), { kernel });
  const model = memoryMapModel(result, path.basename(files[0]));
  let content: string;
  if (html) {
    const script = path.join(__dirname, '..', 'webview', 'memoryMap.js'); // dist/server → dist/webview
    let js: string;
    try { js = await readFile(script, 'utf8'); } catch { io.stderr(`kexec-layout map: the webview bundle ${script} is missing; run npm run build\n`); return 2; }
    content = toStandaloneHtml(model, js);
  } else content = toStandaloneSvg(model);
  try { await writeFile(out, content); } catch (e) { io.stderr(`kexec-layout map: cannot write ${out}: ${(e as Error).message}\n`); return 2; }
  io.stdout(`${out}: ${model.regions.length} regions, ${model.segments.length} segments; ${model.outcome.summary}\n`);
  return 0;
}

async function exists(p: string): Promise<boolean> {
  try { await access(p); return true; } catch { return false; }
}
