// Zoom (vertical only: the address axis), pan, keyboard and click handling of the map.
// Zoom is one transform on the viewport group, so a frame costs no DOM rebuild; text is shown
// only near the view and where it fits (LevelOfDetail), which keeps frames cheap on big maps.

import { MIN_LABEL_PX, MIN_OUTLINE_PX } from '../../server/src/render/style';
import { buildDeferred, type Deferred } from './dom';

export interface ViewState { zoom: number; panX: number; panY: number }

export interface MapViewEvents {
  /** An item was clicked or activated with Enter/Space. */
  reveal(id: string): void;
  /** Zoom or pan changed (after the frame that shows it). */
  changed(state: ViewState): void;
}

const ITEM = '[data-id]';
const DRAG_THRESHOLD = 4;

export class MapView {
  private svg: SVGSVGElement | null = null;
  private viewport: SVGGElement | null = null;
  private header: SVGGElement | null = null;
  private headerH = 0;
  private contentW = 1;
  private contentH = 1;
  private maxZoom = 64;
  private state: ViewState = { zoom: 1, panX: 0, panY: 0 };
  private frame = 0;
  private lod = new LevelOfDetail();
  private chunks = new ChunkCuller();
  private drag: { id: number; x: number; y: number; panX: number; panY: number; moved: boolean } | null = null;
  private suppressClick = false;
  private needsFit = false;
  /** Host size, kept by a ResizeObserver: reading clientHeight right after a swap would force a layout of the whole new picture. */
  private hostSize: { w: number; h: number } | null = null;

  constructor(private readonly host: HTMLElement, private readonly events: MapViewEvents) {
    host.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    host.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    host.addEventListener('pointermove', (e) => this.onPointerMove(e));
    host.addEventListener('pointerup', (e) => this.onPointerUp(e));
    host.addEventListener('pointercancel', (e) => this.onPointerUp(e));
    host.addEventListener('click', (e) => this.onClick(e));
    host.addEventListener('keydown', (e) => this.onItemKey(e));
    host.addEventListener('pointerover', (e) => addTooltip(e.target as Element));
    host.addEventListener('focusin', (e) => {
      const item = (e.target as Element).closest?.(ITEM);
      if (item) this.ensureVisible(item);
    });
    new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      this.hostSize = { w: box.width, h: box.height };
      if (this.needsFit && this.size().h > 0) this.fit();
      else this.schedule();
    }).observe(host);
  }

  /** Reads the host's size now; call before inserting a new picture, when layout is still cheap. */
  measure(): void {
    this.hostSize = { w: this.host.clientWidth, h: this.host.clientHeight };
  }

  get current(): ViewState {
    return { ...this.state };
  }

  /**
   * Shows a freshly rendered picture. `state` keeps the user's zoom and pan across re-renders;
   * without one the picture is fitted.
   */
  attach(svg: SVGSVGElement, size: { contentWidth: number; contentHeight: number; headerHeight: number }, maxZoom: number, state: ViewState | null, deferred?: Deferred): void {
    const { contentWidth: contentW, contentHeight: contentH, headerHeight } = size;
    this.svg = svg;
    this.viewport = svg.querySelector('g.viewport');
    this.header = svg.querySelector('g.header');
    this.headerH = headerHeight;
    this.contentW = Math.max(contentW, 1);
    this.contentH = Math.max(contentH, 1);
    this.maxZoom = maxZoom;
    this.lod = new LevelOfDetail(svg, deferred);
    this.chunks = new ChunkCuller(svg);
    if (state && Number.isFinite(state.zoom) && state.zoom > 0) {
      this.state = { ...state };
      this.clamp();
      this.paint();
    } else {
      this.fit();
    }
  }

  fit(): void {
    const { w, h } = this.size();
    if (h <= 0) { this.needsFit = true; return; }
    this.needsFit = false;
    const room = h - this.headerH - 4;
    const zoom = Math.min(this.maxZoom, Math.max(room / this.contentH, 1e-6));
    this.state = { zoom, panX: Math.max(0, Math.floor((w - this.contentW) / 2)), panY: this.headerH + Math.max(0, (room - this.contentH * zoom) / 2) };
    this.paint();
  }

  /** Zoom by `factor` keeping the content under `anchorY` (host pixels) in place. */
  zoomBy(factor: number, anchorY?: number): void {
    const { h } = this.size();
    const y = anchorY ?? h / 2;
    const zoom = Math.min(this.maxZoom, Math.max(this.minZoom(), this.state.zoom * factor));
    const panY = y - ((y - this.state.panY) * zoom) / this.state.zoom;
    this.state = { ...this.state, zoom, panY };
    this.clamp();
    this.schedule();
  }

  panBy(dx: number, dy: number): void {
    this.state = { ...this.state, panX: this.state.panX + dx, panY: this.state.panY + dy };
    this.clamp();
    this.schedule();
  }

  /** Pans the least needed to bring an item into view (vertically), for focus and highlight. */
  ensureVisible(el: Element): void {
    if (!(el instanceof SVGGraphicsElement)) return;
    const { h } = this.size();
    if (h <= 0) return;
    // An item in an undrawn chunk has no box yet: fall back to its label line.
    const ly = el.getAttribute('data-ly');
    const box = ly !== null ? { y: Number(ly) - 8, height: 16 } : el.getBBox();
    const top = this.state.panY + box.y * this.state.zoom;
    const bottom = top + box.height * this.state.zoom;
    const margin = 24;
    const first = this.headerH + margin;
    if (top >= first && bottom <= h - margin) return;
    if (bottom - top > h - first - margin || top < first) this.state.panY += first - top;
    else this.state.panY += h - margin - bottom;
    this.clamp();
    this.schedule();
  }

  /** +/-/=/0 and arrows; returns true when the key was used. */
  handleKey(e: KeyboardEvent): boolean {
    if (e.altKey || e.ctrlKey || e.metaKey) return false;
    const { w, h } = this.size();
    switch (e.key) {
      case '+': case '=': this.zoomBy(1.25); return true;
      case '-': case '_': this.zoomBy(0.8); return true;
      case '0': this.fit(); return true;
      case 'ArrowUp': this.panBy(0, h * 0.15); return true;
      case 'ArrowDown': this.panBy(0, -h * 0.15); return true;
      case 'ArrowLeft': this.panBy(w * 0.15, 0); return true;
      case 'ArrowRight': this.panBy(-w * 0.15, 0); return true;
      default: return false;
    }
  }

  private size(): { w: number; h: number } {
    if (!this.hostSize) this.hostSize = { w: this.host.clientWidth, h: this.host.clientHeight };
    return this.hostSize;
  }

  private minZoom(): number {
    const { h } = this.size();
    const fitZoom = h > 0 ? (h - this.headerH - 4) / this.contentH : 1;
    return Math.min(fitZoom, 1) / 2;
  }

  /** Keeps at least half a view of content on screen. */
  private clamp(): void {
    const { w, h } = this.size();
    if (w <= 0 || h <= 0) return; // hidden (table view): nothing to keep in view yet
    const s = this.state;
    const contentH = this.contentH * s.zoom;
    const half = (h - this.headerH) / 2;
    s.panY = Math.min(this.headerH + half, Math.max(Math.min(this.headerH, h - contentH) - half, s.panY));
    s.panX = Math.min(w / 2, Math.max(Math.min(0, w - this.contentW) - w / 2, s.panX));
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  private paint(): void {
    if (!this.svg || !this.viewport) return;
    const { zoom, panX, panY } = this.state;
    this.viewport.setAttribute('transform', `matrix(1 0 0 ${zoom} ${panX} ${panY})`);
    this.header?.setAttribute('transform', `translate(${panX} 0)`);
    this.chunks.update(zoom, panY, this.size().h);
    this.lod.update(zoom, panY, this.size().h);
    this.events.changed(this.current);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.size().h : 1;
    if (e.shiftKey) {
      this.panBy(-e.deltaX * unit, -e.deltaY * unit);
      return;
    }
    const rect = this.host.getBoundingClientRect();
    this.zoomBy(Math.exp(-e.deltaY * unit * 0.002), e.clientY - rect.top);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.drag = { id: e.pointerId, x: e.clientX, y: e.clientY, panX: this.state.panX, panY: this.state.panY, moved: false };
  }

  private onPointerMove(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!d.moved) {
      d.moved = true;
      this.host.setPointerCapture(e.pointerId);
      this.host.classList.add('dragging');
    }
    this.state = { ...this.state, panX: d.panX + dx, panY: d.panY + dy };
    this.clamp();
    this.schedule();
  }

  private onPointerUp(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    this.drag = null;
    if (d.moved) {
      this.suppressClick = true;
      this.host.classList.remove('dragging');
      if (this.host.hasPointerCapture(e.pointerId)) this.host.releasePointerCapture(e.pointerId);
    }
  }

  private onClick(e: MouseEvent): void {
    if (this.suppressClick) { this.suppressClick = false; return; }
    const item = (e.target as Element).closest?.(ITEM);
    const id = item?.getAttribute('data-id');
    if (id) this.events.reveal(id);
  }

  private onItemKey(e: KeyboardEvent): void {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const item = (e.target as Element).closest?.(ITEM);
    const id = item?.getAttribute('data-id');
    if (!id) return;
    e.preventDefault();
    this.events.reveal(id);
  }
}

/**
 * Which items show their `.lod` text: those whose text line (`data-ly`) is near the view and
 * whose room (`data-room`), zoomed, fits a line. Shown text gets a counter-scale so it stays
 * upright under the vertical zoom; only the few shown items are touched per frame.
 */
class LevelOfDetail {
  private readonly items: Element[] = [];
  private readonly ly: Float64Array;
  private readonly room: Float64Array;
  private readonly isShown: Uint8Array;
  private readonly texts = new Map<number, Element[]>();
  private shown: number[] = [];
  private readonly typicalRoom: number;
  private thin: boolean | null = null;

  constructor(private readonly svg?: SVGSVGElement, private readonly deferred?: Deferred) {
    const found = svg ? Array.from(svg.querySelectorAll('[data-room]'), (el) => ({
      el, ly: Number(el.getAttribute('data-ly')), room: Number(el.getAttribute('data-room')),
    })) : [];
    found.sort((a, b) => a.ly - b.ly);
    this.items = found.map((f) => f.el);
    this.ly = Float64Array.from(found, (f) => f.ly);
    this.room = Float64Array.from(found, (f) => f.room);
    this.isShown = new Uint8Array(found.length);
    const rooms = Float64Array.from(this.room).sort();
    this.typicalRoom = rooms.length > 0 ? rooms[Math.floor(rooms.length / 4)] : 20;
    svg?.classList.add('culled');
  }

  update(zoom: number, panY: number, viewH: number): void {
    if (!this.svg) return;
    const thin = zoom * this.typicalRoom < MIN_OUTLINE_PX;
    if (thin !== this.thin) {
      this.thin = thin;
      this.svg.classList.toggle('thin', thin);
    }
    const pad = 64 / zoom;
    const lo = lowerBound(this.ly, -panY / zoom - pad);
    const hi = lowerBound(this.ly, (viewH - panY) / zoom + pad);
    const need = MIN_LABEL_PX / zoom;
    const next: number[] = [];
    for (let i = lo; i < hi; i++) if (this.room[i] >= need) next.push(i);
    const keep = new Uint8Array(this.items.length);
    for (const i of next) keep[i] = 1;
    for (const i of this.shown) {
      if (!keep[i]) {
        this.items[i].classList.remove('lod-shown');
        this.isShown[i] = 0;
      }
    }
    const inv = 1 / zoom;
    for (const i of next) {
      if (!this.isShown[i]) {
        if (this.deferred) buildDeferred(document, this.items[i], this.deferred);
        this.items[i].classList.add('lod-shown');
        this.isShown[i] = 1;
      }
      // scale(1, 1/zoom) about the text's own line, so zoom moves text but never stretches it.
      const y = this.ly[i];
      const transform = `matrix(1 0 0 ${inv} 0 ${y - inv * y})`;
      for (const t of this.textsOf(i)) t.setAttribute('transform', transform);
    }
    this.shown = next;
  }

  private textsOf(i: number): Element[] {
    let list = this.texts.get(i);
    if (!list) {
      const el = this.items[i];
      list = el.tagName === 'text' ? [el] : Array.from(el.children).filter((c) => c.tagName === 'text');
      this.texts.set(i, list);
    }
    return list;
  }
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Regions carry no <title> (10,000 of them would slow the first paint): add one on first hover. */
function addTooltip(target: Element): void {
  const item = target.closest?.(ITEM);
  if (!item || Array.from(item.children).some((c) => c.tagName === 'title')) return;
  const label = item.getAttribute('aria-label');
  if (!label) return;
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.textContent = label;
  item.insertBefore(title, item.firstChild);
}

/**
 * Stops drawing chunks (runs of 128 items, `g.chunk[data-y0][data-y1]`) more than a view away
 * from the view; a chunk next to a drawn one stays drawn, so Tab still reaches the next item.
 * Undrawn items stay in the DOM, with their aria-labels.
 */
class ChunkCuller {
  private readonly els: Element[] = [];
  private readonly y0: Float64Array;
  private readonly y1: Float64Array;
  private readonly off: Uint8Array;
  private readonly sameGroupAsPrev: Uint8Array;

  constructor(svg?: SVGSVGElement) {
    if (svg) this.els = Array.from(svg.querySelectorAll('g.chunk'));
    this.y0 = Float64Array.from(this.els, (el) => Number(el.getAttribute('data-y0')));
    this.y1 = Float64Array.from(this.els, (el) => Number(el.getAttribute('data-y1')));
    this.off = new Uint8Array(this.els.length);
    this.sameGroupAsPrev = Uint8Array.from(this.els, (el, i) => (i > 0 && this.els[i - 1].parentNode === el.parentNode ? 1 : 0));
  }

  update(zoom: number, panY: number, viewH: number): void {
    const n = this.els.length;
    if (n === 0 || viewH <= 0) return;
    const span = viewH / zoom;
    const top = -panY / zoom - span;
    const bottom = top + 3 * span;
    const near = new Uint8Array(n);
    for (let i = 0; i < n; i++) near[i] = this.y1[i] >= top && this.y0[i] <= bottom ? 1 : 0;
    for (let i = 0; i < n; i++) {
      const show = near[i] || (this.sameGroupAsPrev[i] && near[i - 1]) || (i + 1 < n && this.sameGroupAsPrev[i + 1] && near[i + 1]);
      const off = show ? 0 : 1;
      if (off !== this.off[i]) {
        this.off[i] = off;
        this.els[i].classList.toggle('off', off === 1);
      }
    }
  }
}
