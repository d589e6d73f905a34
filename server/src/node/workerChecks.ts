// Document checks in worker threads (./checkWorker.ts), so hover, completion and cancellation on
// the server's event loop answer while a big check runs. Each running check has its own worker:
// checks of different documents run side by side, and a superseded check is stopped at once by
// terminating its worker (a synchronous check cannot be interrupted any other way). One idle
// worker is kept warm so an edit's check does not pay a worker's start-up.

import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import type { CheckResult, CheckSettings } from '../../../common/src/features/check';
import type { CheckJob, CheckReply } from './checkWorker';
import { revive } from './revive';

const KEEP_IDLE = 1;

export class WorkerChecks {
  private idle: Worker[] = [];
  private nextId = 1;

  constructor(private readonly script = path.join(__dirname, 'checkWorker.js')) {}

  check(uri: string, text: string, settings: CheckSettings, signal?: AbortSignal): Promise<CheckResult> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) { reject(new Error('superseded')); return; }
      const worker = this.idle.pop() ?? this.spawn();
      const id = this.nextId++;
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
      };
      const onMessage = (m: CheckReply) => {
        if (m.id !== id) return;
        done();
        if (this.idle.length < KEEP_IDLE) this.idle.push(worker); else void worker.terminate();
        if ('error' in m) reject(new Error(m.error));
        else { revive(m.marks); resolve(m.result as CheckResult); }
      };
      const onError = (e: Error) => { done(); void worker.terminate(); reject(e); };
      const onExit = (code: number) => { done(); reject(new Error(`check worker exited (${code})`)); };
      const onAbort = () => { done(); void worker.terminate(); reject(new Error('superseded')); };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ id, uri, text, settings } satisfies CheckJob);
    });
  }

  /** Starts the warm worker ahead of the first check. */
  warm(): void { if (this.idle.length === 0) this.idle.push(this.spawn()); }

  dispose(): void { for (const w of this.idle) void w.terminate(); this.idle = []; }

  private spawn(): Worker {
    const w = new Worker(this.script);
    w.unref(); // never keeps the server process alive on its own
    // An idle worker that dies is simply dropped.
    w.on('exit', () => { this.idle = this.idle.filter((x) => x !== w); });
    w.on('error', () => undefined);
    return w;
  }
}
