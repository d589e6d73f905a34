// The language server: LSP wiring only, for any host. Every answer comes from common/src/features
// on the cached check of the document's current version; file access comes in as a ServerHost
// (server/src/node reads the file system, a browser host reads through its client).

import {
  TextDocuments, TextDocumentSyncKind, DocumentDiagnosticReportKind,
  ResponseError, LSPErrorCodes, CodeActionKind, type CancellationToken, type InitializeParams, type Connection,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache, type Checker } from './documentState';
import { FEATURES, type FeatureName } from './features';
import type { Diagnostic } from 'vscode-languageserver';
import type { CheckResult, CheckSettings } from '../../common/src/features/check';
import { toLspDiagnostics } from '../../common/src/features/lspDiagnostics';
import { toLayoutText } from '../../common/src/import/index';
import { ImportLayoutRequest, MemoryMapChangedNotification, MemoryMapRequest, WorkspaceTrustNotification, type WorkspaceTrustParams } from '../../common/src/protocol/lsp';
import type { ImportFormat, ImportResult } from '../../common/src/engine/types';
import type { ImportResolver } from '../../common/src/features/check';

/** What the server needs from the machine it runs on. */
export interface ServerHost {
  /** Reads the files a document's `import` statements name, relative to that document, under
   *  settings.importMaxBytes; `signal` stops the reads of a superseded check. */
  importResolver(uri: string, settings?: CheckSettings, signal?: AbortSignal): ImportResolver;
  /** Reads one memory-map or dump file for the import request. */
  importFile(path: string, format: ImportFormat | 'auto', opts?: { maxBytes?: number; snapshot?: number }): Promise<ImportResult | { error: string }>;
  /** Runs a document's check off this thread (the Node host: a worker thread) so requests keep
   *  answering during a big check; rejects when `signal` aborts. Without it checks run in-thread. */
  check?: Checker;
  /** Big documents checked and answered elsewhere (the Node host: one worker thread each). */
  remote?: RemoteDocuments;
  /** The client's workspace trust (initializationOptions.workspaceTrust, then the notification):
   *  the Node host confines reads to the folders while untrusted. Never called: trusted. */
  setWorkspaceTrust?(trust: WorkspaceTrustParams): void;
}

/** Documents that live off the server's thread: their checks, results and answers stay there. */
export interface RemoteDocuments {
  /** True when a document of this text should live off-thread (big ones). */
  owns(text: string): boolean;
  has(uri: string): boolean;
  /** LSP diagnostics of this version, or null when a newer version superseded it. */
  check(uri: string, version: number, text: string, settings: CheckSettings): Promise<Diagnostic[] | null>;
  feature(uri: string, name: FeatureName, params: unknown): Promise<unknown>;
  close(uri: string): void;
}
/** How long hover, completion and other requests wait for the current version's check before
 *  answering from the newest finished one. */
const QUICK_WAIT_MS = 30;
/** A newer version stops a check that has already run this long (a big one) instead of waiting. */
const SUPERSEDE_AFTER_MS = 100;
// Changes that arrive together (one batch of messages) are checked once; while a check runs, later
// changes only mark the document dirty and one more check follows. So an edit on an idle server is
// checked at once, and a burst of 1,000 edits costs a few checks, the last on the latest version.
const COALESCE_MS = 5;

export function startServer(connection: Connection, host: ServerHost): void {
  // stdout carries JSON-RPC on --stdio: stray console output must go to the client's log instead.
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));

  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache((uri, settings, signal) => host.importResolver(uri, settings, signal), host.check);
  const remote = host.remote;
  /** The off-thread home of this document, if it is big (and was checked there). */
  const remoteFor = (uri: string): RemoteDocuments | undefined => {
    const doc = documents.get(uri);
    return remote && doc && remote.has(uri) && remote.owns(doc.getText()) ? remote : undefined;
  };
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let pull = false;
  let configurable = false;
  let initSettings: CheckSettings = {};
  const settingsByUri = new Map<string, Promise<CheckSettings>>();

  connection.onInitialize((params: InitializeParams) => {
    const caps = params.capabilities;
    pull = !!caps.textDocument?.diagnostic;
    configurable = !!caps.workspace?.configuration;
    const init = params.initializationOptions as { settings?: unknown; workspaceTrust?: unknown } | undefined;
    initSettings = readSettings(init?.settings);
    const trust = readTrust(init?.workspaceTrust);
    if (trust) host.setWorkspaceTrust?.(trust);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['=', ' '] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.SourceFixAll] },
        documentFormattingProvider: true,
        inlayHintProvider: true,
        ...(pull ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'kexec-layout', version: '0.1.0' },
    };
  });

  async function settingsFor(uri: string): Promise<CheckSettings> {
    if (!configurable) return initSettings;
    let s = settingsByUri.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'kexecLayout' }).then(readSettings, () => initSettings);
      settingsByUri.set(uri, s);
    }
    return s;
  }

  async function resultOf(uri: string): Promise<CheckResult | null> {
    const doc = documents.get(uri);
    if (!doc) return null;
    return cache.get(uri, doc.version, doc.getText(), await settingsFor(uri));
  }

  /** The current check, or while it runs long, the newest finished one (see QUICK_WAIT_MS). */
  async function quickResultOf(uri: string, token: CancellationToken): Promise<CheckResult | null> {
    const doc = documents.get(uri);
    if (!doc) return null;
    const cancelled = new Promise<void>((resolve) => { token.onCancellationRequested(() => resolve()); });
    return cache.quick(uri, doc.version, doc.getText(), await settingsFor(uri), QUICK_WAIT_MS, cancelled);
  }

  /** Checks the latest version; publishes (push mode) only if no newer version arrived meanwhile. */
  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    if (remote?.owns(doc.getText())) {
      const diagnostics = await remote.check(uri, version, doc.getText(), await settingsFor(uri));
      if (!diagnostics || documents.get(uri)?.version !== version) return; // superseded
      if (!pull) void connection.sendDiagnostics({ uri, version, diagnostics });
      void connection.sendNotification(MemoryMapChangedNotification, { uri, version });
      return;
    }
    if (remote?.has(uri)) remote.close(uri); // it shrank: checked here from now on
    const r = await resultOf(uri).catch((e: unknown) => {
      if (documents.get(uri)?.version !== version) return null; // superseded: its worker was stopped
      throw e;
    });
    const now = documents.get(uri);
    if (!r || !now || now.version !== version) return; // stale: a newer edit will publish
    if (!pull) void connection.sendDiagnostics({ uri, version, diagnostics: toLspDiagnostics(r, uri, (await settingsFor(uri)).outcomeDiagnostic === true) });
    void connection.sendNotification(MemoryMapChangedNotification, { uri, version });
  }

  const running = new Set<string>();
  const dirty = new Set<string>();
  function schedule(uri: string, delay = COALESCE_MS): void {
    // A big document's newer version starts at once: its check stops the worker still on the old one.
    if (running.has(uri) && !remote?.has(uri)) { dirty.add(uri); cache.supersede(uri, SUPERSEDE_AFTER_MS); return; }
    if (timers.has(uri)) return;
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      running.add(uri);
      validate(uri).catch(logError).finally(() => {
        running.delete(uri);
        if (dirty.delete(uri)) schedule(uri); // not recursion: re-entered after the check settles
      });
    }, delay));
  }

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    dirty.delete(e.document.uri);
    cache.delete(e.document.uri);
    remote?.close(e.document.uri);
    settingsByUri.delete(e.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration((change) => {
    settingsByUri.clear();
    const s = (change.settings as { kexecLayout?: unknown } | undefined)?.kexecLayout;
    if (s) initSettings = readSettings(s);
    cache.clear();
    if (pull) void connection.languages.diagnostics.refresh();
    for (const d of documents.all()) schedule(d.uri, 0);
  });

  // Trust granted or folders changed: what imports may read changed, so every open layout is rechecked.
  connection.onNotification(WorkspaceTrustNotification, (p) => {
    const trust = readTrust(p);
    if (!trust || !host.setWorkspaceTrust) return;
    host.setWorkspaceTrust(trust);
    cache.clear();
    if (pull) void connection.languages.diagnostics.refresh();
    for (const d of documents.all()) schedule(d.uri, 0);
  });

  /** Runs a feature on the current check; answers RequestCancelled when the client gave up. */
  function guarded<P extends { textDocument: { uri: string } }, R>(name: FeatureName, run: (r: CheckResult, p: P, text: string) => R | null) {
    return async (p: P, token: CancellationToken): Promise<R | null> => {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      const away = remoteFor(p.textDocument.uri);
      if (away) {
        const value = await away.feature(p.textDocument.uri, name, p) as R | null;
        if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        return value;
      }
      const doc = documents.get(p.textDocument.uri);
      const r = await quickResultOf(p.textDocument.uri, token).catch(() => null);
      // A check can hold the event loop; let a $/cancelRequest that arrived meanwhile be read and
      // processed before answering (immediates queued after a poll phase run after jsonrpc's own).
      await yieldToIo();
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      if (!r || !doc) return null;
      try { return run(r, p, doc.getText()); } catch (e) { logError(e); return null; }
    };
  }

  // The same functions answer here or, for a big document, in its worker (./features.ts).
  connection.onHover(guarded('hover', FEATURES.hover));
  connection.onCompletion(guarded('completion', FEATURES.completion));
  connection.onDocumentSymbol(guarded('documentSymbol', FEATURES.documentSymbol));
  connection.onFoldingRanges(guarded('foldingRange', FEATURES.foldingRange));
  connection.onDefinition(guarded('definition', FEATURES.definition));
  connection.onReferences(guarded('references', FEATURES.references));
  connection.onCodeAction(guarded('codeAction', FEATURES.codeAction));
  connection.onDocumentFormatting(guarded('formatting', FEATURES.formatting));
  connection.languages.inlayHint.on(guarded('inlayHint', FEATURES.inlayHint));
  connection.onRequest(MemoryMapRequest, guarded('memoryMap', FEATURES.memoryMap));

  // A layout from a memory map the user already has (the client opens it as an untitled file).
  connection.onRequest(ImportLayoutRequest, async (p) => {
    if (typeof p?.path !== 'string') return { error: 'no path given' };
    const format = typeof p.format === 'string' ? p.format : 'auto';
    try {
      const snapshot = typeof p.snapshot === 'number' && Number.isInteger(p.snapshot) && p.snapshot >= 1 ? p.snapshot : undefined;
      const got = await host.importFile(p.path, format as ImportFormat | 'auto', { maxBytes: initSettings.importMaxBytes, snapshot });
      if ('error' in got) return { error: got.error };
      const text = toLayoutText([{ path: p.path, result: got }]);
      return got.snapshots ? { text, snapshots: got.snapshots } : { text };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  });

  connection.languages.diagnostics.on(async (p, token) => {
    const doc = documents.get(p.textDocument.uri);
    if (remote && doc && remote.owns(doc.getText())) {
      const items = await remote.check(p.textDocument.uri, doc.version, doc.getText(), await settingsFor(p.textDocument.uri));
      if (!items || token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
      return { kind: DocumentDiagnosticReportKind.Full, items };
    }
    const r = await resultOf(p.textDocument.uri).catch(() => undefined);
    // A superseded check (its worker stopped) or a cancelled pull: the client asks again.
    if (r === undefined || token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
    return { kind: DocumentDiagnosticReportKind.Full, items: r ? toLspDiagnostics(r, p.textDocument.uri, (await settingsFor(p.textDocument.uri)).outcomeDiagnostic === true) : [] };
  });

  function logError(e: unknown): void {
    connection.console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  }

  documents.listen(connection);
  connection.listen();
}

// setImmediate is Node's; a browser worker host has only setTimeout (clamped, but it yields too).
const later: (f: () => void) => void = (globalThis as { setImmediate?: (f: () => void) => void }).setImmediate ?? ((f) => { setTimeout(f, 0); });

function yieldToIo(): Promise<void> {
  return new Promise((resolve) => later(() => later(() => later(resolve))));
}


/** `{ trusted, folders }`, validated; anything malformed is ignored (the server stays as it was). */
export function readTrust(raw: unknown): WorkspaceTrustParams | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as { trusted?: unknown; folders?: unknown };
  if (typeof o.trusted !== 'boolean' || !Array.isArray(o.folders)) return undefined;
  return { trusted: o.trusted, folders: o.folders.filter((f): f is string => typeof f === 'string' && f.length > 0) };
}

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** kexecLayout.* settings, validated: anything malformed is ignored rather than trusted. */
export function readSettings(raw: unknown): CheckSettings {
  const out: CheckSettings = {};
  if (!raw || typeof raw !== 'object') return out;
  const o = raw as { kernel?: unknown; diagnostics?: { severity?: unknown; outcome?: unknown }; import?: { maxBytes?: unknown } };
  if (typeof o.kernel === 'string' && o.kernel.trim()) out.kernel = o.kernel.trim();
  const max = o.import?.maxBytes;
  if (typeof max === 'number' && Number.isSafeInteger(max) && max > 0) out.importMaxBytes = max;
  if (typeof o.diagnostics?.outcome === 'boolean') out.outcomeDiagnostic = o.diagnostics.outcome;
  const sev = o.diagnostics?.severity;
  if (sev && typeof sev === 'object') {
    out.severity = {};
    for (const [code, level] of Object.entries(sev)) if (typeof level === 'string' && LEVELS.has(level)) out.severity[code] = level as never;
  }
  return out;
}
