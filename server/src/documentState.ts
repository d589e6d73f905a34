// Per-document check results, cached by version and settings, computed at most once each.

import { checkText, type CheckResult, type CheckSettings, type ImportResolver } from '../../common/src/features/check';

interface Entry { version: number; settingsKey: string; result: Promise<CheckResult> }

export class DocumentCache {
  private entries = new Map<string, Entry>();

  constructor(private readonly resolverFor: (uri: string) => ImportResolver) {}

  get(uri: string, version: number, text: string, settings: CheckSettings): Promise<CheckResult> {
    const settingsKey = JSON.stringify(settings);
    const e = this.entries.get(uri);
    if (e && e.version === version && e.settingsKey === settingsKey) return e.result;
    const result = checkText(text, this.resolverFor(uri), settings);
    this.entries.set(uri, { version, settingsKey, result });
    return result;
  }

  delete(uri: string): void { this.entries.delete(uri); }
  clear(): void { this.entries.clear(); }
}
