// Virtualized drawing of the map: the layout and the scene's item arrays cover every item, but
// DOM exists only for items near the view (the view plus a margin above and below), and,
// when more than BUDGET items are near, only for those at least DETAIL_PX tall once zoomed or
// whose text fits.
// Thinner items are drawn merged: one path per look (region type and depth, segment lane and
// severity...), so a 10,000-region overview costs a handful of elements. Built items are kept
// while they stay near, and cached for a while after they leave, so panning reuses them.
// Focused and highlighted items are pinned: always built, wherever the view is. A map of at
// most BUDGET items is built whole.

import type { AggSpec, SceneLayer, SceneParts } from '../../common/src/render/scene';
import { MIN_LABEL_PX, MIN_OUTLINE_PX } from '../../common/src/render/style';
import { buildDeferred, SVG_NS, toDom, type Deferred } from './dom';

/** Items thinner than this (zoomed) are drawn merged when many items are near the view. */
export const DETAIL_PX = 4;
/** Up to this many items near the view are all built, however thin (small maps: every item). */
export const BUDGET = 150;
/** Merged paths are redone once the zoom has grown this much since (their gaps are then 1 px at most). */
const DRIFT = 4;
/** Built margin above and below the view, in view heights. */
const MARGIN = 0.3;
/** Merged boxes closer than this (zoomed) join into one. */
const MERGE_PX = 0.25;
/**
 * New items built per frame (half of them at most outside the view); the rest stay merged a frame
 * or two longer, so a zoom that brings hundreds into reach does not stall.
 */
const NEW_PER_FRAME = 60;
/** Built items kept per layer after they leave the view. */
const CACHE = 1500;
/** Text is shown for items within this distance of the view (px). */
const TEXT_PAD_PX = 64;

interface Merged { g: Element; path: Element; d: string }

/**
 * A path of merged boxes being collected: its text so far, the open box, the decimals to write
 * and the fixed pieces of each box ("M182 ", y, "h420v", height, "h-420z").
 */
class Run {
  d = '';
  private readonly pre: string;
  private readonly mid: string;
  private readonly post: string;

  constructor(spec: AggSpec, public y0: number, public y1: number, private readonly digits: number) {
    this.pre = `M${spec.x} `;
    this.mid = spec.line ? `h${spec.w}` : `h${spec.w}v`;
    this.post = spec.line ? '' : `h${-spec.w}z`;
  }

  flush(): void {
    const y = this.digits === 0 ? String(Math.round(this.y0)) : this.y0.toFixed(this.digits);
    if (this.post === '') { this.d += this.pre + y + this.mid; return; }
    const h = this.digits === 0 ? String(Math.max(1, Math.round(this.y1 - this.y0))) : (this.y1 - this.y0).toFixed(this.digits);
    this.d += this.pre + y + this.mid + h + this.post;
  }
}

/** Items per block of the spatial index. */
const BLOCK = 64;

class LayerView {
  readonly statics: number;
  /** Per block of BLOCK items (index order): top of its highest item, bottom of its lowest, and the lowest zoom at which any of them draws. */
  private blocks: { y0: Float64Array; y1: Float64Array; zoom: Float64Array } | null = null;
  /** Indices of the built items in the DOM, ascending (= drawing and Tab order). */
  mounted: number[] = [];
  readonly els = new Map<number, Element>();
  readonly cache = new Map<number, Element>();
  readonly merged = new Map<string, Merged>();
  readonly near: Int32Array;
  nearCount = 0;
  /** The zoom of the last rebuild, and the zoom from which an item near the view that is not built would be. */
  builtAt = 0;
  nextZoom = Infinity;

  constructor(readonly layer: SceneLayer, readonly g: Element, readonly index: number) {
    this.statics = g.childNodes.length;
    this.near = new Int32Array(layer.count);
  }

  /** Per item, the zoom from which it is built or drawn merged. */
  private from: Float64Array | null = null;

  private drawsFrom(): Float64Array {
    if (this.from) return this.from;
    const { agg, minZoom, aggMinZoom, count } = this.layer;
    const from = new Float64Array(count);
    for (let i = 0; i < count; i++) from[i] = agg[i] ? Math.min(minZoom[i], aggMinZoom[i]) : minZoom[i];
    return this.from = from;
  }

  prepare(): void {
    if (this.layer.count > 4 * BLOCK) this.blocks ??= this.blockIndex();
  }

  /** Fills `near` with the items reaching into top..bottom that draw at this zoom, in index order. */
  findNear(zoom: number, top: number, bottom: number, everything: boolean): void {
    const { y0, y1, count, thresholds, agg, minZoom, aggMinZoom } = this.layer;
    const near = this.near;
    let n = 0;
    if (count <= 4 * BLOCK || everything) {
      // A small layer, or a window over the whole map (the overview): a plain scan.
      if (!thresholds) {
        for (let i = 0; i < count; i++) if (y1[i] >= top && y0[i] <= bottom) near[n++] = i;
      } else {
        for (let i = 0; i < count; i++) {
          if (y1[i] < top || y0[i] > bottom) continue;
          const from = agg[i] !== undefined && aggMinZoom[i] < minZoom[i] ? aggMinZoom[i] : minZoom[i];
          if (from <= zoom) near[n++] = i;
        }
      }
      this.nearCount = n;
      return;
    }
    const from = this.drawsFrom();
    const b = this.blocks ??= this.blockIndex();
    for (let k = 0; k < b.y0.length; k++) {
      if (b.y1[k] < top || b.y0[k] > bottom || b.zoom[k] > zoom) continue;
      const end = Math.min(count, (k + 1) * BLOCK);
      for (let i = k * BLOCK; i < end; i++) if (y1[i] >= top && y0[i] <= bottom && from[i] <= zoom) near[n++] = i;
    }
    this.nearCount = n;
  }

  private blockIndex(): { y0: Float64Array; y1: Float64Array; zoom: Float64Array } {
    const { y0, y1, count } = this.layer;
    const from = this.drawsFrom();
    const blocks = Math.ceil(count / BLOCK);
    const out = { y0: new Float64Array(blocks).fill(Infinity), y1: new Float64Array(blocks).fill(-Infinity), zoom: new Float64Array(blocks).fill(Infinity) };
    for (let i = 0; i < count; i++) {
      const k = (i / BLOCK) | 0;
      if (y0[i] < out.y0[k]) out.y0[k] = y0[i];
      if (y1[i] > out.y1[k]) out.y1[k] = y1[i];
      if (from[i] < out.zoom[k]) out.zoom[k] = from[i];
    }
    return out;
  }
}

export class VirtualMap {
  private readonly layers: LayerView[];
  private readonly header = new Map<string, Element>();
  /** Id lookups, made on first use (not needed to draw). */
  private index: {
    where: Map<string, { layer: number; index: number }>;
    /** Every focusable item's id in Tab order: the layers', then the header's. */
    nav: string[];
    navIndex: Map<string, number>;
  } | null = null;
  private window: { top: number; bottom: number; span: number; bucket: number } | null = null;
  private dirty = true;
  /** Whether all items near the view fit the budget (decided with the window). */
  private all = false;
  /** New items that may still be built outside the view in this rebuild (negative: some had to wait). */
  private fresh = 0;
  private focusId: string | null = null;
  private highlight = new Set<string>();
  private readonly shown = new Set<Element>();
  private readonly texts = new WeakMap<Element, Element[]>();
  private lastZoom = 0;
  private thin: boolean | null = null;
  private readonly typicalRoom: number;
  private readonly contentHeight: number;
  private readonly small: boolean;

  constructor(private readonly svg: SVGSVGElement, parts: SceneParts, private readonly deferred?: Deferred) {
    this.contentHeight = parts.contentHeight;
    const groups = Array.from(svg.querySelector('g.zoomable')?.children ?? []);
    this.layers = parts.layers.map((l, i) => new LayerView(l, groups[i], i));
    for (const el of Array.from(svg.querySelectorAll('g.header [data-id]'))) this.header.set(el.getAttribute('data-id')!, el);
    this.small = this.layers.reduce((n, lv) => n + (lv.layer.alwaysBuild ? 0 : lv.layer.count), 0) <= BUDGET;
    // The first quartile of text room (from a sample of at most ~2,000) decides when outlines are dropped.
    let total = 0;
    for (const { layer: l } of this.layers) if (!l.alwaysBuild) total += l.count;
    const step = Math.max(1, Math.floor(total / 2048));
    const rooms: number[] = [];
    for (const { layer: l } of this.layers) {
      if (l.alwaysBuild) continue;
      for (let i = 0; i < l.count; i += step) if (l.room[i] > 0) rooms.push(l.room[i]);
    }
    const sorted = Float64Array.from(rooms).sort();
    this.typicalRoom = sorted.length > 0 ? sorted[Math.floor(sorted.length / 4)] : 20;
    svg.classList.add('culled');
  }

  private ids(): NonNullable<VirtualMap['index']> {
    if (this.index) return this.index;
    const where = new Map<string, { layer: number; index: number }>();
    const nav: string[] = [];
    const navIndex = new Map<string, number>();
    for (const lv of this.layers) {
      const ids = lv.layer.ids;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id === undefined) continue;
        where.set(id, { layer: lv.index, index: i });
        navIndex.set(id, nav.length);
        nav.push(id);
      }
    }
    for (const id of this.header.keys()) {
      navIndex.set(id, nav.length);
      nav.push(id);
    }
    return this.index = { where, nav, navIndex };
  }

  /**
   * Brings the DOM in line with a view showing content y from -panY/zoom, viewH px tall.
   * Returns true when items near the view are still to be built: call again next frame.
   */
  update(zoom: number, panY: number, viewH: number): boolean {
    if (viewH <= 0 || !(zoom > 0)) return false;
    const top = -panY / zoom;
    const bottom = (viewH - panY) / zoom;
    const margin = (bottom - top) * MARGIN;
    // Zoom in steps of √2: within a step only leaving the built margin rebuilds, so what is
    // built is decided for the top of the step (text is shown or hidden every frame).
    const bucket = Math.floor(Math.log2(zoom) * 2);
    const ahead = 2 ** ((bucket + 1) / 2);
    const w = this.window;
    this.fresh = this.small ? Infinity : NEW_PER_FRAME;
    // A new window when the view nears its edge or has shrunk to half of what it was made for.
    const outside = !w || (!this.small && (top < w.top + margin / 2 || bottom > w.bottom - margin / 2));
    if (this.dirty || outside || bottom - top < w!.span / 2) {
      // A map of at most BUDGET items is built whole, at any zoom.
      const winTop = this.small ? -Infinity : top - margin;
      const winBottom = this.small ? Infinity : bottom + margin;
      this.window = { top: winTop, bottom: winBottom, span: bottom - top, bucket };
      this.rebuild(zoom, ahead, winTop, winBottom, top, bottom, !this.dirty && !outside);
      this.dirty = false;
    } else if (w.bucket !== bucket) {
      // Another zoom step, same window: only layers where something changes. Zooming out,
      // what is built stays until the view outgrows the window; zooming in, a layer waits
      // until an item of it is worth building or its merged paths have grown coarse.
      w.bucket = bucket;
      for (const lv of this.layers) {
        if (this.unchanged(lv, zoom, ahead)) continue;
        lv.findNear(ahead, w.top, w.bottom, w.top <= 0 && w.bottom >= this.contentHeight);
        this.rebuildLayer(lv, zoom, ahead, this.all, top, bottom);
      }
    }
    // Items left merged for now are built on the next frames.
    if (this.fresh < 0) this.dirty = true;
    this.levelOfDetail(zoom, top, bottom);
    return this.dirty;
  }

  /** The built element of an item, building it now if needed (it stays until the next rebuild unless pinned). */
  mount(id: string): Element | null {
    const header = this.header.get(id);
    if (header) return header;
    const at = this.ids().where.get(id);
    if (!at) return null;
    const lv = this.layers[at.layer];
    const have = lv.els.get(at.index);
    if (have) return have;
    const el = this.obtain(lv, at.index);
    // Insert in order: before the first built item that follows it.
    let lo = 0;
    let hi = lv.mounted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lv.mounted[mid] < at.index) lo = mid + 1; else hi = mid;
    }
    lv.g.insertBefore(el, lo < lv.mounted.length ? lv.els.get(lv.mounted[lo])! : null);
    lv.mounted.splice(lo, 0, at.index);
    lv.els.set(at.index, el);
    this.dirty = true; // its text is settled by the next update (the caller schedules one)
    return el;
  }

  /** Keeps the focused item built (null: none). */
  setFocus(id: string | null): void {
    this.focusId = id;
  }

  /** Marks these items highlighted and keeps them built. */
  setHighlight(ids: Iterable<string>): void {
    const next = new Set(ids);
    for (const id of this.highlight) if (!next.has(id)) this.elementOf(id)?.classList.remove('highlighted');
    this.highlight = next;
    for (const id of next) this.mount(id)?.classList.add('highlighted');
  }

  /** The first of these ids in Tab (address) order. */
  firstOf(ids: Iterable<string>): string | null {
    let best: string | null = null;
    for (const id of ids) {
      const n = this.ids().navIndex.get(id);
      if (n !== undefined && (best === null || n < this.ids().navIndex.get(best)!)) best = id;
    }
    return best;
  }

  /** Content extent of an item; null for the fixed header's items. */
  extent(id: string): { y0: number; y1: number } | null {
    const at = this.ids().where.get(id);
    if (!at) return null;
    const l = this.layers[at.layer].layer;
    return { y0: l.y0[at.index], y1: l.y1[at.index] };
  }

  /** The item after (dir 1) or before (dir -1) this one in Tab order. */
  neighbour(id: string, dir: 1 | -1): string | null {
    const n = this.ids().navIndex.get(id);
    return n === undefined ? null : this.ids().nav[n + dir] ?? null;
  }

  /** The first item in Tab order that reaches into content y top..bottom, else the first item. */
  firstIn(top: number, bottom: number): string | null {
    const { nav } = this.ids();
    for (const id of nav) {
      const e = this.extent(id);
      if (e && e.y1 >= top && e.y0 <= bottom) return id;
    }
    return nav[0] ?? null;
  }

  /** The item under content y in a merged path (clicks and hovers on thin items). */
  hitTest(merged: Element, y: number, zoom: number): string | null {
    const lv = this.layers[Number(merged.getAttribute('data-layer'))];
    const key = merged.getAttribute('data-agg');
    if (!lv || key === null) return null;
    const l = lv.layer;
    const tol = 3 / zoom;
    let best = -1;
    let bestDist = Infinity;
    let bestH = Infinity;
    for (let i = 0; i < l.count; i++) {
      if (l.ids[i] === undefined || l.agg[i]?.key !== key) continue;
      const d = y < l.y0[i] ? l.y0[i] - y : y > l.y1[i] ? y - l.y1[i] : 0;
      const hgt = l.y1[i] - l.y0[i];
      if (d <= tol && (d < bestDist || (d === bestDist && hgt < bestH))) {
        best = i;
        bestDist = d;
        bestH = hgt;
      }
    }
    return best < 0 ? null : l.ids[best]!;
  }

  /** An item's accessible description, built or not. */
  labelOf(id: string): string | null {
    const el = this.elementOf(id);
    if (el) return el.getAttribute('aria-label');
    const at = this.ids().where.get(id);
    return at ? this.layers[at.layer].layer.build(at.index).attrs['aria-label'] ?? null : null;
  }

  private elementOf(id: string): Element | null {
    const header = this.header.get(id);
    if (header) return header;
    const at = this.ids().where.get(id);
    return at ? this.layers[at.layer].els.get(at.index) ?? null : null;
  }

  private pinned(id: string | undefined): boolean {
    return id !== undefined && (id === this.focusId || this.highlight.has(id));
  }

  /**
   * Whether a big layer can keep what it has: nothing of it would be built at `ahead` yet and its
   * merged paths are still fine enough.
   */
  private unchanged(lv: LayerView, zoom: number, ahead: number): boolean {
    return lv.layer.count > 4 * BLOCK && !lv.layer.alwaysBuild && ahead < lv.nextZoom && zoom < DRIFT * lv.builtAt;
  }

  /**
   * `zoom` is the current zoom, `ahead` the top of its step: what is built is decided for `ahead`.
   * `shrunk`: the view is still inside the old window, only smaller; layers with nothing built
   * that stay unchanged keep their merged paths (what lies outside the new window is off screen).
   */
  private rebuild(zoom: number, ahead: number, top: number, bottom: number, viewTop: number, viewBottom: number, shrunk = false): void {
    let candidates = 0;
    const everything = top <= 0 && bottom >= this.contentHeight;
    for (const lv of this.layers) {
      lv.findNear(ahead, top, bottom, everything);
      const { minZoom, alwaysBuild } = lv.layer;
      if (alwaysBuild || candidates > BUDGET) continue;
      for (let k = 0; k < lv.nearCount && candidates <= BUDGET; k++) if (ahead >= minZoom[lv.near[k]]) candidates++;
    }
    this.all = candidates <= BUDGET;
    for (const lv of this.layers) {
      if (shrunk && !this.all && lv.mounted.length === 0 && this.unchanged(lv, zoom, ahead)) continue;
      this.rebuildLayer(lv, zoom, ahead, this.all, viewTop, viewBottom);
    }
  }

  /** Builds the lookups and spatial indexes now (idle time after the first paint), not on the first zoom. */
  prepare(): void {
    this.ids();
    for (const lv of this.layers) lv.prepare();
  }

  private rebuildLayer(lv: LayerView, zoom: number, ahead: number, all: boolean, viewTop: number, viewBottom: number): void {
    const { y0: Y0, y1: Y1, room, minZoom, aggMinZoom, ids, agg, alwaysBuild } = lv.layer;
    const near = lv.near;
    const count = lv.nearCount;
    const next: number[] = [];
    const tol = MERGE_PX / zoom;
    const detail = DETAIL_PX / ahead;
    const readable = MIN_LABEL_PX / ahead;
    const pins = this.focusId !== null || this.highlight.size > 0;
    // Coordinates to a tenth of a pixel at this zoom: short path data.
    const digits = Math.max(0, Math.min(3, Math.ceil(Math.log10(10 * zoom))));
    const runs = new Map<AggSpec, Run>();
    let spec: AggSpec | undefined;
    let r: Run | undefined;
    let nextZoom = Infinity;
    // Thin items of one look that touch (within tol) join one run of the merged path.
    const merge = (a: AggSpec, y0: number, y1: number) => {
      if (a !== spec) {
        spec = a;
        r = runs.get(a);
        if (r === undefined) { runs.set(a, r = new Run(a, y0, y1, digits)); return; }
      }
      if (y0 <= r!.y1 + tol && y1 >= r!.y0 - tol) {
        if (y0 < r!.y0) r!.y0 = y0;
        if (y1 > r!.y1) r!.y1 = y1;
      } else {
        r!.flush();
        r!.y0 = y0;
        r!.y1 = y1;
      }
    };
    // Nothing in this layer is big enough to build (the overview): only merge.
    const mergeOnly = !alwaysBuild && !all && !pins && !lv.layer.thresholds && lv.layer.maxHeight < detail && lv.layer.maxRoom < readable;
    if (mergeOnly) {
      nextZoom = Math.min(DETAIL_PX / lv.layer.maxHeight, MIN_LABEL_PX / lv.layer.maxRoom);
      for (let k = 0; k < count; k++) {
        const i = near[k];
        const a = agg[i];
        if (a === undefined) continue;
        merge(a, Y0[i], Y1[i]);
      }
    }
    for (let k = 0; k < (mergeOnly ? 0 : count); k++) {
      const i = near[k];
      const y0 = Y0[i];
      const y1 = Y1[i];
      // Built when its box or its text is big enough to read, or when all near items fit the budget.
      let build = ahead >= minZoom[i] && (alwaysBuild || all || y1 - y0 >= detail || room[i] >= readable || (pins && this.pinned(ids[i])));
      if (!build) {
        const from = all ? minZoom[i] : Math.max(minZoom[i], Math.min(DETAIL_PX / (y1 - y0), MIN_LABEL_PX / room[i]));
        if (from < nextZoom) nextZoom = from;
      } else if (!lv.els.has(i) && !lv.cache.has(i) && !(pins && this.pinned(ids[i]))
        && this.fresh-- <= (y1 < viewTop || y0 > viewBottom ? NEW_PER_FRAME / 2 : 0)) {
        build = false;
      }
      if (build) next.push(i);
      const a = agg[i];
      if (a === undefined || (build && !a.always) || zoom < aggMinZoom[i]) continue;
      if (a.line) { const mid = (y0 + y1) / 2; merge(a, mid, mid); } else merge(a, y0, y1);
    }
    lv.builtAt = zoom;
    lv.nextZoom = nextZoom;
    // Pinned items away from the view stay built.
    let extra = false;
    for (const id of [this.focusId, ...this.highlight]) {
      const at = id === null ? undefined : this.ids().where.get(id);
      if (at && at.layer === lv.index && !next.includes(at.index)) { next.push(at.index); extra = true; }
    }
    if (extra) next.sort((a, b) => a - b);

    // Merged paths: existing ones emptied when nothing of theirs is near.
    const seen = new Set<string>();
    for (const [spec, r] of runs) {
      r.flush();
      seen.add(spec.key);
      this.setMerged(lv, spec, r.d);
    }
    for (const [key, m] of lv.merged) if (!seen.has(key) && m.d !== '') { m.d = ''; m.path.setAttribute('d', ''); }

    // Built items: one ordered pass over the old and new index lists.
    const old = lv.mounted;
    let o = 0;
    for (const i of next) {
      while (o < old.length && old[o] < i) this.unmount(lv, old[o++]);
      if (o < old.length && old[o] === i) { o++; continue; }
      const el = this.obtain(lv, i);
      lv.g.insertBefore(el, o < old.length ? lv.els.get(old[o])! : null);
      lv.els.set(i, el);
    }
    while (o < old.length) this.unmount(lv, old[o++]);
    lv.mounted = next;
  }

  private setMerged(lv: LayerView, spec: AggSpec, d: string): void {
    let m = lv.merged.get(spec.key);
    if (!m) {
      const g = document.createElementNS(SVG_NS, 'g');
      for (const [k, v] of Object.entries(spec.group)) g.setAttribute(k, v);
      g.classList.add('agg');
      g.setAttribute('data-agg', spec.key);
      g.setAttribute('data-layer', String(lv.index));
      g.setAttribute('aria-hidden', 'true');
      const path = document.createElementNS(SVG_NS, 'path');
      for (const [k, v] of Object.entries(spec.path)) path.setAttribute(k, v);
      g.appendChild(path);
      // After the fixed children and the other merged paths, under the built items.
      lv.g.insertBefore(g, lv.g.childNodes[lv.statics + lv.merged.size] ?? null);
      m = { g, path, d: '' };
      lv.merged.set(spec.key, m);
    }
    if (m.d !== d) {
      m.d = d;
      m.path.setAttribute('d', d);
    }
  }

  private obtain(lv: LayerView, i: number): Element {
    let el = lv.cache.get(i);
    if (el) lv.cache.delete(i);
    else el = toDom(document, lv.layer.build(i), SVG_NS, this.deferred);
    const id = lv.layer.ids[i];
    el.classList.toggle('highlighted', id !== undefined && this.highlight.has(id));
    return el;
  }

  private unmount(lv: LayerView, i: number): void {
    const el = lv.els.get(i);
    if (!el) return;
    el.remove();
    lv.els.delete(i);
    if (this.shown.delete(el)) el.classList.remove('lod-shown');
    lv.cache.set(i, el);
    if (lv.cache.size > CACHE) lv.cache.delete(lv.cache.keys().next().value!);
  }

  /**
   * Text for built items whose text line is near the view and whose room, zoomed, fits a line,
   * counter-scaled so the vertical zoom moves it but never stretches it.
   */
  private levelOfDetail(zoom: number, top: number, bottom: number): void {
    const thin = zoom * this.typicalRoom < MIN_OUTLINE_PX;
    if (thin !== this.thin) {
      this.thin = thin;
      this.svg.classList.toggle('thin', thin);
    }
    const pad = TEXT_PAD_PX / zoom;
    const need = MIN_LABEL_PX / zoom;
    const inv = 1 / zoom;
    const zoomed = zoom !== this.lastZoom;
    this.lastZoom = zoom;
    for (const lv of this.layers) {
      const l = lv.layer;
      for (const i of lv.mounted) {
        const room = l.room[i];
        if (!(room > 0)) continue;
        const el = lv.els.get(i)!;
        const y = l.ly[i];
        const show = room >= need && y >= top - pad && y <= bottom + pad;
        if (!show) {
          if (this.shown.delete(el)) el.classList.remove('lod-shown');
          continue;
        }
        const fresh = !this.shown.has(el);
        if (fresh) {
          if (this.deferred) buildDeferred(document, el, this.deferred);
          el.classList.add('lod-shown');
          this.shown.add(el);
        }
        if (fresh || zoomed) {
          const transform = `matrix(1 0 0 ${inv} 0 ${y - inv * y})`;
          for (const t of this.textsOf(el)) t.setAttribute('transform', transform);
        }
      }
    }
  }

  private textsOf(el: Element): Element[] {
    let list = this.texts.get(el);
    if (!list) {
      list = el.tagName === 'text' ? [el] : Array.from(el.children).filter((c) => c.tagName === 'text');
      this.texts.set(el, list);
    }
    return list;
  }
}
