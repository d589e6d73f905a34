// Layout → element tree of the SVG picture. Columns, left to right: hex ruler, regions (nested
// ones inset inside their parents, unaccepted memory hatched underneath), the acceptance lane
// (unaccepted units, units the load accepts, guard units), then one lane per overlapping segment.
// Document text (labels, names, messages) only ever becomes `text` or an attribute value.
//
// The picture comes in parts (`sceneParts`): fixed elements plus layers of items, each item with
// its vertical extent and a builder. Export builds every item (`buildScene`); the webview builds
// only the items near its view and draws the rest merged (see client/webview/virtual.ts).

import type { MapModel, MapSeverity } from './mapModel';
import type { Layout, Placed, PlacedRegion, PlacedSegment } from './layout';
import { formatHex, formatRange, formatSize } from './address';
import { fmt, h, type VNode } from './vnode';
import { MAP_CSS, MIN_LABEL_PX, MIN_OUTLINE_PX, REGION_TYPE_NAMES, REGION_TYPES } from './style';

export const SVG_NS = 'http://www.w3.org/2000/svg';

export const GEOMETRY = {
  rulerW: 172,
  regionX: 182,
  regionW: 420,
  nestInset: 10,
  acceptW: 56,
  laneW: 210,
  laneGap: 6,
  columnGap: 10,
  headRowH: 22,
  topPad: 12,
  bottomPad: 16,
  unplacedRowH: 22,
  markerH: 4,
  edgeW: 5,
  charW: 6.2,
  hexCharW: 6.4,
};

export type Geometry = typeof GEOMETRY;

/**
 * The geometry of the scene being built: GEOMETRY, with the region column and segment lanes
 * narrowed to fit a width budget (a webview beside the editor is often ~500 px wide, and segments
 * must stay on screen to be clicked). Set for the duration of one synchronous build.
 */
let geometry: Geometry = GEOMETRY;

export function fittedGeometry(model: MapModel, layout: Layout, width: number | undefined): Geometry {
  const g = geometry;
  if (!width || !Number.isFinite(width)) return g;
  const hasAccept = model.unaccepted.length > 0 || model.accepted.length > 0;
  const lanes = Math.max(layout.lanes, model.segments.length > 0 ? 1 : 0);
  const rest = g.columnGap + (hasAccept ? g.acceptW + g.columnGap : 0) + lanes * g.laneGap + 8;
  const want = g.regionW + lanes * g.laneW;
  if ((width - g.regionX - rest) / want >= 1) return g;
  // Short of room, the ruler first gives up what its widest label (the top address: the notation
  // has no padding) leaves empty; then lanes shrink in proportion down to a readable minimum and
  // the region column takes what is left.
  const rulerW = Math.min(g.rulerW, Math.ceil(formatHex(layout.top).length * g.hexCharW) + 16);
  const regionX = g.regionX - (g.rulerW - rulerW);
  const fixed = regionX + rest;
  const scale = Math.min(1, (width - fixed) / want);
  const laneW = Math.max(100, Math.floor(g.laneW * scale));
  const regionW = Math.max(120, Math.min(g.regionW, Math.floor(width - fixed - lanes * laneW)));
  return { ...g, rulerW, regionX, regionW, laneW };
}

function withGeometry<T>(g: Geometry, build: () => T): T {
  const saved = geometry;
  geometry = g;
  try { return build(); } finally { geometry = saved; }
}

export interface SceneOptions {
  /** Narrow the columns to fit this many pixels (the webview's width); export and CLI use the full width. */
  fitWidth?: number;
  /** A self-contained picture: embedded styles, title, summary, legend and a fixed size. */
  standalone?: boolean;
}

export interface Scene {
  root: VNode;
  width: number;
  height: number;
  /** Width and height of the zoomable content, and the height of the fixed header above it. */
  contentWidth: number;
  contentHeight: number;
  headerHeight: number;
}

/**
 * How an item is drawn when it is not built on its own: a box (or, with `line`, a horizontal
 * line through its middle) merged with those of the other items sharing `key` into one path.
 */
export interface AggSpec {
  key: string;
  x: number;
  w: number;
  /** Attributes of the path and of its wrapping group (which carries what the CSS keys on). */
  path: Record<string, string>;
  group: Record<string, string>;
  line?: boolean;
  /** Drawn merged even while the item itself is built (tick marks under their labels). */
  always?: boolean;
}

/**
 * One layer of the zoomable content: a group with fixed children, then items in drawing order
 * (which is also Tab order). Per item, in content coordinates: the extent it draws (`y0`..`y1`),
 * the height its text has (`room`, 0 without text) and the line of that text (`ly`), the zoom
 * from which it is worth building (`minZoom`), its `data-id` when it is a focusable item, and its
 * merged look. Arrays rather than objects: a layer can hold tens of thousands of items.
 */
export interface SceneLayer {
  group: VNode;
  count: number;
  y0: Float64Array;
  y1: Float64Array;
  room: Float64Array;
  ly: Float64Array;
  minZoom: Float64Array;
  /** Zoom from which the merged look is drawn (tick marks thin out like their labels). */
  aggMinZoom: Float64Array;
  ids: Array<string | undefined>;
  agg: Array<AggSpec | undefined>;
  /** Built whenever near the view and at `minZoom`, however thin (tick labels). */
  alwaysBuild?: boolean;
  /** Whether any item has a `minZoom` or `aggMinZoom` (else all are 0). */
  thresholds?: boolean;
  /** The tallest item and the most text room: what the layer can need at most. */
  maxHeight: number;
  maxRoom: number;
  build(i: number): VNode;
  /** The exported form of all items, when it is not every item built in order. */
  full?(): VNode[];
}

export interface SceneParts {
  label: string;
  defs: VNode;
  /** Column heads and unplaced segments: fixed above the zoomable content. */
  header: VNode;
  layers: SceneLayer[];
  contentWidth: number;
  contentHeight: number;
  headerHeight: number;
}

interface Columns { acceptX: number; segX: number; width: number; hasAccept: boolean }

function columns(model: MapModel, layout: Layout): Columns {
  const g = geometry;
  const hasAccept = model.unaccepted.length > 0 || model.accepted.length > 0;
  const acceptX = g.regionX + g.regionW + g.columnGap;
  const segX = hasAccept ? acceptX + g.acceptW + g.columnGap : acceptX;
  const lanes = Math.max(layout.lanes, model.segments.length > 0 ? 1 : 0);
  const width = segX + lanes * (g.laneW + g.laneGap) + 8;
  return { acceptX, segX, width, hasAccept };
}

/** Fills a layer's arrays, one item at a time. */
class Items {
  readonly y0: Float64Array;
  readonly y1: Float64Array;
  readonly room: Float64Array;
  readonly ly: Float64Array;
  readonly minZoom: Float64Array;
  readonly aggMinZoom: Float64Array;
  readonly ids: Array<string | undefined>;
  readonly agg: Array<AggSpec | undefined>;

  constructor(readonly count: number) {
    this.y0 = new Float64Array(count);
    this.y1 = new Float64Array(count);
    this.room = new Float64Array(count);
    this.ly = new Float64Array(count);
    this.minZoom = new Float64Array(count);
    this.aggMinZoom = new Float64Array(count);
    this.ids = new Array<string | undefined>(count).fill(undefined);
    this.agg = new Array<AggSpec | undefined>(count).fill(undefined);
  }

  maxHeight = 0;
  maxRoom = 0;

  set(i: number, y0: number, y1: number, room: number, ly: number, id: string | undefined, agg: AggSpec | undefined): this {
    if (y1 - y0 > this.maxHeight) this.maxHeight = y1 - y0;
    if (room > this.maxRoom) this.maxRoom = room;
    this.y0[i] = y0;
    this.y1[i] = y1;
    this.room[i] = room;
    this.ly[i] = ly;
    this.ids[i] = id;
    this.agg[i] = agg;
    return this;
  }

  layer(group: VNode, build: (i: number) => VNode, extra: Pick<SceneLayer, 'alwaysBuild' | 'thresholds' | 'full'> = {}): SceneLayer {
    return {
      group, count: this.count, build, alwaysBuild: extra.alwaysBuild, thresholds: extra.thresholds, full: extra.full,
      maxHeight: this.maxHeight, maxRoom: this.maxRoom,
      y0: this.y0, y1: this.y1, room: this.room, ly: this.ly, minZoom: this.minZoom, aggMinZoom: this.aggMinZoom, ids: this.ids, agg: this.agg,
    };
  }
}

/** Attributes without the unset ones. */
function attrs(a: Record<string, string | undefined>): Record<string, string> {
  return h('g', a).attrs;
}

/** One shared merged-look spec per key (few keys, many items). */
function aggCache(): (key: string, x: number, w: number, path: Record<string, string | undefined>, group?: Record<string, string | undefined>) => AggSpec {
  const specs = new Map<string, AggSpec>();
  return (key, x, w, path, group = {}) => {
    let s = specs.get(key);
    if (!s) specs.set(key, s = { key, x, w, path: attrs(path), group: attrs(group) });
    return s;
  };
}

/**
 * Level-of-detail hints: `data-room` is the unzoomed height an item's text has and `data-ly` the
 * y of that text. The webview shows `.lod` text only where the room, zoomed, fits a line, and
 * keeps that text upright under the vertical zoom.
 */
function lod(px: number, y: number): Record<string, string> {
  return { 'data-room': px === Infinity ? '1e9' : String(Math.round(px * 10) / 10), 'data-ly': String(Math.round(y * 100) / 100) };
}

function clip(s: string, px: number, charW: number): string {
  const max = Math.floor(px / charW);
  if (s.length <= max) return s;
  return max < 4 ? '' : s.slice(0, max - 1) + '…';
}

const SEVERITY_WORD: Record<MapSeverity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

export function sceneParts(model: MapModel, layout: Layout, fitWidth?: number): SceneParts {
  return withGeometry(fittedGeometry(model, layout, fitWidth), () => buildParts(model, layout));
}

function buildParts(model: MapModel, layout: Layout): SceneParts {
  const g = geometry;
  const cols = columns(model, layout);
  const unplacedH = layout.unplaced.length * g.unplacedRowH;
  const headerHeight = g.headRowH + unplacedH + (unplacedH > 0 ? 4 : 0);
  const mapTop = g.topPad;
  const Y = (y: number) => mapTop + y;
  const contentHeight = mapTop + layout.height + g.bottomPad;

  // The header (column heads, unplaced segments) does not zoom; the map below it does.
  const header = h('g', { class: 'header' }, [
    h('rect', { class: 'header-bg', x: 0, y: 0, width: cols.width, height: headerHeight }),
    ...laneHeads(cols),
    unplacedH > 0 ? unplacedBlock(layout, cols) : null,
  ]);
  const layers: SceneLayer[] = [
    breaksLayer(layout, Y, cols.width),
    rulerLayer(layout, Y),
    shadesLayer(layout, Y),
    regionsLayer(layout, Y),
  ];
  if (cols.hasAccept) layers.push(acceptLayer(layout, Y, cols));
  layers.push(overlaysLayer(layout, Y, cols), segmentsLayer(layout, Y, cols));
  return {
    label: `Memory map of ${model.title}`, defs: patterns(), header, layers,
    contentWidth: cols.width, contentHeight, headerHeight,
  };
}

/** A layer with every item built: what export and the tests see. */
export function fullLayer(l: SceneLayer): VNode {
  const items = l.full ? l.full() : Array.from({ length: l.count }, (_, i) => l.build(i));
  return { ...l.group, children: [...l.group.children, ...items] };
}

/** The webview's picture around the given layer groups: zoomable content under a fixed header. */
export function sceneRoot(parts: SceneParts, layerGroups: VNode[]): VNode {
  return h('svg', { class: 'kexec-map', role: 'group', 'aria-label': parts.label }, [
    parts.defs, h('g', { class: 'viewport' }, [h('g', { class: 'zoomable' }, layerGroups)]), parts.header,
  ]);
}

export function buildScene(model: MapModel, layout: Layout, options: SceneOptions = {}): Scene {
  return withGeometry(fittedGeometry(model, layout, options.fitWidth), () => assemble(model, layout, options));
}

function assemble(model: MapModel, layout: Layout, options: SceneOptions): Scene {
  const g = geometry;
  const parts = buildParts(model, layout);
  const { contentWidth, contentHeight, headerHeight, label } = parts;
  const layerGroups = parts.layers.map(fullLayer);

  if (!options.standalone) {
    return { root: sceneRoot(parts, layerGroups), width: contentWidth, height: headerHeight + contentHeight, contentWidth, contentHeight, headerHeight };
  }

  const titleH = 44;
  const zoomable = h('g', { class: 'zoomable' }, layerGroups);
  const legend = legendSvg(model, layout);
  const width = contentWidth + 24 + legend.width;
  const height = titleH + headerHeight + Math.max(contentHeight, legend.height + 8);
  const root = h('svg', {
    xmlns: SVG_NS, class: 'kexec-map', role: 'group', 'aria-label': label,
    width, height, viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`,
  }, [
    h('title', {}, [], label),
    h('style', {}, [], MAP_CSS),
    parts.defs,
    h('rect', { x: 0, y: 0, width, height, fill: 'var(--vscode-editor-background, #ffffff)' }),
    h('text', { class: 'title', x: 8, y: 14 }, [], `${model.title} — ${model.arch}, ${model.syscall}${model.kernel ? `, kernel ${model.kernel}` : ''}`),
    h('text', { x: 8, y: 32 }, [], model.outcome.summary),
    h('g', { class: 'viewport', transform: `translate(0 ${titleH + headerHeight})` }, [zoomable]),
    h('g', { transform: `translate(0 ${titleH})` }, [parts.header]),
    h('g', { class: 'legend', transform: `translate(${contentWidth + 24} ${titleH + headerHeight + g.topPad})` }, [legend.node]),
  ]);
  return { root, width, height, contentWidth, contentHeight, headerHeight };
}

function patterns(): VNode {
  return h('defs', {}, [
    h('pattern', { id: 'kx-hatch-unaccepted', width: 7, height: 7, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
      h('line', { x1: 0, y1: 0, x2: 0, y2: 7 }),
    ]),
    h('pattern', { id: 'kx-hatch-guard', width: 5, height: 5, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(-45)' }, [
      h('line', { x1: 0, y1: 0, x2: 0, y2: 5 }),
    ]),
  ]);
}

function laneHeads(cols: Columns): VNode[] {
  const g = geometry;
  const y = g.headRowH / 2;
  const head = (x: number, text: string, anchor?: string) => h('text', { class: 'lane-head', x, y, 'text-anchor': anchor }, [], text);
  return [
    head(g.rulerW - 4, 'address', 'end'),
    head(g.regionX + 4, 'regions'),
    cols.hasAccept && head(cols.acceptX + 2, 'accept'),
    head(cols.segX + 4, 'segments'),
  ].filter((n): n is VNode => !!n);
}

/** Tick labels as items (built once their room, zoomed, fits a line); the marks merged in one path. */
function rulerLayer(layout: Layout, Y: (y: number) => number): SceneLayer {
  const g = geometry;
  const x = g.rulerW - 5;
  const marks: AggSpec = { key: 'ticks', x, w: g.regionX - x, line: true, always: true, path: { class: 'ticks' }, group: {} };
  const { addr, y: ys, room: rooms } = layout.ruler;
  const items = new Items(addr.length);
  for (let i = 0; i < addr.length; i++) {
    const y = Y(ys[i]);
    const room = rooms[i];
    items.set(i, y - 8, y + 8, room, y, undefined, marks);
    items.minZoom[i] = MIN_LABEL_PX / room;
    items.aggMinZoom[i] = MIN_OUTLINE_PX / room;
  }
  const label = (i: number) =>
    h('text', { class: 'tick hex lod', x: g.rulerW - 8, y: Y(ys[i]), ...lod(rooms[i], Y(ys[i])) }, [], formatHex(addr[i]));
  const group = h('g', { class: 'ruler', 'aria-hidden': 'true' }, [
    h('line', { class: 'axis', x1: g.rulerW, y1: Y(0), x2: g.rulerW, y2: Y(layout.height) }),
  ]);
  return items.layer(group, label, {
    alwaysBuild: true,
    thresholds: true,
    full: () => [
      h('path', { class: 'ticks', d: Array.from(ys, (y) => `M${x} ${fmt(Y(y))}H${g.regionX}`).join('') }),
      ...addr.map((_, i) => label(i)),
    ],
  });
}

function breaksLayer(layout: Layout, Y: (y: number) => number, width: number): SceneLayer {
  const items = new Items(layout.breaks.length);
  layout.breaks.forEach((b, i) => items.set(i, Y(b.y0), Y(b.y1), b.y1 - b.y0, Y((b.y0 + b.y1) / 2), undefined, undefined));
  return items.layer(h('g', { class: 'breaks' }), (i) => gapBreak(layout.breaks[i], Y, width));
}

function gapBreak(b: Placed, Y: (y: number) => number, width: number): VNode {
  const g = geometry;
  const y0 = Y(b.y0);
  const y1 = Y(b.y1);
  const zig = (y: number) => {
    const pts: string[] = [];
    for (let x = g.rulerW - 14, i = 0; x <= width; x += 8, i++) pts.push(`${x},${(y + (i % 2 ? 2.5 : -2.5)).toFixed(1)}`);
    return pts.join(' ');
  };
  const size = b.end - b.start;
  const title = `gap of ${formatSize(size)}: nothing described from ${formatRange(b.start, b.end)}`;
  return h('g', { class: 'gap-break', ...lod(y1 - y0, (y0 + y1) / 2), role: 'img', 'aria-label': title }, [
    h('title', {}, [], title),
    h('rect', { class: 'gap-bg', x: g.rulerW - 14, y: y0, width: width - g.rulerW + 14, height: y1 - y0 }),
    h('polyline', { points: zig(y0 + 4) }),
    h('polyline', { points: zig(y1 - 4) }),
    h('text', { class: 'lod', x: g.regionX + g.regionW / 2, y: (y0 + y1) / 2, 'text-anchor': 'middle' }, [], `gap · ${formatSize(size)}`),
  ]);
}

/** Unaccepted memory hatched and accepted units tinted under the region bands. */
function shadesLayer(layout: Layout, Y: (y: number) => number): SceneLayer {
  const g = geometry;
  const spec = aggCache();
  const n = layout.unaccepted.length;
  const items = new Items(n + layout.accepted.length);
  const box = (i: number, p: Placed, cls: string) => items.set(i, Y(p.y0), Y(p.y0) + Math.max(p.y1 - p.y0, 1), 0, 0, undefined, spec(cls, g.regionX, g.regionW, { class: cls }));
  layout.unaccepted.forEach((u, i) => box(i, u, 'unaccepted'));
  layout.accepted.forEach((a, i) => box(n + i, a, a.range.guard ? 'accepted-shade guard' : 'accepted-shade'));
  return items.layer(h('g', { class: 'shades' }), (i) => {
    if (i < n) {
      const u = layout.unaccepted[i];
      return h('rect', { class: 'unaccepted', x: g.regionX, y: Y(u.y0), width: g.regionW, height: Math.max(u.y1 - u.y0, 1) });
    }
    const a = layout.accepted[i - n];
    return h('rect', { class: a.range.guard ? 'accepted-shade guard' : 'accepted-shade', x: g.regionX, y: Y(a.y0), width: g.regionW, height: Math.max(a.y1 - a.y0, 1) });
  });
}

/** Where a region's label goes: the centre of the tallest stretch its children leave free. */
function labelSpot(r: PlacedRegion, children: PlacedRegion[] | undefined): { y: number; room: number } {
  if (!children || children.length === 0) return { y: (r.y0 + r.y1) / 2, room: r.y1 - r.y0 };
  const spans = children.map((c) => [c.y0, c.y1] as const).sort((a, b) => a[0] - b[0]);
  let best = { y: (r.y0 + r.y1) / 2, room: 0 };
  let cursor = r.y0;
  for (const [a, b] of [...spans, [r.y1, r.y1] as const]) {
    if (a - cursor > best.room) best = { y: (cursor + a) / 2, room: a - cursor };
    cursor = Math.max(cursor, b);
  }
  return best;
}

function regionsLayer(layout: Layout, Y: (y: number) => number): SceneLayer {
  const g = geometry;
  const byParent = new Map<string, PlacedRegion[]>();
  for (const r of layout.regions) {
    if (r.region.parent === undefined) continue;
    const list = byParent.get(r.region.parent);
    if (list) list.push(r); else byParent.set(r.region.parent, [r]);
  }
  // Address order, a parent before the regions nested in it: children draw on top of their
  // parent, and Tab walks the map from the bottom up.
  const order = [...layout.regions].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || a.region.depth - b.region.depth || a.index - b.index);
  const spots = order.map((r) => labelSpot(r, byParent.get(r.region.id)));
  const depthOf = (r: PlacedRegion) => Math.max(0, Math.min(r.region.depth, 8));
  const spec = aggCache();
  const items = new Items(order.length);
  for (let i = 0; i < order.length; i++) {
    const r = order[i];
    const depth = depthOf(r);
    const type = r.region.type;
    const agg = spec(depth + ' ' + type, g.regionX + depth * g.nestInset, g.regionW - 2 * depth * g.nestInset, { class: 'band' }, { 'data-type': type });
    items.set(i, Y(r.y0), Y(r.y0) + Math.max(r.y1 - r.y0, 1), spots[i].room, Y(spots[i].y), r.region.id, agg);
  }
  const build = (i: number): VNode => {
    const r = order[i];
    const reg = r.region;
    const depth = depthOf(r);
    const x = g.regionX + depth * g.nestInset;
    const w = g.regionW - 2 * depth * g.nestInset;
    const typeName = REGION_TYPE_NAMES[reg.type] ?? reg.type;
    const range = formatRange(r.start, r.end);
    const size = formatSize(r.end - r.start);
    const spot = spots[i];
    const rangeW = range.length * g.hexCharW;
    const typeW = (reg.type.length + 1) * g.charW;
    const sizeW = (size.length + 2) * g.charW;
    // In a narrow column the range text goes first (the tooltip, aria label and table keep it);
    // then the label wins over the size when room is short.
    const showRange = w - 22 - g.edgeW - typeW - sizeW >= rangeW;
    const labelRoom = w - 22 - g.edgeW - (showRange ? rangeW : 0) - typeW;
    const showSize = labelRoom >= sizeW && (!reg.label || reg.label.length * g.charW <= labelRoom - sizeW);
    const labelText = reg.label ? clip(reg.label, showSize ? labelRoom - sizeW : labelRoom, g.charW) : '';
    const description = `${typeName}${reg.label ? ` “${reg.label}”` : ''}, ${range}, ${size}`;
    return h('g', {
      class: 'region', 'data-id': reg.id, 'data-type': reg.type,
      ...lod(spot.room, Y(spot.y)), tabindex: '0', role: 'button', 'aria-label': `region ${description}`,
    }, [
      // A nested band sits on an opaque backing so its colour reads as in the legend.
      depth > 0 ? h('rect', { class: 'band-bg', x, y: Y(r.y0), width: w, height: Math.max(r.y1 - r.y0, 1) }) : null,
      h('rect', { class: 'band', x, y: Y(r.y0), width: w, height: Math.max(r.y1 - r.y0, 1) }),
      h('text', { class: 'label lod', x: x + 6, y: Y(spot.y) }, [
        h('tspan', { class: 'type' }, [], reg.type),
        labelText ? h('tspan', {}, [], ` ${labelText}`) : null,
        showSize ? h('tspan', { class: 'dim' }, [], `  ${size}`) : null,
      ]),
      showRange ? h('text', { class: 'hex lod', x: x + w - g.edgeW - 5, y: Y(spot.y), 'text-anchor': 'end' }, [], range) : null,
    ]);
  };
  return items.layer(h('g', { class: 'regions' }), build);
}

function acceptLayer(layout: Layout, Y: (y: number) => number, cols: Columns): SceneLayer {
  const g = geometry;
  const x = cols.acceptX;
  const spec = aggCache();
  const n = layout.unaccepted.length;
  const items = new Items(n + layout.accepted.length);
  layout.unaccepted.forEach((u, i) => items.set(i, Y(u.y0), Y(u.y0) + Math.max(u.y1 - u.y0, 1), 0, 0, `u${u.index}`,
    spec('unaccepted lane', x, g.acceptW, { class: 'unaccepted lane' })));
  layout.accepted.forEach((a, i) => {
    const cls = a.range.guard ? 'accepted guard' : 'accepted';
    items.set(n + i, Y(a.y0), Y(a.y0) + Math.max(a.y1 - a.y0, 1), a.y1 - a.y0, Y((a.y0 + a.y1) / 2), `a${a.index}`, spec(cls, x + 4, g.acceptW - 8, { class: cls }));
  });
  const build = (i: number): VNode => {
    if (i < n) {
      const u = layout.unaccepted[i];
      const text = `unaccepted memory ${formatRange(u.start, u.end)}, ${formatSize(u.end - u.start)}`;
      return h('g', { class: 'unaccepted-range', 'data-id': `u${u.index}`, tabindex: '0', role: 'button', 'aria-label': text }, [
        h('title', {}, [], text),
        h('rect', { class: 'unaccepted lane', x, y: Y(u.y0), width: g.acceptW, height: Math.max(u.y1 - u.y0, 1) }),
      ]);
    }
    const a = layout.accepted[i - n];
    const what = a.range.guard ? 'guard unit accepted' : 'accepted';
    const text = `${what} during the load of ${a.range.segment}: ${formatRange(a.start, a.end)}, ${formatSize(a.end - a.start)}`;
    const cls = a.range.guard ? 'accepted guard' : 'accepted';
    return h('g', { class: 'accepted-range', 'data-id': `a${a.index}`, 'data-guard': String(a.range.guard), ...lod(a.y1 - a.y0, Y((a.y0 + a.y1) / 2)), tabindex: '0', role: 'button', 'aria-label': text }, [
      h('title', {}, [], text),
      h('rect', { class: cls, x: x + 4, y: Y(a.y0), width: g.acceptW - 8, height: Math.max(a.y1 - a.y0, 1) }),
      h('text', { class: 'lod', x: x + 8, y: Y((a.y0 + a.y1) / 2) }, [], a.range.guard ? 'guard' : 'accept'),
    ]);
  };
  return items.layer(h('g', { class: 'acceptance' }), build);
}

function segmentLabel(name: string, extra: string, severity: MapSeverity | null, width: number): VNode[] {
  const g = geometry;
  const sev = severity ? `${SEVERITY_WORD[severity]} ` : '';
  const room = width - 12 - sev.length * g.charW;
  // The name comes first: the address is dropped (it is in the tooltip and the table) before
  // the name is cut.
  const withHex = name.length * g.charW <= room - (extra.length + 1) * g.hexCharW;
  return [
    severity ? h('tspan', { class: 'sev' }, [], sev) : null,
    h('tspan', { class: 'name' }, [], clip(name, Math.max(room, 4 * g.charW), g.charW)),
    withHex ? h('tspan', { class: 'hex dim' }, [], ` ${extra}`) : null,
  ].filter((n): n is VNode => !!n);
}

function segmentDescription(name: string, range: string, size: string, auto: boolean, severity: MapSeverity | null, messages: string[]): string {
  const head = `segment ${name}, ${range}, ${size}${auto ? ', placed by the hole search' : ''}`;
  return severity ? `${head}; ${severity}: ${messages.join(' ')}` : head;
}

/** Room for each segment's label: its height, or more when its lane neighbours' labels are far off. */
function segmentRooms(layout: Layout): Map<PlacedSegment, number> {
  const rooms = new Map<PlacedSegment, number>();
  const byLane = new Map<number, PlacedSegment[]>();
  for (const s of layout.segments) {
    const list = byLane.get(s.lane);
    if (list) list.push(s); else byLane.set(s.lane, [s]);
  }
  const mid = (s: PlacedSegment) => (s.y0 + s.y1) / 2;
  for (const list of byLane.values()) {
    list.sort((a, b) => mid(a) - mid(b));
    list.forEach((s, i) => {
      const prev = i > 0 ? mid(s) - mid(list[i - 1]) : Infinity;
      const next = i < list.length - 1 ? mid(list[i + 1]) - mid(s) : Infinity;
      rooms.set(s, Math.max(s.y1 - s.y0, Math.min(prev, next)));
    });
  }
  return rooms;
}

/** A segment's box: at least a marker's height, centred on a thinner extent. */
function segmentBox(s: PlacedSegment): { y0: number; hgt: number } {
  const tall = s.y1 - s.y0;
  return { y0: tall < geometry.markerH ? (s.y0 + s.y1) / 2 - geometry.markerH / 2 : s.y0, hgt: Math.max(tall, geometry.markerH) };
}

function segmentsLayer(layout: Layout, Y: (y: number) => number, cols: Columns): SceneLayer {
  const g = geometry;
  const rooms = segmentRooms(layout);
  const spec = aggCache();
  const laneX = (s: PlacedSegment) => cols.segX + s.lane * (g.laneW + g.laneGap);
  const items = new Items(layout.segments.length);
  layout.segments.forEach((s, i) => {
    const { y0, hgt } = segmentBox(s);
    const sev = s.segment.severity ?? undefined;
    items.set(i, Y(y0), Y(y0) + hgt, rooms.get(s) ?? hgt, Y(y0), s.segment.id,
      spec(`${s.lane} ${sev ?? ''}`, laneX(s), g.laneW, { class: 'seg' }, { class: 'seg-agg', 'data-severity': sev }));
  });
  const build = (i: number): VNode => {
    const s = layout.segments[i];
    const seg = s.segment;
    const x = laneX(s);
    const empty = s.end <= s.start;
    const { y0, hgt } = segmentBox(s);
    const range = formatRange(s.start, s.end);
    const size = formatSize(s.end - s.start);
    const description = segmentDescription(seg.name, range, size, seg.auto, seg.severity, seg.messages);
    const title = [`${seg.name}: ${range} (${size})${seg.auto ? ', auto' : ''}${empty ? ', zero length' : ''}`, ...seg.messages].join('\n');
    return h('g', {
      class: seg.auto ? 'segment auto' : 'segment', 'data-id': seg.id, 'data-name': seg.name,
      'data-severity': seg.severity ?? undefined, ...lod(rooms.get(s) ?? hgt, Y(y0)),
      tabindex: '0', role: 'button', 'aria-label': description,
    }, [
      h('title', {}, [], title),
      h('rect', { class: 'seg', x, y: Y(y0), width: g.laneW, height: hgt }),
      // Hung from the box's top edge by a fixed 10 px (dy stays unscaled under zoom): centred in a
      // normal box, just below a box zoomed down to a line rather than struck through by it.
      h('text', { class: 'lod', x: x + 6, y: Y(y0), dy: 10 }, segmentLabel(seg.name, formatHex(s.start), seg.severity, g.laneW)),
    ]);
  };
  return items.layer(h('g', { class: 'segments' }), build);
}

/**
 * Each segment's extent laid over the region column: a light tint from the regions to its lane and
 * a solid bar on the column's right edge. Drawn under the segment boxes, so a far lane's tint
 * never crosses a nearer lane's label. Two items per segment: the tint, then the bar.
 */
function overlaysLayer(layout: Layout, Y: (y: number) => number, cols: Columns): SceneLayer {
  const g = geometry;
  const spec = aggCache();
  const items = new Items(layout.segments.length * 2);
  const rect = (i: number): { cls: string; x: number; w: number; y: number; hgt: number; sev?: string } => {
    const s = layout.segments[i >> 1];
    const { y0, hgt } = segmentBox(s);
    const sev = s.segment.severity ?? undefined;
    if (i & 1) return { cls: 'overlay-edge', x: g.regionX + g.regionW - g.edgeW, w: g.edgeW, y: Y(y0), hgt, sev };
    return { cls: 'overlay', x: g.regionX, w: cols.segX + s.lane * (g.laneW + g.laneGap) - g.regionX, y: Y(y0), hgt, sev };
  };
  for (let i = 0; i < items.count; i++) {
    const r = rect(i);
    items.set(i, r.y, r.y + r.hgt, 0, 0, undefined, spec(`${r.cls} ${r.x} ${r.w} ${r.sev ?? ''}`, r.x, r.w, { class: r.cls, 'data-severity': r.sev }));
  }
  return items.layer(h('g', { class: 'overlays', 'aria-hidden': 'true' }), (i) => {
    const r = rect(i);
    return h('rect', { class: r.cls, 'data-severity': r.sev, x: r.x, y: r.y, width: r.w, height: r.hgt });
  });
}

function unplacedBlock(layout: Layout, cols: Columns): VNode {
  const g = geometry;
  const rows = layout.unplaced.map(({ segment: seg }, i) => {
    const y = g.headRowH + (i + 0.5) * g.unplacedRowH;
    const text = `segment ${seg.name}, not placed: no hole found${seg.severity ? `; ${seg.severity}: ${seg.messages.join(' ')}` : ''}`;
    return h('g', {
      class: 'segment unplaced', 'data-id': seg.id, 'data-name': seg.name, 'data-severity': seg.severity ?? undefined,
      tabindex: '0', role: 'button', 'aria-label': text,
    }, [
      h('title', {}, [], [`${seg.name}: not placed`, ...seg.messages].join('\n')),
      h('rect', { class: 'seg', x: cols.segX, y: y - g.unplacedRowH / 2 + 2, width: g.laneW, height: g.unplacedRowH - 4 }),
      h('text', { x: cols.segX + 6, y }, segmentLabel(seg.name, 'not placed', seg.severity, g.laneW)),
    ]);
  });
  return h('g', { class: 'unplaced-block' }, [
    h('text', { class: 'lane-head', x: cols.segX - 8, y: g.headRowH + g.unplacedRowH / 2, 'text-anchor': 'end' }, [], `not placed (${layout.unplaced.length}) →`),
    ...rows,
  ]);
}

// ---- Legend ------------------------------------------------------------------------------------

export interface LegendItem { key: string; label: string; swatch: VNode }

/** Swatches for what this model contains: region types, acceptance marks, segment severities, breaks. */
export function legendItems(model: MapModel, layout?: Layout): LegendItem[] {
  const items: LegendItem[] = [];
  const rect = (cls: string, extra: Record<string, string> = {}) => h('rect', { class: cls, x: 1, y: 1, width: 16, height: 10, ...extra });
  const present = new Set<string>();
  for (const r of model.regions) present.add(r.type);
  const types = [...REGION_TYPES.filter((t) => present.has(t)), ...[...present].filter((t) => !(REGION_TYPES as readonly string[]).includes(t)).sort()];
  for (const t of types) {
    items.push({ key: `type-${t}`, label: REGION_TYPE_NAMES[t] ?? t, swatch: h('g', { 'data-type': t }, [rect('band')]) });
  }
  if (model.unaccepted.length > 0) items.push({ key: 'unaccepted', label: 'unaccepted', swatch: rect('unaccepted lane') });
  if (model.accepted.some((a) => !a.guard)) items.push({ key: 'accepted', label: 'accepted by the load', swatch: rect('accepted') });
  if (model.accepted.some((a) => a.guard)) items.push({ key: 'guard', label: 'guard unit', swatch: rect('accepted guard') });
  if (model.segments.length > 0) items.push({ key: 'segment', label: 'segment', swatch: h('g', { class: 'segment' }, [rect('seg')]) });
  for (const sev of ['error', 'warning', 'information'] as const) {
    if (model.segments.some((s) => s.severity === sev || (sev === 'information' && s.severity === 'hint'))) {
      items.push({ key: `sev-${sev}`, label: `segment with ${sev === 'information' ? 'info' : sev}`, swatch: h('g', { class: 'segment', 'data-severity': sev }, [rect('seg')]) });
    }
  }
  if (!layout || layout.breaks.length > 0) {
    items.push({ key: 'gap', label: 'gap (compressed)', swatch: h('g', { class: 'gap-break' }, [h('polyline', { points: '1,4 5,1 9,4 13,1 17,4' }), h('polyline', { points: '1,11 5,8 9,11 13,8 17,11' })]) });
  }
  return items;
}

function legendSvg(model: MapModel, layout: Layout): { node: VNode; width: number; height: number } {
  const items = legendItems(model, layout);
  const rowH = 18;
  const nodes = items.map((it, i) => h('g', { class: 'legend-item', transform: `translate(0 ${i * rowH})` }, [
    it.swatch,
    h('text', { x: 24, y: 6 }, [], it.label),
  ]));
  let widest = 0;
  for (const it of items) widest = Math.max(widest, it.label.length);
  const width = 24 + widest * geometry.charW + 8;
  return { node: h('g', { class: 'kexec-legend' }, [h('text', { class: 'title', x: 0, y: -14 }, [], 'Legend'), ...nodes]), width, height: items.length * rowH + 20 };
}
