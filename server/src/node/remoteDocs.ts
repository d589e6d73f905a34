// Big documents live in worker threads: each has its own worker, which checks every version and
// keeps the result, answering diagnostics and feature requests from it, so nothing the size of the
// document ever crosses back to (or is decoded on) the server's event loop — only diagnostics and
// answers do. A newer version terminates a worker still checking an older one (a synchronous
// check cannot be interrupted any other way) and starts a fresh one; the old result is dropped.

import { Worker } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver';
import type { CheckSettings } from '../../../common/src/features/check';
import type { FeatureName } from '../features';
import type { ReadRoots } from './workspaceTrust';

/** `roots`: Restricted Mode's workspace folders (./workspaceTrust.ts); absent when trusted. */
/** `text` is absent when it came before the job in DocTextPart messages (a big text, in slices). */
export interface DocCheckJob { id: number; doc: 'check'; uri: string; text?: string; settings: CheckSettings; roots?: readonly string[] }
/** One slice of the next check's text; the worker joins the slices when the check job arrives. */
export interface DocTextPart { id: number; doc: 'part'; part: string }
export interface DocFeatureJob { id: number; doc: 'feature'; uri: string; name: FeatureName; params: unknown }
export type DocReply = { id: number; diagnostics?: Diagnostic[]; value?: unknown; error?: string };

/** Chars per slice of a big text sent to its worker (a copy of a few ms each). */
const TEXT_PART = 1 << 20;

interface Doc { worker: Worker; version: number; settingsKey: string; checking: boolean; diagnostics: Promise<Diagnostic[] | null> }

export class RemoteDocs {
  private docs = new Map<string, Doc>();
  private nextId = 1;
  private waiting = new Map<number, { resolve: (r: DocReply) => void }>();

  /** Restricted Mode's folders, sent with every check (a change makes the next check a new one). */
  roots: ReadRoots;

  constructor(private readonly script: string, readonly minChars: number) {}

  owns(text: string): boolean { return text.length >= this.minChars; }
  has(uri: string): boolean { return this.docs.has(uri); }

  /** LSP diagnostics of this version (null when a newer version superseded it). */
  check(uri: string, version: number, text: string, settings: CheckSettings): Promise<Diagnostic[] | null> {
    const roots = this.roots;
    const settingsKey = JSON.stringify([settings, roots ?? null]);
    let d = this.docs.get(uri);
    if (d && d.version === version && d.settingsKey === settingsKey) return d.diagnostics;
    if (d && d.checking) { this.stop(uri); d = undefined; }
    const worker = d?.worker ?? this.spawn(uri);
    const doc: Doc = { worker, version, settingsKey, checking: true, diagnostics: Promise.resolve(null) };
    this.docs.set(uri, doc);
    doc.diagnostics = this.sendText(uri, doc, text).then((sent) => sent
      ? this.send(worker, { id: 0, doc: 'check', uri, settings, ...(roots ? { roots } : {}) }).then((r) => {
        doc.checking = false;
        return this.docs.get(uri) === doc ? r.diagnostics ?? null : null;
      })
      : null);
    return doc.diagnostics;
  }

  /**
   * Posts the text in slices of TEXT_PART chars, yielding to the event loop between them: a
   * structured clone copies what it sends on this thread, and one 30 MB string would hold every
   * request behind it for a copy that long. False when a newer version took the document meanwhile.
   */
  private async sendText(uri: string, doc: Doc, text: string): Promise<boolean> {
    for (let i = 0; i < text.length; i += TEXT_PART) {
      if (this.docs.get(uri) !== doc) return false;
      doc.worker.postMessage({ id: 0, doc: 'part', part: text.slice(i, i + TEXT_PART) } satisfies DocTextPart);
      if (i + TEXT_PART < text.length) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return this.docs.get(uri) === doc;
  }

  /** A feature answered by the worker from its newest result (after any check queued before it). */
  async feature(uri: string, name: FeatureName, params: unknown): Promise<unknown> {
    const d = this.docs.get(uri);
    if (!d) return null;
    const r = await this.send(d.worker, { id: 0, doc: 'feature', uri, name, params });
    return r.value ?? null;
  }

  close(uri: string): void { this.stop(uri); }
  dispose(): void { for (const uri of [...this.docs.keys()]) this.stop(uri); }

  private stop(uri: string): void {
    const d = this.docs.get(uri);
    if (!d) return;
    this.docs.delete(uri);
    void d.worker.terminate();
  }

  private send(worker: Worker, job: DocCheckJob | DocFeatureJob): Promise<DocReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve });
      worker.postMessage({ ...job, id });
    });
  }

  private spawn(uri: string): Worker {
    const w = new Worker(this.script);
    w.unref();
    const mine = new Set<number>();
    w.on('message', (m: DocReply) => { const p = this.waiting.get(m.id); if (p) { this.waiting.delete(m.id); p.resolve(m); } });
    // A stopped or dead worker answers everything still waiting on it with nothing.
    w.on('exit', () => {
      for (const [id, p] of this.waiting) if (mine.has(id)) { this.waiting.delete(id); p.resolve({ id }); }
      if (this.docs.get(uri)?.worker === w) this.docs.delete(uri);
    });
    w.on('error', () => undefined);
    const post = w.postMessage.bind(w);
    w.postMessage = (m: { id: number }) => { mine.add(m.id); post(m); };
    return w;
  }
}
