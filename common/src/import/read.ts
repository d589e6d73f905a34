// Choosing a reader and feeding it a whole text (pure). Streams and files are read by the hosts,
// which feed the same readers line by line.

import { ImportFormat, ImportResult } from '../engine/types';
import { DETECT_LINES, detectFormat } from './detect';
import { E820Reader } from './e820';
import { EfiReader } from './efi';
import { IomemReader } from './iomem';
import { KexecDebugReader } from './kexecDebug';
import { LineReader, forEachLine } from './lines';
import { MemmapReader } from './memmap';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['iomem', 'e820', 'efi', 'memmap', 'kexec-debug'];

/** When detection finds nothing it recognises, the text is read as this format. */
export const FALLBACK: ImportFormat = 'iomem';

export function createReader(format: ImportFormat): LineReader {
  switch (format) {
    case 'iomem': return new IomemReader();
    case 'e820': return new E820Reader();
    case 'efi': return new EfiReader();
    case 'memmap': return new MemmapReader();
    case 'kexec-debug': return new KexecDebugReader();
  }
  throw new Error(`unknown import format: ${String(format)}`);
}

export function undetected(result: ImportResult): ImportResult {
  result.warnings.unshift({
    line: 1,
    message: `the format could not be recognised from the first lines; read as ${FALLBACK}`,
  });
  return result;
}

const STOP = Symbol('stop');

/** Reads a whole text (pure). `auto` looks at the first lines to choose the reader. */
export function importText(text: string, format: ImportFormat | 'auto'): ImportResult {
  let chosen: ImportFormat | undefined = format === 'auto' ? undefined : format;
  if (chosen === undefined) {
    const head: string[] = [];
    try {
      forEachLine(text, (l) => {
        head.push(l);
        if (head.length >= DETECT_LINES) throw STOP;
      });
    } catch (e) {
      if (e !== STOP) throw e;
    }
    chosen = detectFormat(head);
  }
  const reader = createReader(chosen ?? FALLBACK);
  forEachLine(text, (l, n) => reader.line(l, n));
  const result = reader.finish();
  return chosen === undefined && result.linesRead > 0 ? undetected(result) : result;
}

