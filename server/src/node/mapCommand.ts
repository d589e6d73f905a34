// `kexec-layout map FILE --out map.svg|map.html`: the picture the editor shows, from the same
// model (features/memoryMap.ts) and the same renderer (render/) as the webview.

import { readFile, writeFile, access } from 'node:fs/promises';
import * as path from 'node:path';
import type { Io } from './cli';
import { checkText } from '../../../common/src/features/check';
import { memoryMapModel } from '../../../common/src/features/memoryMap';
import { fileImportResolver } from './fileImports';
import { toStandaloneSvg, toStandaloneHtml } from '../../../common/src/render/standalone';

export async function runMapCommand(args: string[], io: Io): Promise<number> {
  let out: string | undefined;
  let force = false;
  let kernel: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--out' || a === '-o') out = args[++i];
    else if (a.startsWith('--out=')) out = a.slice(6);
    else if (a === '--force') force = true;
    else if (a === '--kernel') kernel = args[++i];
    else if (a.startsWith('-')) { io.stderr(`kexec-layout map: unknown option '${a}'\n`); return 2; }
    else files.push(a);
  }
  if (files.length !== 1 || !out) { io.stderr('usage: kexec-layout map FILE --out MAP.svg|MAP.html [--force]\n'); return 2; }
  const html = /\.html?$/i.test(out);
  if (!html && !/\.svg$/i.test(out)) { io.stderr(`kexec-layout map: --out must end in .svg or .html: ${out}\n`); return 2; }
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
