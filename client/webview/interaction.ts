// Zoom (vertical only: the address axis), pan, keyboard and click handling of the map.
// Zoom is one transform on the viewport group; what is drawn under it (items near the view,
// the rest merged, text where it fits) is the VirtualMap's business, so a frame touches only
// the few elements near the view.

import type { VirtualMap } from './virtual';

export interface ViewState { zoom: number; panX: number; panY: number }

export interface MapViewEvents {
  /** An item was clicked or activated with Enter/Space. */
  reveal(id: string): void;
  /** Zoom or pan changed (after the frame that shows it). */
  changed(state: ViewState): void;
}

const ITEM = '[data-id]';
const MERGED = '.agg[data-agg]';
const DRAG_THRESHOLD = 4;

export class MapView {
  private svg: SVGSVGElement | null = null;
  private viewport: SVGGElement | null = null;
  private header: SVGGElement | null = null;
  private virtual: VirtualMap | null = null;
  private headerH = 0;
  private contentW = 1;
  private contentH = 1;
  private maxZoom = 64;
  private state: ViewState = { zoom: 1, panX: 0, panY: 0 };
  private frame = 0;
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
      const id = (e.target as Element).closest?.(ITEM)?.getAttribute('data-id');
      if (!id) return;
      this.virtual?.setFocus(id);
      this.ensureVisible(id);
    });
    host.addEventListener('focusout', () => this.virtual?.setFocus(null));
    new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      this.hostSize = { w: box.width, h: box.height };
      if (this.needsFit && this.size().h > 0) this.fit();
      else this.schedule();
    }).observe(host);
  }

  /** Reads the host's size now; call before inserting a new picture, when layout is still cheap. */
  measure(): { w: number; h: number } {
    return this.hostSize = { w: this.host.clientWidth, h: this.host.clientHeight };
  }

  get current(): ViewState {
    return { ...this.state };
  }

  /**
   * Shows a freshly rendered picture. `state` keeps the user's zoom and pan across re-renders;
   * without one the picture is fitted.
   */
  attach(svg: SVGSVGElement, size: { contentWidth: number; contentHeight: number; headerHeight: number }, maxZoom: number, state: ViewState | null, virtual: VirtualMap): void {
    const { contentWidth: contentW, contentHeight: contentH, headerHeight } = size;
    this.svg = svg;
    this.viewport = svg.querySelector('g.viewport');
    this.header = svg.querySelector('g.header');
    this.virtual = virtual;
    this.headerH = headerHeight;
    this.contentW = Math.max(contentW, 1);
    this.contentH = Math.max(contentH, 1);
    this.maxZoom = maxZoom;
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
  ensureVisible(id: string): void {
    const box = this.virtual?.extent(id);
    const { h } = this.size();
    if (!box || h <= 0) return;
    const top = this.state.panY + box.y0 * this.state.zoom;
    const bottom = this.state.panY + box.y1 * this.state.zoom;
    const margin = 24;
    const first = this.headerH + margin;
    // In view, or taller than the view and covering it already.
    if ((top >= first && bottom <= h - margin) || (top <= first && bottom >= h - margin)) return;
    if (bottom - top > h - first - margin || top < first) this.state.panY += first - top;
    else this.state.panY += h - margin - bottom;
    this.clamp();
    this.schedule();
  }

  /** Moves focus to an item, building it and panning to it if needed. */
  focusItem(id: string): boolean {
    const el = this.virtual?.mount(id);
    if (!(el instanceof SVGElement)) return false;
    this.virtual!.setFocus(id);
    this.ensureVisible(id);
    this.redraw();
    el.focus({ preventScroll: true });
    return true;
  }

  /** Brings what is drawn up to date on the next frame (after items were built or highlighted). */
  redraw(): void {
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
    // More to build near the view: next frame (what waits is drawn merged meanwhile).
    if (this.virtual?.update(zoom, panY, this.size().h)) this.schedule();
    this.events.changed(this.current);
  }

  /** Content y (the zoomable group's coordinates) under a client y. */
  private contentY(clientY: number): number {
    return (clientY - this.host.getBoundingClientRect().top - this.state.panY) / this.state.zoom;
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
    if (!d || d.id !== e.pointerId) {
      this.mergedTooltip(e);
      return;
    }
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

  /** The item under the pointer: a built one, or one drawn merged. */
  private itemAt(e: MouseEvent): string | null {
    const target = e.target as Element;
    const id = target.closest?.(ITEM)?.getAttribute('data-id');
    if (id) return id;
    const merged = target.closest?.(MERGED);
    return merged && this.virtual ? this.virtual.hitTest(merged, this.contentY(e.clientY), this.state.zoom) : null;
  }

  /** A merged path's tooltip names the item under the pointer. */
  private mergedTooltip(e: PointerEvent): void {
    const merged = (e.target as Element).closest?.(MERGED);
    if (!merged || !this.virtual) return;
    const id = this.itemAt(e);
    let title = Array.from(merged.children).find((c) => c.tagName === 'title');
    if (!id) { title?.remove(); return; }
    if (title?.getAttribute('data-for') === id) return;
    title ??= merged.insertBefore(document.createElementNS('http://www.w3.org/2000/svg', 'title'), merged.firstChild);
    title.setAttribute('data-for', id);
    title.textContent = this.virtual.labelOf(id) ?? '';
  }

  private onClick(e: MouseEvent): void {
    if (this.suppressClick) { this.suppressClick = false; return; }
    const id = this.itemAt(e);
    if (id) this.events.reveal(id);
  }

  private onItemKey(e: KeyboardEvent): void {
    const target = e.target as Element;
    const item = target.closest?.(ITEM);
    const id = item?.getAttribute('data-id');
    if (e.key === 'Tab' && !e.altKey && !e.ctrlKey && !e.metaKey && this.virtual) {
      // Most items are not in the DOM: Tab walks the whole list in address order instead.
      let next: string | null = null;
      if (id) next = this.virtual.neighbour(id, e.shiftKey ? -1 : 1);
      else if (target === this.host && !e.shiftKey) {
        const { zoom, panY } = this.state;
        next = this.virtual.firstIn((this.headerH - panY) / zoom, (this.size().h - panY) / zoom);
      }
      if (next && this.focusItem(next)) e.preventDefault();
      return;
    }
    if (e.key !== 'Enter' && e.key !== ' ') return;
    if (!id) return;
    e.preventDefault();
    this.events.reveal(id);
  }
}

/** Items carry no <title> (it would slow building them): add one, from the aria-label, on first hover. */
function addTooltip(target: Element): void {
  const item = target.closest?.(ITEM);
  if (!item || Array.from(item.children).some((c) => c.tagName === 'title')) return;
  const label = item.getAttribute('aria-label');
  if (!label) return;
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.textContent = label;
  item.insertBefore(title, item.firstChild);
}
