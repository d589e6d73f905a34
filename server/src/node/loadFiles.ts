// Reads what a `load` names, through the safe reader: the kernel image's header (its first 1 KiB
// is kept, the rest only counted) and the initrd's size. Never throws.

import { safeReadChunks } from './safeRead';
import { readBzImageHeader, kern16Size, type BzImageHeader } from '../../../common/src/loaders/bzImageHeader';

/** KEXEC_FILE_SIZE_MAX: kexec_file_load reads at most 4 GiB; the same cap serves kexec-tools here. */
const MAX_IMAGE_BYTES = 4 * 1024 * 1024 * 1024;

export interface KernelImage {
  header: BzImageHeader | null;
  problems: string[];
  size: bigint;
  /** The file ends before the setup area it declares: a header excerpt (or a truncated image). */
  headerOnly: boolean;
}

export async function readKernelImage(path: string, signal?: AbortSignal): Promise<KernelImage | { error: string }> {
  const head = Buffer.alloc(1024);
  let kept = 0;
  const r = await safeReadChunks(path, (c) => {
    if (kept < head.length) kept += c.copy(head, kept, 0, Math.min(c.length, head.length - kept));
  }, { maxBytes: MAX_IMAGE_BYTES, signal });
  if ('error' in r) return r;
  const got = readBzImageHeader(head.subarray(0, kept));
  const size = BigInt(r.bytes);
  const headerOnly = got.header !== null && size < kern16Size(got.header.setupSects);
  return { header: got.header, problems: got.problems, size, headerOnly };
}

export async function readFileSize(path: string, signal?: AbortSignal): Promise<{ size: bigint } | { error: string }> {
  const r = await safeReadChunks(path, () => undefined, { maxBytes: MAX_IMAGE_BYTES, signal });
  return 'error' in r ? r : { size: BigInt(r.bytes) };
}
