// Per-document check results, cached by version and settings, computed at most once each.

import { checkText, type CheckResult, type CheckSettings, type ImportResolver } from '../../common/src/features/check';

interface Entry { version: number; settingsKey: string; result: Promise<CheckResult>; abort: AbortController }

export class DocumentCache {
  private entries = new Map<string, Entry>();

  constructor(private readonly resolverFor: (uri: string, settings: CheckSettings, signal: AbortSignal) => ImportResolver) {}

  get(uri: string, version: number, text: string, settings: CheckSettings): Promise<CheckResult> {
    const settingsKey = JSON.stringify(settings);
    const e = this.entries.get(uri);
    if (e && e.version === version && e.settingsKey === settingsKey) return e.result;
    // A superseded check stops reading its imports (its answer is stale anyway).
    e?.abort.abort();
    const abort = new AbortController();
    const result = checkText(text, this.resolverFor(uri, settings, abort.signal), settings);
    this.entries.set(uri, { version, settingsKey, result, abort });
    return result;
  }

  delete(uri: string): void { this.entries.get(uri)?.abort.abort(); this.entries.delete(uri); }
  clear(): void { for (const e of this.entries.values()) e.abort.abort(); this.entries.clear(); }
}
