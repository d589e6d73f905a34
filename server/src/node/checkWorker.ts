// Worker-thread entry (bundled as dist/server/checkWorker.js): runs one document check at a time
// off the language server's event loop, reading the layout's imports itself, and posts the
// CheckResult back (structured clone keeps bigints, Maps and the statement identities the
// imports Map is keyed by). The server terminates a worker whose check was superseded.
// The CLI's pool (./checkPool.ts) sends `{ id, file }` jobs instead: read, check and format one file.

import { parentPort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { checkText, type CheckSettings } from '../../../common/src/features/check';
import { fileImportResolver } from './fileImports';
import { markClasses, type ClassMarks } from './revive';
import { fileReply, type FileJob } from './checkPool';

export interface CheckJob { id: number; uri: string; text: string; settings: CheckSettings }
export type CheckReply = { id: number; result: unknown; marks: ClassMarks } | { id: number; error: string };

function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try { return fileURLToPath(uri); } catch { return null; }
}

parentPort?.on('message', (job: CheckJob | { id: number; file: FileJob }) => {
  if ('file' in job) { void fileReply(job.id, job.file).then((r) => parentPort!.postMessage(r)); return; }
  const resolver = fileImportResolver(uriToPath(job.uri), { maxBytes: job.settings.importMaxBytes });
  checkText(job.text, resolver, job.settings).then(
    (result) => parentPort!.postMessage({ id: job.id, result, marks: markClasses(result).marks } satisfies CheckReply),
    (e: unknown) => parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.stack ?? e.message : String(e) } satisfies CheckReply),
  );
});
