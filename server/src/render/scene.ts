// Layout → element tree of the SVG picture. Columns, left to right: hex ruler, regions (nested
// ones inset inside their parents, unaccepted memory hatched underneath), the acceptance lane
// (unaccepted units, units the load accepts, guard units), then one lane per overlapping segment.
// Document text (labels, names, messages) only ever becomes `text` or an attribute value.

import type { MapModel, MapSeverity } from './mapModel';
import type { Layout, Placed, PlacedRegion, PlacedSegment } from './layout';
import { formatHex, formatHexPadded, formatRange, formatSize } from './address';
import { fmt, h, type VNode } from './vnode';
import { MAP_CSS, REGION_TYPE_NAMES, REGION_TYPES } from './style';

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

export interface SceneOptions {
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

interface Columns { acceptX: number; segX: number; width: number; hasAccept: boolean }

function columns(model: MapModel, layout: Layout): Columns {
  const g = GEOMETRY;
  const hasAccept = model.unaccepted.length > 0 || model.accepted.length > 0;
  const acceptX = g.regionX + g.regionW + g.columnGap;
  const segX = hasAccept ? acceptX + g.acceptW + g.columnGap : acceptX;
  const lanes = Math.max(layout.lanes, model.segments.length > 0 ? 1 : 0);
  const width = segX + lanes * (g.laneW + g.laneGap) + 8;
  return { acceptX, segX, width, hasAccept };
}

/** Items per chunk: big groups are split so the webview can stop drawing chunks far from view. */
export const CHUNK = 128;

/**
 * Wraps runs of CHUNK nodes in `<g class="chunk" data-y0 data-y1>` (their vertical extent, in
 * content coordinates). Small groups stay flat; the order of nodes, and so drawing and Tab order,
 * is unchanged.
 */
function chunked(nodes: VNode[], spans: Array<readonly [number, number]>): VNode[] {
  if (nodes.length <= CHUNK) return nodes;
  const out: VNode[] = [];
  for (let i = 0; i < nodes.length; i += CHUNK) {
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let j = i; j < Math.min(i + CHUNK, nodes.length); j++) {
      y0 = Math.min(y0, spans[j][0]);
      y1 = Math.max(y1, spans[j][1]);
    }
    out.push(h('g', { class: 'chunk', 'data-y0': Math.floor(y0), 'data-y1': Math.ceil(y1) }, nodes.slice(i, i + CHUNK)));
  }
  return out;
}

/**
 * Level-of-detail hints for the webview: `data-room` is the unzoomed height an item's text has and
 * `data-ly` the y of that text. The webview shows `.lod` text only for items near the view whose
 * room, zoomed, fits a line, and keeps that text upright under the vertical zoom.
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

export function buildScene(model: MapModel, layout: Layout, options: SceneOptions = {}): Scene {
  const g = GEOMETRY;
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
  const content: VNode[] = [];
  content.push(h('g', { class: 'breaks' }, chunked(layout.breaks.map((b) => gapBreak(b, Y, cols.width)), layout.breaks.map((b) => [Y(b.y0), Y(b.y1)] as const))));
  content.push(ruler(layout, Y));
  content.push(h('g', { class: 'shades' }, [
    ...layout.unaccepted.map((u) => h('rect', { class: 'unaccepted', x: g.regionX, y: Y(u.y0), width: g.regionW, height: Math.max(u.y1 - u.y0, 1) })),
    ...layout.accepted.map((a) => h('rect', { class: a.range.guard ? 'accepted-shade guard' : 'accepted-shade', x: g.regionX, y: Y(a.y0), width: g.regionW, height: Math.max(a.y1 - a.y0, 1) })),
  ]));
  content.push(regionsGroup(layout, Y));
  if (cols.hasAccept) content.push(acceptLane(layout, Y, cols));
  content.push(overlaysGroup(layout, Y, cols));
  content.push(segmentsGroup(layout, Y, cols));

  const zoomable = h('g', { class: 'zoomable' }, content);
  const defs = patterns();
  const label = `Memory map of ${model.title}`;

  if (!options.standalone) {
    const root = h('svg', { class: 'kexec-map', role: 'group', 'aria-label': label }, [defs, h('g', { class: 'viewport' }, [zoomable]), header]);
    return { root, width: cols.width, height: headerHeight + contentHeight, contentWidth: cols.width, contentHeight, headerHeight };
  }

  const titleH = 44;
  const legend = legendSvg(model, layout);
  const width = cols.width + 24 + legend.width;
  const height = titleH + headerHeight + Math.max(contentHeight, legend.height + 8);
  const root = h('svg', {
    xmlns: SVG_NS, class: 'kexec-map', role: 'group', 'aria-label': label,
    width, height, viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`,
  }, [
    h('title', {}, [], label),
    h('style', {}, [], MAP_CSS),
    defs,
    h('rect', { x: 0, y: 0, width, height, fill: 'var(--vscode-editor-background, #ffffff)' }),
    h('text', { class: 'title', x: 8, y: 14 }, [], `${model.title} — ${model.arch}, ${model.syscall}${model.kernel ? `, kernel ${model.kernel}` : ''}`),
    h('text', { x: 8, y: 32 }, [], model.outcome.summary),
    h('g', { class: 'viewport', transform: `translate(0 ${titleH + headerHeight})` }, [zoomable]),
    h('g', { transform: `translate(0 ${titleH})` }, [header]),
    h('g', { class: 'legend', transform: `translate(${cols.width + 24} ${titleH + headerHeight + g.topPad})` }, [legend.node]),
  ]);
  return { root, width, height, contentWidth: cols.width, contentHeight, headerHeight };
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
  const g = GEOMETRY;
  const y = g.headRowH / 2;
  const head = (x: number, text: string, anchor?: string) => h('text', { class: 'lane-head', x, y, 'text-anchor': anchor }, [], text);
  return [
    head(g.rulerW - 4, 'address', 'end'),
    head(g.regionX + 4, 'regions'),
    cols.hasAccept && head(cols.acceptX + 2, 'accept'),
    head(cols.segX + 4, 'segments'),
  ].filter((n): n is VNode => !!n);
}

function ruler(layout: Layout, Y: (y: number) => number): VNode {
  const g = GEOMETRY;
  // Per chunk of ticks: one path for the marks, one text per tick.
  const groups: VNode[] = [];
  for (let i = 0; i < layout.ticks.length; i += CHUNK) {
    const ticks = layout.ticks.slice(i, i + CHUNK);
    const marks = ticks.map((t) => `M${g.rulerW - 5} ${fmt(Y(t.y))}H${g.regionX}`).join('');
    const labels = ticks.map((t) =>
      h('text', { class: 'tick hex lod', x: g.rulerW - 8, y: Y(t.y), ...lod(t.room, Y(t.y)) }, [], formatHexPadded(t.addr, layout.wide)));
    const nodes = [h('path', { class: 'ticks', d: marks }), ...labels];
    if (layout.ticks.length <= CHUNK) groups.push(...nodes);
    else groups.push(h('g', { class: 'chunk', 'data-y0': Math.floor(Y(ticks[ticks.length - 1].y)) - 8, 'data-y1': Math.ceil(Y(ticks[0].y)) + 8 }, nodes));
  }
  return h('g', { class: 'ruler', 'aria-hidden': 'true' }, [
    h('line', { class: 'axis', x1: g.rulerW, y1: Y(0), x2: g.rulerW, y2: Y(layout.height) }),
    ...groups,
  ]);
}

function gapBreak(b: Placed, Y: (y: number) => number, width: number): VNode {
  const g = GEOMETRY;
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

function regionsGroup(layout: Layout, Y: (y: number) => number): VNode {
  const g = GEOMETRY;
  const byParent = new Map<string, PlacedRegion[]>();
  for (const r of layout.regions) {
    if (r.region.parent === undefined) continue;
    const list = byParent.get(r.region.parent);
    if (list) list.push(r); else byParent.set(r.region.parent, [r]);
  }
  // Address order, a parent before the regions nested in it: children draw on top of their
  // parent, and Tab walks the map from the bottom up.
  const order = [...layout.regions].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || a.region.depth - b.region.depth || a.index - b.index);
  const nodes = order.map((r) => {
    const reg = r.region;
    const depth = Math.max(0, Math.min(reg.depth, 8));
    const x = g.regionX + depth * g.nestInset;
    const w = g.regionW - 2 * depth * g.nestInset;
    const typeName = REGION_TYPE_NAMES[reg.type] ?? reg.type;
    const range = formatRange(r.start, r.end);
    const size = formatSize(r.end - r.start);
    const spot = labelSpot(r, byParent.get(reg.id));
    const rangeW = range.length * g.hexCharW;
    const typeW = (reg.type.length + 1) * g.charW;
    const sizeW = (size.length + 2) * g.charW;
    // The label wins over the size (which the range and tooltip also give) when room is short.
    const labelRoom = w - 22 - g.edgeW - rangeW - typeW;
    const showSize = !reg.label || reg.label.length * g.charW <= labelRoom - sizeW;
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
      h('text', { class: 'hex lod', x: x + w - g.edgeW - 5, y: Y(spot.y), 'text-anchor': 'end' }, [], range),
    ]);
  });
  return h('g', { class: 'regions' }, chunked(nodes, order.map((r) => [Y(r.y0), Y(r.y1)] as const)));
}

function acceptLane(layout: Layout, Y: (y: number) => number, cols: Columns): VNode {
  const g = GEOMETRY;
  const x = cols.acceptX;
  const unaccepted = layout.unaccepted.map((u) => {
    const text = `unaccepted memory ${formatRange(u.start, u.end)}, ${formatSize(u.end - u.start)}`;
    return h('g', { class: 'unaccepted-range', 'data-id': `u${u.index}`, tabindex: '0', role: 'button', 'aria-label': text }, [
      h('title', {}, [], text),
      h('rect', { class: 'unaccepted lane', x, y: Y(u.y0), width: g.acceptW, height: Math.max(u.y1 - u.y0, 1) }),
    ]);
  });
  const accepted = layout.accepted.map((a) => {
    const what = a.range.guard ? 'guard unit accepted' : 'accepted';
    const text = `${what} during the load of ${a.range.segment}: ${formatRange(a.start, a.end)}, ${formatSize(a.end - a.start)}`;
    const cls = a.range.guard ? 'accepted guard' : 'accepted';
    return h('g', { class: 'accepted-range', 'data-id': `a${a.index}`, 'data-guard': String(a.range.guard), ...lod(a.y1 - a.y0, Y((a.y0 + a.y1) / 2)), tabindex: '0', role: 'button', 'aria-label': text }, [
      h('title', {}, [], text),
      h('rect', { class: cls, x: x + 4, y: Y(a.y0), width: g.acceptW - 8, height: Math.max(a.y1 - a.y0, 1) }),
      h('text', { class: 'lod', x: x + 8, y: Y((a.y0 + a.y1) / 2) }, [], a.range.guard ? 'guard' : 'accept'),
    ]);
  });
  return h('g', { class: 'acceptance' }, [...unaccepted, ...accepted]);
}

function segmentLabel(name: string, extra: string, severity: MapSeverity | null, width: number): VNode[] {
  const g = GEOMETRY;
  const sev = severity ? `${SEVERITY_WORD[severity]} ` : '';
  const nameRoom = width - 12 - (extra.length + 1) * g.hexCharW - sev.length * g.charW;
  return [
    severity ? h('tspan', { class: 'sev' }, [], sev) : null,
    h('tspan', { class: 'name' }, [], clip(name, Math.max(nameRoom, 4 * g.charW), g.charW)),
    h('tspan', { class: 'hex dim' }, [], ` ${extra}`),
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

function segmentsGroup(layout: Layout, Y: (y: number) => number, cols: Columns): VNode {
  const g = GEOMETRY;
  const rooms = segmentRooms(layout);
  const nodes = layout.segments.map((s) => {
    const seg = s.segment;
    const x = cols.segX + s.lane * (g.laneW + g.laneGap);
    const empty = s.end <= s.start;
    const tall = s.y1 - s.y0;
    const y0 = tall < g.markerH ? (s.y0 + s.y1) / 2 - g.markerH / 2 : s.y0;
    const hgt = Math.max(tall, g.markerH);
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
  });
  return h('g', { class: 'segments' }, nodes);
}

/**
 * Each segment's extent laid over the region column: a light tint from the regions to its lane and
 * a solid bar on the column's right edge. Drawn under the segment boxes, so a far lane's tint
 * never crosses a nearer lane's label.
 */
function overlaysGroup(layout: Layout, Y: (y: number) => number, cols: Columns): VNode {
  const g = GEOMETRY;
  const nodes: VNode[] = [];
  for (const s of layout.segments) {
    const x = cols.segX + s.lane * (g.laneW + g.laneGap);
    const tall = s.y1 - s.y0;
    const y0 = tall < g.markerH ? (s.y0 + s.y1) / 2 - g.markerH / 2 : s.y0;
    const hgt = Math.max(tall, g.markerH);
    const sev = s.segment.severity ?? undefined;
    nodes.push(
      h('rect', { class: 'overlay', 'data-severity': sev, x: g.regionX, y: Y(y0), width: x - g.regionX, height: hgt }),
      h('rect', { class: 'overlay-edge', 'data-severity': sev, x: g.regionX + g.regionW - g.edgeW, y: Y(y0), width: g.edgeW, height: hgt }),
    );
  }
  return h('g', { class: 'overlays', 'aria-hidden': 'true' }, nodes);
}

function unplacedBlock(layout: Layout, cols: Columns): VNode {
  const g = GEOMETRY;
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
  const present = new Set(model.regions.map((r) => r.type));
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
  const width = 24 + Math.max(0, ...items.map((it) => it.label.length)) * GEOMETRY.charW + 8;
  return { node: h('g', { class: 'kexec-legend' }, [h('text', { class: 'title', x: 0, y: -14 }, [], 'Legend'), ...nodes]), width, height: items.length * rowH + 20 };
}
