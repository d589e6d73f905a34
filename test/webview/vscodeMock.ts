// A small stand-in for the `vscode` module: enough of the API for memoryMapPanel.ts to run under
// node:test, recording what the panel asks VS Code to do.

import Module from 'node:module';

type Listener<T> = (e: T) => unknown;

export class Emitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => { this.listeners = this.listeners.filter((x) => x !== l); } };
  };
  fire(e: T): void { for (const l of [...this.listeners]) l(e); }
  get count(): number { return this.listeners.length; }
}

export class Uri {
  private constructor(readonly scheme: string, readonly authority: string, readonly path: string) {}
  static parse(s: string): Uri {
    const m = /^([a-z][\w+.-]*):\/\/([^/]*)(\/.*)?$/i.exec(s);
    if (!m) throw new Error(`mock Uri cannot parse ${s}`);
    return new Uri(m[1].toLowerCase(), m[2], decodeURIComponent(m[3] ?? '/'));
  }
  static file(p: string): Uri { return new Uri('file', '', p); }
  static joinPath(base: Uri, ...parts: string[]): Uri { return new Uri(base.scheme, base.authority, [base.path, ...parts].join('/')); }
  with(change: { path?: string }): Uri { return new Uri(this.scheme, this.authority, change.path ?? this.path); }
  get fsPath(): string { return this.path; }
  toString(): string { return `${this.scheme}://${this.authority}${encodeURI(this.path)}`; }
}

export class Position { constructor(readonly line: number, readonly character: number) {} }
export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
}
export class Selection extends Range {
  get active(): Position { return this.end; }
}

export interface FakeDocument { uri: Uri; languageId: string }
export interface FakeEditor { document: FakeDocument; selection: Selection; viewColumn: number; revealed: Array<{ range: Range; type: number }>; revealRange(r: Range, t: number): void }

export function makeEditor(doc: FakeDocument, line = 0): FakeEditor {
  const editor: FakeEditor = {
    document: doc, selection: new Selection(line, 0, line, 0), viewColumn: 1, revealed: [],
    revealRange(range, type) { editor.revealed.push({ range, type }); },
  };
  return editor;
}

export class FakeWebview {
  html = '';
  options: unknown = {};
  readonly cspSource = 'https://webview.test';
  readonly posted: unknown[] = [];
  readonly receive = new Emitter<unknown>();
  readonly onDidReceiveMessage = this.receive.event;
  postMessage(m: unknown): Promise<boolean> { this.posted.push(JSON.parse(JSON.stringify(m))); return Promise.resolve(true); }
  asWebviewUri(u: Uri): Uri { return Uri.parse(`https://webview.test${u.path}`); }
}

export class FakePanel {
  readonly webview = new FakeWebview();
  visible = true;
  disposed = false;
  revealed = 0;
  readonly disposeEmitter = new Emitter<void>();
  readonly viewState = new Emitter<{ webviewPanel: FakePanel }>();
  readonly onDidDispose = this.disposeEmitter.event;
  readonly onDidChangeViewState = this.viewState.event;
  constructor(readonly viewType: string, public title: string) {}
  reveal(): void { this.revealed++; }
  dispose(): void { if (!this.disposed) { this.disposed = true; this.disposeEmitter.fire(); } }
}

export const state = {
  panels: [] as FakePanel[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  serializers: new Map<string, { deserializeWebviewPanel(p: FakePanel, s: unknown): Promise<void> }>(),
  saveDialogAnswer: undefined as Uri | undefined,
  saveDialogs: [] as unknown[],
  written: [] as Array<{ uri: Uri; text: string }>,
  messages: [] as string[],
  shown: [] as Array<{ doc: FakeDocument; options: unknown }>,
  activeTextEditor: undefined as FakeEditor | undefined,
  visibleTextEditors: [] as FakeEditor[],
  activeEditor: new Emitter<FakeEditor | undefined>(),
  selection: new Emitter<{ textEditor: FakeEditor; selections: Selection[] }>(),
};

const vscode = {
  Uri, Range, Position, Selection,
  ViewColumn: { One: 1, Two: 2, Beside: -2 },
  TextEditorRevealType: { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2, AtTop: 3 },
  window: {
    createWebviewPanel: (viewType: string, title: string) => { const p = new FakePanel(viewType, title); state.panels.push(p); return p; },
    registerWebviewPanelSerializer: (viewType: string, s: never) => { state.serializers.set(viewType, s); return { dispose() {} }; },
    onDidChangeActiveTextEditor: state.activeEditor.event,
    onDidChangeTextEditorSelection: state.selection.event,
    get activeTextEditor() { return state.activeTextEditor; },
    get visibleTextEditors() { return state.visibleTextEditors; },
    showSaveDialog: async (o: unknown) => { state.saveDialogs.push(o); return state.saveDialogAnswer; },
    showTextDocument: async (doc: FakeDocument, options: unknown) => {
      state.shown.push({ doc, options });
      const editor = state.visibleTextEditors.find((e) => e.document === doc) ?? makeEditor(doc);
      return editor;
    },
    showInformationMessage: async (m: string) => { state.messages.push(m); },
    showWarningMessage: async (m: string) => { state.messages.push(m); },
    showErrorMessage: async (m: string) => { state.messages.push(m); },
  },
  workspace: {
    openTextDocument: async (u: Uri) => ({ uri: u, languageId: 'kexec-layout' }),
    fs: { writeFile: async (uri: Uri, data: Uint8Array) => { state.written.push({ uri, text: new TextDecoder().decode(data) }); } },
  },
  commands: {
    registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => { state.commands.set(id, fn); return { dispose() {} }; },
  },
};

/** Makes `require('vscode')` return the stand-in. */
export function installVscodeMock(): void {
  const mod = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const original = mod._load;
  mod._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return vscode;
    return original.call(this, request, parent, isMain);
  };
}
