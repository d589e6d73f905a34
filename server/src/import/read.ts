// Choosing a reader and feeding it: whole texts, streams and files. Every reader sees each
// line once, in order, so a file is read as a stream.

import * as fs from 'node:fs';
import * as readline from 'node:readline';
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
const FALLBACK: ImportFormat = 'iomem';

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

function undetected(result: ImportResult): ImportResult {
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
