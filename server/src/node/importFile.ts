// Reading an import from a Node stream or file: each line goes to the pure readers of
// common/src/import as it arrives, so a file is never held whole in memory.

import type { ImportFormat, ImportResult } from '../../../common/src/engine/types';
import { DETECT_LINES, detectFormat } from '../../../common/src/import/detect';
import type { LineReader } from '../../../common/src/import/lines';
import { FALLBACK, createReader, undetected } from '../../../common/src/import/read';
import { safeReadLines, streamLines, type LineOptions } from './safeRead';

export { osReason } from './safeRead';

/** Feeds lines to the chosen reader; `auto` buffers the first lines for detection, then streams. */
function feeder(format: ImportFormat | 'auto'): { line(l: string, n: number): void; finish(): ImportResult } {
  let reader: LineReader | undefined = format === 'auto' ? undefined : createReader(format);
  let detected = format !== 'auto';
  let head: string[] = [];
  const feedHead = (): void => {
    const chosen = detectFormat(head);
    detected = chosen !== undefined;
    reader = createReader(chosen ?? FALLBACK);
    head.forEach((l, i) => reader!.line(l, i + 1));
    head = [];
  };
  return {
    line(l, n) {
      if (reader) { reader.line(l, n); return; }
      head.push(l);
      if (head.length >= DETECT_LINES) feedHead();
    },
    finish() {
      if (!reader) feedHead();
      const result = reader!.finish();
      return !detected && result.linesRead > 0 ? undetected(result) : result;
    },
  };
}

/** Reads a stream (stdin) line by line, with the safe reader's caps; errors as `{ error }`. */
export async function importStream(
  input: AsyncIterable<Buffer | string>,
  format: ImportFormat | 'auto',
  opts: LineOptions = {},
): Promise<ImportResult | { error: string }> {
  const feed = feeder(format);
  const got = await streamLines(input, (l, n) => feed.line(l, n), opts);
  return 'error' in got ? got : feed.finish();
}

/** Reads a file through the safe reader (server/src/node/safeRead.ts); never throws. */
export async function importFile(path: string, format: ImportFormat | 'auto', opts: LineOptions = {}): Promise<ImportResult | { error: string }> {
  try {
    const feed = feeder(format);
    const got = await safeReadLines(path, (l, n) => feed.line(l, n), opts);
    return 'error' in got ? got : feed.finish();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
