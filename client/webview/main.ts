// Memory-map webview bootstrap. Inside VS Code it talks to the extension host through
// acquireVsCodeApi (ready → model/highlight/requestSvg; reveal/svg/error back). Outside VS Code
// (the standalone page) it reads the model embedded as JSON and reports clicks as DOM events.

import type { MapModel, SourceRange } from '../../common/src/render/mapModel';
import { computeLayout, type Layout, type ScaleMode } from '../../common/src/render/layout';
import { buildScene, legendItems, sceneParts, sceneRoot } from '../../common/src/render/scene';
import { serialize } from '../../common/src/render/serialize';
import { isMapModel } from '../../common/src/render/validateModel';
import { decodeCompactModel, isCompactModel } from '../../common/src/render/compactModel';
import { h, type VNode } from '../../common/src/render/vnode';
import { toDom, type Deferred } from './dom';
import { MapView, type ViewState } from './interaction';
import { isHostToWebview, PROTOCOL_VERSION, type WebviewToHost } from '../../common/src/protocol/webview';
import { buildTable, TABLE_PAGE, tableRowCount, tableRowIndex } from './table';
import { VirtualMap } from './virtual';

interface VsCodeApi { postMessage(msg: unknown): void; getState(): unknown; setState(state: unknown): void }
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** What survives a hidden panel or a window reload. */
interface SavedState { uri: string | null; view: ViewState | null; mode: ScaleMode; table: boolean }

/** Event the standalone page dispatches on `window` for a click (no host to reveal in). */
export const REVEAL_EVENT = 'kexec-layout-reveal';

const MAX_ZOOM: Record<ScaleMode, number> = { compressed: 24, linear: 10000 };
/** Items above which labels are built only when first shown (each item keeps its aria-label). */
const DEFER_TEXT_ABOVE = 2000;

/** Phase timings for the browser's performance panel and the bench. */
function measure(name: string, start: number): number {
  const end = performance.now();
  performance.measure(`kexec:${name}`, { start, end });
  return end;
}

/**
 * First paint, as the bench reads it (performance marks, ms from navigation start): the picture
 * and the verdict are in the DOM; `kexec:first-frame` is the next animation frame's callback and
 * `kexec:first-paint` the first task after that frame, once its style, layout and paint are done.
 */
function markFirstPaint(): void {
  requestAnimationFrame(() => {
    performance.mark('kexec:first-frame');
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { performance.mark('kexec:first-paint'); channel.port1.close(); };
    channel.port2.postMessage(null);
  });
}

function readState(x: unknown): SavedState | null {
  if (typeof x !== 'object' || x === null) return null;
  const s = x as Record<string, unknown>;
  const v = s.view as Record<string, unknown> | null | undefined;
  const view = v && typeof v === 'object' && [v.zoom, v.panX, v.panY].every((n) => typeof n === 'number' && Number.isFinite(n)) && (v.zoom as number) > 0
    ? { zoom: v.zoom as number, panX: v.panX as number, panY: v.panY as number } : null;
  return {
    uri: typeof s.uri === 'string' ? s.uri : null,
    view,
    mode: s.mode === 'linear' ? 'linear' : 'compressed',
    table: s.table === true,
  };
}

class MemoryMapApp {
  private model: MapModel | null = null;
  private uri: string | null;
  private mode: ScaleMode;
  private table: boolean;
  private svg: SVGSVGElement | null = null;
  private virtual: VirtualMap | null = null;
  private tablePage = 0;
  private highlightLine: number | null = null;
  private highlighted: Element[] = [];
  private saveTimer = 0;
  private renders = 0;
  /** Zoom and pan restored from the saved state, applied to the first model. */
  private pendingView: ViewState | null;
  private readonly view: MapView;
  private readonly summary: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly mapHost: HTMLElement;
  /** The width the columns were fitted to (see sceneParts). */
  private fittedWidth = 0;
  private readonly tableHost: HTMLElement;
  private readonly modeButton: HTMLButtonElement;
  private readonly tableButton: HTMLButtonElement;

  constructor(private readonly vscode: VsCodeApi | null, saved: SavedState | null) {
    this.uri = saved?.uri ?? null;
    this.mode = saved?.mode ?? 'compressed';
    this.table = saved?.table ?? false;
    const pendingView = saved?.view ?? null;

    const button = (action: string, text: string, title: string, extra: Record<string, string> = {}) =>
      h('button', { type: 'button', 'data-action': action, title, ...extra }, [], text);
    const toolbar = toDom(document, h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Memory map' }, [
      h('span', { class: 'summary', role: 'status', 'aria-live': 'polite' }, [], 'Waiting for the memory map…'),
      button('fit', 'Fit', 'Fit the whole map (0)'),
      button('zoom-out', '−', 'Zoom out (-)', { 'aria-label': 'Zoom out' }),
      button('zoom-in', '+', 'Zoom in (+)', { 'aria-label': 'Zoom in' }),
      button('mode', 'Linear scale', 'Switch between the compressed scale (gaps collapsed) and a linear one', { 'aria-pressed': 'false' }),
      button('table', 'Table', 'Show the map as a table', { 'aria-pressed': 'false' }),
      button('export', 'Export SVG', 'Save the picture as an SVG file'),
    ])) as HTMLElement;
    this.summary = toolbar.querySelector('.summary')!;
    this.modeButton = toolbar.querySelector('[data-action="mode"]')!;
    this.tableButton = toolbar.querySelector('[data-action="table"]')!;
    this.legend = toDom(document, h('div', { class: 'legend', 'aria-label': 'Legend' })) as HTMLElement;
    this.mapHost = toDom(document, h('div', {
      class: 'map-host', tabindex: '0', role: 'region',
      'aria-label': 'Memory map picture. Plus and minus zoom, arrows pan, 0 fits, Tab moves between items, Enter shows an item\'s source.',
    })) as HTMLElement;
    this.tableHost = toDom(document, h('div', { class: 'table-host', hidden: '' })) as HTMLElement;
    document.body.append(toolbar, this.legend, this.mapHost, this.tableHost);

    this.view = new MapView(this.mapHost, {
      reveal: (id) => this.reveal(id),
      changed: () => this.saveSoon(),
    });
    this.pendingView = pendingView;
    // The columns are fitted to the panel's width: re-fit when the panel is resized noticeably.
    new ResizeObserver(() => {
      if (this.svg && Math.abs(this.mapHost.clientWidth - this.fittedWidth) > 40) this.render(this.view.current);
    }).observe(this.mapHost);

    toolbar.addEventListener('click', (e) => {
      const action = (e.target as Element).closest('button')?.getAttribute('data-action');
      if (action) this.onAction(action);
    });
    this.tableHost.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button');
      const id = button?.getAttribute('data-reveal');
      if (id) this.reveal(id);
      const page = button?.getAttribute('data-page');
      if (button && page) this.turnPage(page, button);
    });
    document.addEventListener('keydown', (e) => {
      const t = e.target as Element;
      if (t.closest('.table-host, .toolbar') || this.table) return;
      if (this.view.handleKey(e)) e.preventDefault();
    });
    this.applyToggles();
  }

  setModel(model: MapModel, uri: string | null): void {
    const sameDocument = uri === this.uri;
    this.model = model;
    if (uri !== null) this.uri = uri;
    // A new model of the same document keeps zoom and pan; another document starts fitted.
    const keep = this.pendingView ?? (sameDocument && this.svg ? this.view.current : null);
    this.pendingView = null;
    this.render(keep);
  }

  highlight(line: number | null): void {
    this.highlightLine = line;
    this.applyHighlight(true);
  }

  svgText(): string {
    if (!this.model) return '';
    const scene = buildScene(this.model, computeLayout(this.model, { mode: this.mode }), { standalone: true });
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + serialize(scene.root) + '\n';
  }

  private render(view: ViewState | null): void {
    const model = this.model;
    if (!model) return;
    let t = performance.now();
    const layout = computeLayout(model, { mode: this.mode });
    t = measure('layout', t);
    // Summary and legend first: they set the map host's height. Its size is then read once, in
    // one forced layout of the still small page, and serves both the column fitting and the view.
    this.renderSummary(model);
    this.renderLegend(model, layout);
    this.fittedWidth = this.view.measure().w;
    t = measure('host-size', t);
    // Item extents and builders for everything; elements only for what the view shows.
    const parts = sceneParts(model, layout, this.fittedWidth || undefined);
    t = measure('scene', t);
    // Big maps build each item's label only when it first comes into view.
    const deferred: Deferred | undefined = model.regions.length + model.segments.length > DEFER_TEXT_ABOVE ? new WeakMap() : undefined;
    const svg = toDom(document, sceneRoot(parts, parts.layers.map((l) => l.group))) as SVGSVGElement;
    const virtual = new VirtualMap(svg, parts, deferred);
    if (this.table) this.renderTable();
    t = measure('dom', t);
    // Swap in one step, zoom and level of detail applied before the next paint: no blank frame,
    // and the first layout of the new picture already holds only what is near the view.
    if (this.svg) this.mapHost.replaceChild(svg, this.svg); else this.mapHost.appendChild(svg);
    this.svg = svg;
    this.virtual = virtual;
    this.view.attach(svg, parts, MAX_ZOOM[this.mode], view, virtual);
    this.applyHighlight(false);
    measure('first-view', t);
    this.renders++;
    document.body.setAttribute('data-render-count', String(this.renders));
    if (this.renders === 1) markFirstPaint();
    // Indexes for zooming and Tab, once the first picture is out: after the next frame (a timer
    // alone can fire before that frame on a busy machine and delay it).
    requestAnimationFrame(() => setTimeout(() => { if (this.virtual === virtual) virtual.prepare(); }, 50));
  }

  private renderSummary(model: MapModel): void {
    const o = model.outcome;
    // The verdict first, whole, coloured by its worst part (the status item says the same words).
    const load = o.load === 'fails' ? `load fails${o.errno ? ` -${o.errno.replace(/^-/, '')}` : ''}` : `load ${o.load}`;
    const worst = o.load === 'fails' || o.jump === 'fatal' || o.jump === 'corrupts' ? 'outcome-fails'
      : o.load === 'unknown' || o.jump === 'unknown' ? 'outcome-unknown' : 'outcome-ok';
    const node = h('span', { class: 'summary', role: 'status', 'aria-live': 'polite', title: o.summary }, [
      h('span', { class: `verdict ${worst}` }, [], `${load} · jump ${o.jump}`),
      h('span', {}, [], ' — '),
      h('strong', {}, [], model.title),
      h('span', {}, [], ` (${model.arch}, ${model.syscall}). ${o.summary}`),
    ]);
    this.summary.replaceChildren();
    for (const child of Array.from(toDom(document, node).childNodes)) this.summary.appendChild(child);
    this.summary.title = o.summary;
  }

  private renderLegend(model: MapModel, layout: Layout): void {
    const items: VNode[] = legendItems(model, layout).map((it) => h('span', { class: 'legend-item', 'data-key': it.key }, [
      h('svg', { class: 'kexec-legend', width: 18, height: 12, 'aria-hidden': 'true' }, [it.swatch]),
      h('span', {}, [], it.label),
    ]));
    this.legend.replaceChildren();
    for (const n of items) this.legend.appendChild(toDom(document, n));
  }

  /** The table, a page of TABLE_PAGE rows at a time (with pagers when there is more than one). */
  private renderTable(): void {
    const model = this.model;
    if (!model) return;
    const total = tableRowCount(model);
    const pages = Math.max(1, Math.ceil(total / TABLE_PAGE));
    this.tablePage = Math.min(Math.max(0, this.tablePage), pages - 1);
    const from = this.tablePage * TABLE_PAGE;
    const to = Math.min(total, from + TABLE_PAGE);
    const pager = (where: string) => h('nav', { class: 'pager', 'data-where': where, 'aria-label': `Table pages (${where})` }, [
      h('button', { type: 'button', 'data-page': 'first', disabled: from === 0 ? '' : undefined }, [], 'First'),
      h('button', { type: 'button', 'data-page': 'prev', disabled: from === 0 ? '' : undefined }, [], 'Previous'),
      h('span', { class: 'page-status', role: where === 'top' ? 'status' : undefined }, [], `Rows ${from + 1}–${to} of ${total} (page ${this.tablePage + 1} of ${pages})`),
      h('button', { type: 'button', 'data-page': 'next', disabled: to >= total ? '' : undefined }, [], 'Next'),
      h('button', { type: 'button', 'data-page': 'last', disabled: to >= total ? '' : undefined }, [], 'Last'),
    ]);
    const nodes = pages > 1 ? [pager('top'), buildTable(model, { from, to }), pager('bottom')] : [buildTable(model)];
    this.tableHost.replaceChildren();
    for (const n of nodes) this.tableHost.appendChild(toDom(document, n));
  }

  private turnPage(action: string, button: Element): void {
    const where = button.closest('.pager')?.getAttribute('data-where');
    const last = Math.ceil(tableRowCount(this.model!) / TABLE_PAGE) - 1;
    const page = { first: 0, prev: this.tablePage - 1, next: this.tablePage + 1, last }[action] ?? this.tablePage;
    this.showTablePage(page);
    // Keyboard users stay on the button they pressed (or, at either end, on the first row).
    const again = this.tableHost.querySelector<HTMLButtonElement>(`.pager[data-where="${where}"] [data-page="${action}"]`);
    if (again && !again.disabled) again.focus();
    else this.tableHost.querySelector<HTMLButtonElement>('button[data-reveal]')?.focus();
  }

  private showTablePage(page: number): void {
    if (page === this.tablePage && this.tableHost.firstChild) return;
    this.tablePage = page;
    this.renderTable();
    this.tableHost.scrollTop = 0;
    this.applyHighlight(false);
  }

  private onAction(action: string): void {
    switch (action) {
      case 'fit': this.view.fit(); break;
      case 'zoom-in': this.view.zoomBy(1.25); break;
      case 'zoom-out': this.view.zoomBy(0.8); break;
      case 'mode':
        this.mode = this.mode === 'compressed' ? 'linear' : 'compressed';
        this.applyToggles();
        this.render(null);
        this.saveSoon();
        break;
      case 'table':
        this.table = !this.table;
        this.applyToggles();
        if (this.table) this.renderTable();
        this.applyHighlight(false);
        this.saveSoon();
        break;
      case 'export': this.exportSvg(); break;
    }
  }

  private applyToggles(): void {
    this.modeButton.setAttribute('aria-pressed', String(this.mode === 'linear'));
    this.tableButton.setAttribute('aria-pressed', String(this.table));
    for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.toolbar [data-action="fit"], .toolbar [data-action^="zoom"], .toolbar [data-action="mode"]'))) b.disabled = this.table;
    this.mapHost.hidden = this.table;
    this.legend.hidden = this.table;
    this.tableHost.hidden = !this.table;
    if (!this.table) this.tableHost.replaceChildren();
  }

  /** Where an item's text is in the document: a region's, segment's or range's own line; an accepted unit's segment. */
  private sourceOf(id: string): SourceRange | null {
    const m = this.model;
    if (!m) return null;
    const n = Number(id.slice(1));
    if (id.startsWith('u') && m.unaccepted[n]) return m.unaccepted[n].source;
    if (id.startsWith('a') && m.accepted[n]) return m.segments.find((s) => s.name === m.accepted[n].segment)?.source ?? null;
    return m.regions.find((r) => r.id === id)?.source ?? m.segments.find((s) => s.id === id)?.source ?? null;
  }

  private reveal(id: string): void {
    const range = this.sourceOf(id);
    if (!range) return;
    if (this.vscode) this.post({ v: PROTOCOL_VERSION, type: 'reveal', range });
    else window.dispatchEvent(new CustomEvent(REVEAL_EVENT, { detail: { id, range } }));
  }

  private exportSvg(): void {
    const svg = this.svgText();
    if (!svg) return;
    if (this.vscode) {
      this.post({ v: PROTOCOL_VERSION, type: 'svg', svg });
      return;
    }
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${this.model?.title ?? 'memory-map'}.svg`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  private applyHighlight(scroll: boolean): void {
    for (const el of this.highlighted) el.classList.remove('highlighted');
    this.highlighted = [];
    const line = this.highlightLine;
    const m = this.model;
    if (!m) return;
    const ids: string[] = [];
    if (line !== null) {
      const on = (r: SourceRange) => r.start.line <= line && line <= r.end.line;
      for (const r of m.regions) if (on(r.source)) ids.push(r.id);
      m.unaccepted.forEach((u, i) => { if (on(u.source)) ids.push(`u${i}`); });
      for (const s of m.segments) if (on(s.source)) ids.push(s.id);
    }
    if (!this.table) {
      // The map builds highlighted items wherever they are, so they can be shown and focused.
      this.virtual?.setHighlight(ids);
      const first = this.virtual?.firstOf(ids);
      if (scroll && first) this.view.ensureVisible(first);
      if (ids.length > 0) this.view.redraw();
      return;
    }
    if (ids.length === 0) return;
    if (scroll) {
      let first = Infinity;
      for (const id of ids) first = Math.min(first, tableRowIndex(m, id));
      const page = Math.floor(first / TABLE_PAGE);
      if (Number.isFinite(page) && page !== this.tablePage) {
        this.showTablePage(page);
        return this.applyHighlight(true); // not recursion: once, on the page now shown (the page test fails next time)
      }
    }
    const want = new Set(ids);
    for (const el of Array.from(this.tableHost.querySelectorAll('tr[data-id]'))) {
      if (want.has(el.getAttribute('data-id') ?? '')) {
        el.classList.add('highlighted');
        this.highlighted.push(el);
      }
    }
    if (scroll) this.highlighted[0]?.scrollIntoView({ block: 'nearest' });
  }

  private saveSoon(): void {
    if (!this.vscode) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => {
      const state: SavedState = { uri: this.uri, view: this.svg ? this.view.current : null, mode: this.mode, table: this.table };
      this.vscode?.setState(state);
    }, 200);
  }

  post(msg: WebviewToHost): void {
    this.vscode?.postMessage(msg);
  }

  fail(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.summary.textContent = `Cannot draw the memory map: ${message}`;
    if (this.vscode) this.post({ v: PROTOCOL_VERSION, type: 'error', message });
    else console.error(message);
  }
}

function start(): void {
  performance.mark('kexec:script-start');
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  const app = new MemoryMapApp(vscode, vscode ? readState(vscode.getState()) : null);
  if (vscode) {
    // Anything that escapes (a paint, a listener) is reported to the host rather than lost.
    window.addEventListener('error', (e) => app.fail(e.error ?? e.message));
    window.addEventListener('message', (e: MessageEvent) => {
      const msg: unknown = e.data;
      if (!isHostToWebview(msg)) return;
      try {
        if (msg.type === 'model') app.setModel(msg.model, msg.uri);
        else if (msg.type === 'highlight') app.highlight(msg.line);
        else app.post({ v: PROTOCOL_VERSION, type: 'svg', svg: app.svgText() });
      } catch (err) {
        app.fail(err);
      }
    });
    app.post({ v: PROTOCOL_VERSION, type: 'ready' });
    return;
  }
  try {
    const t = performance.now();
    const data: unknown = JSON.parse(document.getElementById('model')?.textContent ?? 'null');
    // The compact form (compactModel.ts) is checked as it is decoded; a plain model as received.
    let model: MapModel;
    if (isCompactModel(data)) model = decodeCompactModel(data);
    else if (isMapModel(data)) model = data;
    else throw new Error('the embedded model is not a valid memory-map model');
    measure('json', t);
    app.setModel(model, null);
  } catch (err) {
    app.fail(err);
  }
}

start();
