// Worker-thread entry (bundled as dist/server/checkWorker.js), for two callers:
//  - the language server's big documents (./remoteDocs.ts): `{ doc: 'check' }` checks a version and
//    keeps the result here, answering with LSP diagnostics; `{ doc: 'feature' }` answers a request
//    from it (../features.ts). Nothing document-sized is sent back;
//  - the CLI's pool (./checkPool.ts): `{ file }` reads, checks and formats one file.
// A bare `{ id, uri, text, settings }` job posts the whole CheckResult back with its class marks.

import { parentPort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { checkText, type CheckSettings } from '../../../common/src/features/check';
import { fileImportResolver } from './fileImports';
import { markClasses, type ClassMarks } from './revive';
import { fileReply, type FileJob } from './checkPool';
import { toLspDiagnostics } from '../../../common/src/features/lspDiagnostics';
import { runFeature } from '../features';
import type { DocCheckJob, DocFeatureJob, DocReply, DocTextPart } from './remoteDocs';
import type { CheckResult } from '../../../common/src/features/check';

// A big document's newest result and text (./remoteDocs.ts: one worker per such document).
let held: { result: CheckResult; text: string } | undefined;
// Jobs run one after another, so a feature asked after a check answers from that check.
let queue: Promise<void> = Promise.resolve();

export interface CheckJob { id: number; uri: string; text: string; settings: CheckSettings }
export type CheckReply = { id: number; result: unknown; marks: ClassMarks } | { id: number; error: string };

function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try { return fileURLToPath(uri); } catch { return null; }
}

// Slices of the next check's text (./remoteDocs.ts sends a big text in parts), joined by that check.
let parts: string[] = [];

parentPort?.on('message', (job: CheckJob | { id: number; file: FileJob } | DocCheckJob | DocFeatureJob | DocTextPart) => {
  if ('doc' in job && job.doc === 'part') { parts.push(job.part); return; }
  if ('doc' in job && job.doc === 'check' && job.text === undefined) { job.text = parts.join(''); parts = []; }
  if ('doc' in job) { queue = queue.then(() => docJob(job)).then((r) => parentPort!.postMessage(r)); return; }
  if ('file' in job) { void fileReply(job.id, job.file).then((r) => parentPort!.postMessage(r)); return; }
  const resolver = fileImportResolver(uriToPath(job.uri), { maxBytes: job.settings.importMaxBytes });
  checkText(job.text, resolver, job.settings).then(
    (result) => parentPort!.postMessage({ id: job.id, result, marks: markClasses(result).marks } satisfies CheckReply),
    (e: unknown) => parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.stack ?? e.message : String(e) } satisfies CheckReply),
  );
});

async function docJob(job: DocCheckJob | DocFeatureJob): Promise<DocReply> {
  try {
    if (job.doc === 'check') {
      const resolver = fileImportResolver(uriToPath(job.uri), { maxBytes: job.settings.importMaxBytes, roots: job.roots });
      const text = job.text ?? '';
      const result = await checkText(text, resolver, job.settings);
      held = { result, text };
      return { id: job.id, diagnostics: toLspDiagnostics(result, job.uri, job.settings.outcomeDiagnostic === true) };
    }
    if (!held) return { id: job.id, value: null };
    return { id: job.id, value: runFeature(job.name, held.result, job.params, held.text) };
  } catch (e) {
    return { id: job.id, error: e instanceof Error ? e.message : String(e) };
  }
}
