// `check` of many files in one call: the files are checked by a pool of worker threads (one per
// core, ./checkWorker.ts) and the results handed to the caller in argument order, each as soon
// as it and every file before it are done. A file's output is formatted in its worker (text,
// GitHub annotations, a JSON file object), so only small results cross back; SARIF, which is one
// document over every file, gets the whole CheckResult (revived, ./revive.ts).

import { Worker } from 'node:worker_threads';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkText, hasErrors, type CheckResult } from '../../../common/src/features/check';
import { toJsonFile, toText, type JsonFile } from '../../../common/src/features/report';
import { explainText } from '../../../common/src/features/explain';
import { toGithub } from '../../../common/src/features/githubAnnotations';
import { fileImportResolver } from './fileImports';
import { safeReadText } from './safeRead';
import { revive, markClasses, type ClassMarks } from './revive';

export type PoolFormat = 'text' | 'json' | 'sarif' | 'github';

export interface FileJob { path: string; format: PoolFormat; kernel?: string; explain?: boolean; maxBytes?: number }

/** One file's outcome: unreadable (the safe reader's reason), or checked with its output. */
export type FileOutcome =
  | { path: string; error: string }
  | { path: string; errors: boolean; text?: string; json?: JsonFile; result?: CheckResult };

/** Reads, checks and formats one file (in a worker, or in-thread for a single file). */
export async function checkFileJob(job: FileJob): Promise<FileOutcome> {
  const got = await safeReadText(job.path, { maxBytes: job.maxBytes });
  if ('error' in got) return { path: job.path, error: got.error };
  const result = await checkText(got.text, fileImportResolver(job.path, { maxBytes: job.maxBytes }), { kernelOverride: job.kernel });
  const errors = hasErrors(result);
  switch (job.format) {
    case 'text': return { path: job.path, errors, text: toText(job.path, result) + (job.explain ? explainText(job.path, result) : '') };
    case 'github': return { path: job.path, errors, text: toGithub(job.path, result) };
    case 'json': return { path: job.path, errors, json: toJsonFile(job.path, result) };
    case 'sarif': return { path: job.path, errors, result };
  }
}

/** The message a pool worker answers a FileJob with (class marks only for a SARIF result). */
export interface FileReply { id: number; outcome: FileOutcome; marks?: ClassMarks }
export async function fileReply(id: number, job: FileJob): Promise<FileReply> {
  try {
    const outcome = await checkFileJob(job);
    return 'result' in outcome && outcome.result ? { id, outcome, marks: markClasses(outcome.result).marks } : { id, outcome };
  } catch (e) {
    return { id, outcome: { path: job.path, error: e instanceof Error ? e.message : String(e) } };
  }
}

export interface PoolOptions { workers?: number; script?: string }

/**
 * Checks every job, at most `workers` at a time (default: one per core, never more than the
 * files), and calls `onResult(i, outcome)` in index order. A worker that dies fails only its file.
 */
export async function checkFiles(jobs: FileJob[], onResult: (i: number, outcome: FileOutcome) => void, opts: PoolOptions = {}): Promise<void> {
  const size = Math.max(1, Math.min(opts.workers ?? os.availableParallelism(), jobs.length));
  const script = opts.script ?? path.join(__dirname, 'checkWorker.js');
  const done = new Map<number, FileOutcome>();
  let next = 0; // next job to hand out
  let flushed = 0; // next index to report
  const flush = () => {
    while (done.has(flushed)) { const o = done.get(flushed)!; done.delete(flushed); onResult(flushed, o); flushed++; }
  };
  const runWorker = () => new Promise<void>((resolve) => {
    let current = -1;
    const w = new Worker(script);
    const give = () => {
      if (next >= jobs.length) { void w.terminate(); return; }
      current = next++;
      w.postMessage({ id: current, file: jobs[current] });
    };
    w.on('message', (m: FileReply) => {
      if (m.marks) revive(m.marks);
      done.set(m.id, m.outcome);
      current = -1;
      flush();
      give();
    });
    w.on('error', (e) => { if (current >= 0) { done.set(current, { path: jobs[current].path, error: e.message }); current = -1; flush(); } });
    w.on('exit', () => {
      if (current >= 0) { done.set(current, { path: jobs[current].path, error: 'the check stopped unexpectedly' }); flush(); }
      resolve();
    });
    give();
  });
  const all: Promise<void>[] = [];
  for (let i = 0; i < size; i++) all.push(runWorker());
  await Promise.all(all);
  // Jobs a dead worker never took are checked here rather than lost.
  while (next < jobs.length) { const i = next++; done.set(i, await checkFileJob(jobs[i]).catch((e: unknown) => ({ path: jobs[i].path, error: String(e) }))); }
  flush();
}
