// The same data as the picture, as a table: screen-reader friendly, copyable, one row per item.
// It is the complete accessible list of the map's items; big maps show it a page at a time
// (rows are built per page, never all at once).

import type { MapModel } from '../../common/src/render/mapModel';
import { formatHex, formatSize, parseHex } from '../../common/src/render/address';
import { REGION_TYPE_NAMES } from '../../common/src/render/style';
import { h, type VNode } from '../../common/src/render/vnode';

const HEADERS = ['Kind', 'Name', 'Type', 'Start', 'Last byte', 'Size', 'Severity', 'Notes'];

/** Rows per page of the webview's table. */
export const TABLE_PAGE = 500;

function row(id: string, cells: Array<string | VNode>, extra: Record<string, string> = {}): VNode {
  return h('tr', { 'data-id': id, ...extra }, cells.map((c, i) => {
    const attrs: Record<string, string> = {};
    if (i === 3 || i === 4) attrs.class = 'hex';
    if (i === 5) attrs.class = 'size';
    if (i === 6 && typeof c === 'string' && c) attrs.class = `sev-${c}`;
    return typeof c === 'string' ? h('td', attrs, [], c) : h('td', attrs, [c]);
  }));
}

function span(start: string, end: string): [string, string, string] {
  const s = parseHex(start);
  const e = parseHex(end);
  return [formatHex(s), e > s ? formatHex(e - 1n) : '—', formatSize(e > s ? e - s : 0n)];
}

/** A button so each row is reachable with Tab and opens its source with Enter. */
const revealButton = (id: string, text: string) => h('button', { type: 'button', 'data-reveal': id, title: 'Show the source line' }, [], text);

/** Rows: regions, unaccepted ranges, accepted units, segments, each in model order. */
export function tableRowCount(model: MapModel): number {
  return model.regions.length + model.unaccepted.length + model.accepted.length + model.segments.length;
}

/** The row index of an item id (-1 when there is none). */
export function tableRowIndex(model: MapModel, id: string): number {
  const r = model.regions.length;
  const u = model.unaccepted.length;
  const a = model.accepted.length;
  const n = Number(id.slice(1));
  if (/^u\d+$/.test(id) && n < u) return r + n;
  if (/^a\d+$/.test(id) && n < a) return r + u + n;
  const region = model.regions.findIndex((x) => x.id === id);
  if (region >= 0) return region;
  const seg = model.segments.findIndex((x) => x.id === id);
  return seg >= 0 ? r + u + a + seg : -1;
}

function rowAt(model: MapModel, k: number, extra: Record<string, string>): VNode {
  const r = model.regions.length;
  const u = model.unaccepted.length;
  const a = model.accepted.length;
  if (k < r) {
    const reg = model.regions[k];
    const [s, last, size] = span(reg.start, reg.end);
    const name = reg.label ?? REGION_TYPE_NAMES[reg.type] ?? reg.type;
    return row(reg.id, [reg.depth > 0 ? `region (nested ${reg.depth})` : 'region', revealButton(reg.id, name), reg.type, s, last, size, '', ''], extra);
  }
  k -= r;
  if (k < u) {
    const [s, last, size] = span(model.unaccepted[k].start, model.unaccepted[k].end);
    return row(`u${k}`, ['unaccepted', revealButton(`u${k}`, 'unaccepted memory'), '', s, last, size, '', ''], extra);
  }
  k -= u;
  if (k < a) {
    const acc = model.accepted[k];
    const [s, last, size] = span(acc.start, acc.end);
    return row(`a${k}`, [acc.guard ? 'guard unit' : 'accepted', revealButton(`a${k}`, acc.segment), '', s, last, size, '', 'accepted during the load'], extra);
  }
  const seg = model.segments[k - a];
  const [s, last, size] = seg.placed ? span(seg.start, seg.end) : ['—', '—', '—'];
  const notes = [seg.auto ? 'auto' : '', seg.placed ? '' : 'not placed', ...seg.messages].filter(Boolean).join('; ');
  return row(seg.id, ['segment', revealButton(seg.id, seg.name), '', s, last, size, seg.severity ?? '', notes], extra);
}

/**
 * The table of rows `from` (inclusive) to `to` (exclusive), all by default. A partial table says
 * which rows it holds, in its caption and with aria-rowcount/aria-rowindex.
 */
export function buildTable(model: MapModel, range: { from: number; to: number } = { from: 0, to: Infinity }): VNode {
  const total = tableRowCount(model);
  const from = Math.max(0, range.from);
  const to = Math.min(total, range.to);
  const partial = from > 0 || to < total;
  const rows: VNode[] = [];
  // Row 1 is the header row.
  for (let k = from; k < to; k++) rows.push(rowAt(model, k, partial ? { 'aria-rowindex': String(k + 2) } : {}));
  const caption = `Memory map of ${model.title}: regions, unaccepted memory, accepted units and segments${partial ? `, rows ${from + 1} to ${to} of ${total}` : ''}`;
  return h('table', { class: 'map-table', 'aria-rowcount': partial ? String(total + 1) : undefined }, [
    h('caption', { class: 'sr-only' }, [], caption),
    h('thead', {}, [h('tr', partial ? { 'aria-rowindex': '1' } : {}, HEADERS.map((t) => h('th', { scope: 'col' }, [], t)))]),
    h('tbody', {}, rows),
  ]);
}
