// Extension-host side of the memory map: one webview panel that follows the active .kexec editor,
// asks the language server for the model (never computes it), relays cursor lines and clicks,
// exports SVG, and comes back after a window reload through a WebviewPanelSerializer. No Node
// here: the desktop and the browser client both register it (the desktop passes its atomic writer).

import * as vscode from 'vscode';
import type { MapModel, SourceRange } from '../../common/src/render/mapModel';
import { makeNonce, pageHtml, toStandaloneSvg } from '../../common/src/render/standalone';
import { MAP_CSS, PAGE_CSS } from '../../common/src/render/style';
import { isWebviewToHost, PROTOCOL_VERSION, type HostToWebview, type WebviewToHost } from '../../common/src/protocol/webview';
import { showText } from '../../common/src/features/safeText';

/** The host's own record of the document the panel shows (workspaceState): what a restored panel
 *  follows and what `reveal` may open. The webview's saved state is never trusted for this. */
export const SHOWN_URI_KEY = 'kexecLayout.memoryMap.shownUri';
/** An error text from the webview is shown on one line, escaped, cut here; at most one per interval. */
export const MAX_ERROR_CHARS = 500;
const ERROR_INTERVAL_MS = 5000;

export interface MemoryMapDeps {
  /** The server's `kexecLayout/memoryMap` answer for a document URI; null when it has none. */
  requestModel(uri: string): Promise<MapModel | null>;
  /** Writes an exported SVG to a `file:` target (the desktop: temp file beside it, then rename;
   *  server/src/node/atomicWrite.ts). Absent (the browser), every target goes through
   *  `vscode.workspace.fs`. */
  writeLocalFile?(fsPath: string, text: string): Promise<{ ok: true } | { error: string }>;
}

export const VIEW_TYPE = 'kexecLayout.memoryMap';
export const LANGUAGE_ID = 'kexec-layout';
export const SHOW_COMMAND = 'kexecLayout.showMemoryMap';
export const EXPORT_COMMAND = 'kexecLayout.exportMemoryMapSvg';

/** URIs from the server and from VS Code can differ in encoding; compare them normalised. */
function sameUri(a: string, b: string): boolean {
  return a === b || vscode.Uri.parse(a).toString() === vscode.Uri.parse(b).toString();
}

function isLayoutDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === LANGUAGE_ID || doc.uri.path.endsWith('.kexec');
}

function baseName(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

function webviewOptions(context: vscode.ExtensionContext): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')] };
}

/** The page: static markup only; the model arrives later by postMessage. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce: string = makeNonce()): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'memoryMap.js'));
  return pageHtml({
    csp: `default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'`,
    nonce,
    title: 'Memory Map',
    css: PAGE_CSS + MAP_CSS,
    body: `<script nonce="${nonce}" src="${script.toString()}"></script>`,
  });
}


export class MemoryMapPanel {
  static current: MemoryMapPanel | undefined;

  private model: MapModel | null = null;
  private ready = false;
  private request = 0;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private lastError = 0;

  /** Opens the panel beside the editor, or points the existing one at `document`. */
  static show(context: vscode.ExtensionContext, deps: MemoryMapDeps, document: vscode.TextDocument): MemoryMapPanel {
    const uri = document.uri.toString();
    const existing = MemoryMapPanel.current;
    if (existing) {
      existing.follow(uri);
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Memory Map: ${baseName(uri)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(context));
    return new MemoryMapPanel(panel, context, deps, uri);
  }

  /** Takes over a panel VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, deps: MemoryMapDeps, uri: string): MemoryMapPanel {
    MemoryMapPanel.current?.panel.dispose();
    return new MemoryMapPanel(panel, context, deps, uri);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly deps: MemoryMapDeps,
    private uri: string,
  ) {
    MemoryMapPanel.current = this;
    this.record();
    panel.title = `Memory Map: ${baseName(uri)}`;
    panel.webview.options = webviewOptions(context);
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg)),
      // A hidden webview misses messages and (without retainContextWhenHidden) is reloaded when
      // shown, saying `ready` again; one that kept its page gets the whole state on showing.
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.ready = false;
        else if (this.ready) this.sendAll();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isLayoutDocument(editor.document)) this.follow(editor.document.uri.toString());
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (sameUri(e.textEditor.document.uri.toString(), this.uri)) this.post({ v: PROTOCOL_VERSION, type: 'highlight', line: e.selections[0]?.active.line ?? null });
      }),
    );
  }

  get documentUri(): string {
    return this.uri;
  }

  /** The server says the map of `uri` changed. */
  refresh(uri: string): void {
    if (sameUri(uri, this.uri)) void this.load();
  }

  /** Saves the picture of the current model as SVG, rendered here from the model. */
  async exportSvg(): Promise<void> {
    const model = this.model ?? await this.deps.requestModel(this.uri);
    if (!model) {
      void vscode.window.showWarningMessage('There is no memory map for this file yet.');
      return;
    }
    await saveSvg(toStandaloneSvg(model), this.uri, this.deps);
  }

  private follow(uri: string): void {
    if (sameUri(uri, this.uri)) return;
    this.uri = uri;
    this.record();
    this.model = null;
    this.panel.title = `Memory Map: ${baseName(uri)}`;
    void this.load();
  }

  private async load(): Promise<void> {
    const ticket = ++this.request;
    const uri = this.uri;
    let model: MapModel | null;
    try {
      model = await this.deps.requestModel(uri);
    } catch (err) {
      if (ticket === this.request && !this.disposed) void vscode.window.showErrorMessage(`Memory map: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    // A newer request, another document or a closed panel make this answer stale.
    if (ticket !== this.request || this.disposed || !sameUri(uri, this.uri)) return;
    // null (no analysis yet, say a parse in progress) keeps the last picture rather than blanking it.
    if (!model) return;
    this.model = model;
    if (this.ready) this.sendAll();
  }

  private record(): void {
    void this.context.workspaceState?.update(SHOWN_URI_KEY, this.uri);
  }

  private sendAll(): void {
    if (!this.model) return;
    this.post({ v: PROTOCOL_VERSION, type: 'model', model: this.model, uri: this.uri });
    const editor = vscode.window.activeTextEditor;
    if (editor && sameUri(editor.document.uri.toString(), this.uri)) {
      this.post({ v: PROTOCOL_VERSION, type: 'highlight', line: editor.selection.active.line });
    }
  }

  private post(msg: HostToWebview): void {
    if (!this.disposed && this.ready) void this.panel.webview.postMessage(msg);
  }

  private onMessage(msg: unknown): void {
    if (!isWebviewToHost(msg)) return;
    const m: WebviewToHost = msg;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.model) this.sendAll(); else void this.load();
        break;
      case 'reveal':
        // Only the document this panel shows by the host's record (this.uri), never one the
        // message or the webview's state names; lines are clamped to the document.
        void revealRange(this.uri, m.range).catch(() => undefined);
        break;
      case 'svg':
        void saveSvg(m.svg, this.uri, this.deps);
        break;
      case 'error': {
        const now = Date.now();
        if (now - this.lastError < ERROR_INTERVAL_MS) break;
        this.lastError = now;
        const text = showText(m.message.length > MAX_ERROR_CHARS ? m.message.slice(0, MAX_ERROR_CHARS) + '…' : m.message);
        void vscode.window.showErrorMessage(`Memory map: ${text}`);
        break;
      }
    }
  }

  private dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (MemoryMapPanel.current === this) MemoryMapPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Selects `range` in the document and scrolls to it, in the editor already showing it if any. */
export async function revealRange(uri: string, range: SourceRange): Promise<void> {
  const visible = vscode.window.visibleTextEditors.find((e) => sameUri(e.document.uri.toString(), uri));
  const open = visible?.document ?? vscode.workspace.textDocuments?.find((d) => sameUri(d.uri.toString(), uri));
  // Only a layout is ever opened from the map.
  if (!open && !vscode.Uri.parse(uri).path.endsWith('.kexec')) return;
  const document = open ?? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  if (!isLayoutDocument(document)) return;
  const target = clampRange(document, range);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
  editor.selection = new vscode.Selection(target.start, target.end);
  editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The range inside the document: lines past the end go to the last line, characters to its end. */
function clampRange(document: vscode.TextDocument, r: SourceRange): vscode.Range {
  const raw = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  if (typeof document.validateRange === 'function') return document.validateRange(raw);
  const last = typeof document.lineCount === 'number' ? Math.max(0, document.lineCount - 1) : Number.MAX_SAFE_INTEGER;
  const line = (n: number) => Math.min(Math.max(0, n), last);
  return new vscode.Range(line(r.start.line), Math.max(0, r.start.character), line(r.end.line), Math.max(0, r.end.character));
}

/** Asks where to save (the dialog confirms any overwrite), then writes. */
async function saveSvg(svg: string, documentUri: string, deps: MemoryMapDeps): Promise<void> {
  const doc = vscode.Uri.parse(documentUri);
  const defaultUri = doc.scheme === 'file' ? doc.with({ path: doc.path.replace(/(\.kexec)?$/, '.svg') }) : undefined;
  const target = await vscode.window.showSaveDialog({ defaultUri, filters: { 'SVG image': ['svg'] }, saveLabel: 'Export', title: 'Export Memory Map as SVG' });
  if (!target) return;
  if (target.scheme === 'file' && deps.writeLocalFile) {
    // Temp file beside the target, then rename: a full disk leaves the old file and no partial
    // one; a symlink is replaced, not written through. The dialog already confirmed overwriting.
    const wrote = await deps.writeLocalFile(target.fsPath, svg);
    if ('error' in wrote) {
      void vscode.window.showErrorMessage(`Memory map: cannot write ${showText(target.fsPath)}: ${wrote.error}`);
      return;
    }
  } else {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
  }
  void vscode.window.showInformationMessage(`Memory map saved to ${target.fsPath || target.toString()}.`);
}

function layoutDocument(arg: unknown): Thenable<vscode.TextDocument> | undefined {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isLayoutDocument(doc) ? Promise.resolve(doc) : undefined;
}

export function registerMemoryMapSerializer(context: vscode.ExtensionContext, deps: MemoryMapDeps): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      // The webview's state is the webview's word: a restored panel follows the host's own
      // record of what it showed; a state naming another document (/etc/shadow) is not believed.
      // A panel without a saved state is a stale one and is closed.
      const recorded = context.workspaceState?.get<string>(SHOWN_URI_KEY);
      const uri = typeof state === 'object' && state !== null ? recorded : undefined;
      if (!uri) {
        panel.dispose();
        return;
      }
      MemoryMapPanel.revive(panel, context, deps, uri);
    },
  });
}

/** Commands and the serializer; `refresh` is for the server's `kexecLayout/didChangeMemoryMap`. */
export function registerMemoryMap(context: vscode.ExtensionContext, deps: MemoryMapDeps): { refresh(uri: string): void } {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_COMMAND, async (arg?: unknown) => {
      const pending = layoutDocument(arg);
      if (!pending) {
        // From the palette while the map itself has focus: just bring it forward.
        if (MemoryMapPanel.current) MemoryMapPanel.current.panel.reveal(undefined, false);
        else void vscode.window.showInformationMessage('Open a .kexec layout to see its memory map.');
        return;
      }
      MemoryMapPanel.show(context, deps, await pending);
    }),
    vscode.commands.registerCommand(EXPORT_COMMAND, async (arg?: unknown) => {
      const panel = MemoryMapPanel.current;
      const pending = layoutDocument(arg);
      if (panel && (!pending || arg === undefined)) {
        await panel.exportSvg();
        return;
      }
      if (!pending) {
        void vscode.window.showInformationMessage('Open a .kexec layout to export its memory map.');
        return;
      }
      const doc = await pending;
      const model = await deps.requestModel(doc.uri.toString());
      if (!model) {
        void vscode.window.showWarningMessage('There is no memory map for this file yet.');
        return;
      }
      await saveSvg(toStandaloneSvg(model), doc.uri.toString(), deps);
    }),
    registerMemoryMapSerializer(context, deps),
    { dispose: () => MemoryMapPanel.current?.panel.dispose() },
  );
  return { refresh: (uri: string) => MemoryMapPanel.current?.refresh(uri) };
}
