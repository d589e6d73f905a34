// The language status item of the active layout: its outcome ("load ok · jump fatal") at a glance,
// coloured by its worst part, with a link that opens the memory map. The text comes from the
// server's memory-map model; nothing is checked here.

import * as vscode from 'vscode';
import type { MapModel } from '../../common/src/render/mapModel';

export const STATUS_ITEM_ID = 'kexecLayout.outcome';

type Outcome = MapModel['outcome'];

/** "load ok · jump fatal" (with the errno when the load fails). */
export function outcomeText(o: Outcome): string {
  const load = o.load === 'fails' && o.errno ? `load fails -${o.errno}` : `load ${o.load}`;
  return `${load} · jump ${o.jump}`;
}

/** Error when the load fails or the jump is fatal/corrupts, Warning when either is unknown. */
export function outcomeSeverity(o: Outcome): vscode.LanguageStatusSeverity {
  if (o.load === 'fails' || o.jump === 'fatal' || o.jump === 'corrupts') return vscode.LanguageStatusSeverity.Error;
  if (o.load === 'unknown' || o.jump === 'unknown') return vscode.LanguageStatusSeverity.Warning;
  return vscode.LanguageStatusSeverity.Information;
}

export interface StatusItemDeps {
  requestModel(uri: string): Promise<MapModel | null>;
}

/** Creates the item; `refresh(uri)` is called after each check of a document. */
export function registerStatusItem(deps: StatusItemDeps): { item: vscode.LanguageStatusItem; refresh(uri?: string): void; dispose(): void } {
  const item = vscode.languages.createLanguageStatusItem(STATUS_ITEM_ID, { language: 'kexec-layout' });
  item.name = 'Kexec Layout outcome';
  item.text = '$(sync~spin) checking';
  item.detail = 'Kexec Layout';
  item.command = { title: 'Show Memory Map', command: 'kexecLayout.showMemoryMap' };
  let asked = 0;
  const refresh = (uri?: string): void => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'kexec-layout') return;
    if (uri !== undefined && uri !== doc.uri.toString()) return;
    const ticket = ++asked;
    deps.requestModel(doc.uri.toString()).then((model) => {
      if (ticket !== asked || !model) return; // a newer question is on its way
      item.text = outcomeText(model.outcome);
      item.detail = model.outcome.summary;
      item.severity = outcomeSeverity(model.outcome);
      item.busy = false;
    }, () => { if (ticket === asked) { item.text = 'no outcome'; item.severity = vscode.LanguageStatusSeverity.Warning; } });
  };
  const sub = vscode.window.onDidChangeActiveTextEditor(() => refresh());
  refresh();
  return { item, refresh, dispose: () => { sub.dispose(); item.dispose(); } };
}
