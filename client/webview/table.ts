// The same data as the picture, as a table: screen-reader friendly, copyable, one row per item.

import type { MapModel } from '../../server/src/render/mapModel';
import { formatHex, formatSize, parseHex } from '../../server/src/render/address';
import { REGION_TYPE_NAMES } from '../../server/src/render/style';
import { h, type VNode } from '../../server/src/render/vnode';

const HEADERS = ['Kind', 'Name', 'Type', 'Start', 'Last byte', 'Size', 'Severity', 'Notes'];

function row(id: string, cells: Array<string | VNode>, cls: string[] = []): VNode {
  return h('tr', { 'data-id': id }, cells.map((c, i) => {
    const attrs: Record<string, string> = {};
    if (i === 3 || i === 4) attrs.class = 'hex';
    if (i === 5) attrs.class = 'size';
    if (i === 6 && typeof c === 'string' && c) attrs.class = `sev-${c}`;
    if (cls[i]) attrs.class = cls[i];
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

export function buildTable(model: MapModel): VNode {
  const rows: VNode[] = [];
  for (const r of model.regions) {
    const [s, last, size] = span(r.start, r.end);
    const name = r.label ?? REGION_TYPE_NAMES[r.type] ?? r.type;
    rows.push(row(r.id, [r.depth > 0 ? `region (nested ${r.depth})` : 'region', revealButton(r.id, name), r.type, s, last, size, '', '']));
  }
  model.unaccepted.forEach((u, i) => {
    const [s, last, size] = span(u.start, u.end);
    rows.push(row(`u${i}`, ['unaccepted', revealButton(`u${i}`, 'unaccepted memory'), '', s, last, size, '', '']));
  });
  model.accepted.forEach((a, i) => {
    const [s, last, size] = span(a.start, a.end);
    rows.push(row(`a${i}`, [a.guard ? 'guard unit' : 'accepted', revealButton(`a${i}`, a.segment), '', s, last, size, '', 'accepted during the load']));
  });
  for (const seg of model.segments) {
    const [s, last, size] = seg.placed ? span(seg.start, seg.end) : ['—', '—', '—'];
    const notes = [seg.auto ? 'auto' : '', seg.placed ? '' : 'not placed', ...seg.messages].filter(Boolean).join('; ');
    rows.push(row(seg.id, ['segment', revealButton(seg.id, seg.name), '', s, last, size, seg.severity ?? '', notes]));
  }
  return h('table', { class: 'map-table' }, [
    h('caption', { class: 'sr-only' }, [], `Memory map of ${model.title}: regions, unaccepted memory, accepted units and segments`),
    h('thead', {}, [h('tr', {}, HEADERS.map((t) => h('th', { scope: 'col' }, [], t)))]),
    h('tbody', {}, rows),
  ]);
}
