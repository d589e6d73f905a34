// Per-document check results, cached by version and settings, computed at most once each.

import { fileURLToPath } from 'node:url';
import { checkText, type CheckResult, type CheckSettings } from './features/check';
import { fileImportResolver } from './hostImports';

interface Entry { version: number; settingsKey: string; result: Promise<CheckResult> }

export class DocumentCache {
  private entries = new Map<string, Entry>();

  get(uri: string, version: number, text: string, settings: CheckSettings): Promise<CheckResult> {
    const settingsKey = JSON.stringify(settings);
    const e = this.entries.get(uri);
    if (e && e.version === version && e.settingsKey === settingsKey) return e.result;
    const result = checkText(text, fileImportResolver(uriToPath(uri)), settings);
    this.entries.set(uri, { version, settingsKey, result });
    return result;
  }

  delete(uri: string): void { this.entries.delete(uri); }
  clear(): void { this.entries.clear(); }
}

export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try { return fileURLToPath(uri); } catch { return null; }
}
