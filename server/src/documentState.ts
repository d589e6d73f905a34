// Per-document check results, cached by version and settings, computed at most once each; the
// check itself may run elsewhere (the Node host runs it in a worker thread).

import { checkText, type CheckResult, type CheckSettings, type ImportResolver } from '../../common/src/features/check';

interface Entry { version: number; settingsKey: string; result: Promise<CheckResult>; abort: AbortController; started: number; settled: boolean }

/** Runs one check off the caller's thread; `signal` aborts when a newer version supersedes it. */
export type Checker = (uri: string, text: string, settings: CheckSettings, signal: AbortSignal) => Promise<CheckResult>;
/** A Checker that may decline (undefined): that document is then checked in-thread. */
export type MaybeChecker = (uri: string, text: string, settings: CheckSettings, signal: AbortSignal) => Promise<CheckResult> | undefined;

export class DocumentCache {
  private entries = new Map<string, Entry>();
  /** The newest finished check per document, whatever its version. */
  private finished = new Map<string, CheckResult>();

  constructor(
    private readonly resolverFor: (uri: string, settings: CheckSettings, signal: AbortSignal) => ImportResolver,
    private readonly checker?: MaybeChecker,
  ) {}

  get(uri: string, version: number, text: string, settings: CheckSettings): Promise<CheckResult> {
    const settingsKey = JSON.stringify(settings);
    const e = this.entries.get(uri);
    if (e && e.version === version && e.settingsKey === settingsKey) return e.result;
    // A superseded check stops reading its imports (its answer is stale anyway).
    e?.abort.abort();
    const abort = new AbortController();
    const result = this.checker?.(uri, text, settings, abort.signal)
      ?? checkText(text, this.resolverFor(uri, settings, abort.signal), settings);
    const entry: Entry = { version, settingsKey, result, abort, started: Date.now(), settled: false };
    this.entries.set(uri, entry);
    // Only the entry still current records its result: a superseded version's result is dropped.
    result.then((r) => { entry.settled = true; if (this.entries.get(uri) === entry) this.finished.set(uri, r); }, () => { entry.settled = true; });
    return result;
  }

  /** A newer version arrived: stops the running check if it has already run `ms` (a big one),
   *  so the newer version starts now rather than after it. Short checks are left to finish. */
  supersede(uri: string, ms: number): void {
    const e = this.entries.get(uri);
    if (e && !e.settled && Date.now() - e.started >= ms) { e.abort.abort(); this.entries.delete(uri); }
  }

  /**
   * For requests that must answer at once (hover, completion): the current version's check if it
   * is done within `waitMs`, else the newest finished check of this document (an older version),
   * else the current check whenever it finishes. Null at once when `cancelled` resolves first.
   */
  async quick(uri: string, version: number, text: string, settings: CheckSettings, waitMs: number, cancelled?: Promise<void>): Promise<CheckResult | null> {
    const current = this.get(uri, version, text, settings);
    const last = this.finished.get(uri);
    const gaveUp = cancelled ? [cancelled.then(() => null)] : [];
    if (!last) return Promise.race([current, ...gaveUp]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => { timer = setTimeout(resolve, waitMs, undefined); });
    const r = await Promise.race([current.catch(() => undefined), late, ...gaveUp]);
    clearTimeout(timer);
    return r === undefined ? last : r;
  }

  delete(uri: string): void { this.entries.get(uri)?.abort.abort(); this.entries.delete(uri); this.finished.delete(uri); }
  clear(): void { for (const e of this.entries.values()) e.abort.abort(); this.entries.clear(); this.finished.clear(); }
}
