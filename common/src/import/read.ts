// Choosing the readers and feeding them a whole text (pure). Streams and files are read by the
// hosts, which feed the same readers line by line.

import { ImportFormat, ImportResult } from '../engine/types';
import { LineReader, forEachLine } from './lines';
import { LINE_ORDER, MixedReader, MixedOptions } from './mixed';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['iomem', 'e820', 'efi', 'memmap', 'kexec-debug', 'crashkernel'];

export type { MixedOptions as ImportOptions } from './mixed';

/**
 * A line reader for one format, or for `auto`: every line tried with every reader (mixed.ts).
 * Either way copies are kept apart and the last (or `opts.snapshot`) is imported.
 */
export function createReader(format: ImportFormat | 'auto', opts: MixedOptions = {}): LineReader {
  if (format !== 'auto' && !IMPORT_FORMATS.includes(format)) throw new Error(`unknown import format: ${String(format)}`);
  return new MixedReader(format === 'auto' ? LINE_ORDER : [format], opts);
}

/** Reads a whole text (pure). */
export function importText(text: string, format: ImportFormat | 'auto', opts: MixedOptions = {}): ImportResult {
  const reader = createReader(format, opts);
  forEachLine(text, (l, n) => reader.line(l, n));
  return reader.finish();
}
