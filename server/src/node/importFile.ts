// Reading an import from a Node stream or file: each line goes to the pure readers of
// common/src/import as it arrives (no head is buffered: every line is tried with every reader),
// so a file is never held whole in memory.

import type { ImportFormat } from '../../../common/src/engine/types';
import type { ImportResult } from '../../../common/src/engine/types';
import { createReader, type ImportOptions } from '../../../common/src/import/read';
import { safeReadLines, streamLines, type LineOptions } from './safeRead';

export { osReason } from './safeRead';

/** Reads a stream (stdin) line by line, with the safe reader's caps; errors as `{ error }`. */
export async function importStream(
  input: AsyncIterable<Buffer | string>,
  format: ImportFormat | 'auto',
  opts: LineOptions & ImportOptions = {},
): Promise<ImportResult | { error: string }> {
  const feed = createReader(format, { snapshot: opts.snapshot, sink: opts.sink });
  const got = await streamLines(input, (l, n) => feed.line(l, n), opts);
  return 'error' in got ? got : feed.finish();
}

/** Reads a file through the safe reader (server/src/node/safeRead.ts); never throws. */
export async function importFile(path: string, format: ImportFormat | 'auto', opts: LineOptions & ImportOptions = {}): Promise<ImportResult | { error: string }> {
  try {
    const feed = createReader(format, { snapshot: opts.snapshot, sink: opts.sink });
    const got = await safeReadLines(path, (l, n) => feed.line(l, n), opts);
    return 'error' in got ? got : feed.finish();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
