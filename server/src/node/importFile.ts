// Reading an import from a Node stream or file: each line goes to the pure readers of
// common/src/import as it arrives, so a file is never held whole in memory.

import * as fs from 'node:fs';
import * as readline from 'node:readline';
import type { ImportFormat, ImportResult } from '../../../common/src/engine/types';
import { DETECT_LINES, detectFormat } from '../../../common/src/import/detect';
import type { LineReader } from '../../../common/src/import/lines';
import { FALLBACK, createReader, undetected } from '../../../common/src/import/read';

/** The OS reason of a failed read, on one line: `ENOENT: no such file or directory`. */
export function osReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException | undefined;
  const message = err && typeof err.message === 'string' ? err.message : String(e);
  // Node appends `, open '/path'`; the caller names the path itself.
  const reason = message.replace(/, \w+ '.*'$/s, '').replace(/[\r\n]+/g, ' ').trim();
  return reason || (err?.code ?? 'unknown error');
}

/** Reads a stream line by line; `auto` buffers the first lines for detection, then streams. */
export function importStream(
  input: NodeJS.ReadableStream,
  format: ImportFormat | 'auto',
): Promise<ImportResult | { error: string }> {
  return new Promise((resolve) => {
    let reader: LineReader | undefined = format === 'auto' ? undefined : createReader(format);
    let detected = format !== 'auto';
    let head: string[] = [];
    let lineNo = 0;
    let done = false;
    const feedHead = (): void => {
      const chosen = detectFormat(head);
      detected = chosen !== undefined;
      reader = createReader(chosen ?? FALLBACK);
      head.forEach((l, i) => reader!.line(l, i + 1));
      head = [];
    };
    const rl = readline.createInterface({ input, crlfDelay: Infinity });
    const fail = (e: unknown): void => {
      if (done) return;
      done = true;
      rl.close();
      resolve({ error: osReason(e) });
    };
    input.on('error', fail);
    rl.on('line', (l) => {
      if (done) return;
      lineNo++;
      if (reader) {
        reader.line(l, lineNo);
        return;
      }
      head.push(l);
      if (head.length >= DETECT_LINES) feedHead();
    });
    rl.on('close', () => {
      if (done) return;
      done = true;
      if (!reader) feedHead();
      const result = reader!.finish();
      resolve(!detected && result.linesRead > 0 ? undetected(result) : result);
    });
  });
}

/** Reads a file as a stream. Unreadable files give `{ error }` with the OS reason. */
export async function importFile(path: string, format: ImportFormat | 'auto'): Promise<ImportResult | { error: string }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(path, 'r');
  } catch (e) {
    return { error: osReason(e) };
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) return { error: 'EISDIR: illegal operation on a directory' };
    const stream = handle.createReadStream({ encoding: 'utf8', autoClose: false });
    return await importStream(stream, format);
  } catch (e) {
    return { error: osReason(e) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
