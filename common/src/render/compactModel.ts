// The memory-map model in the compact form the standalone page embeds (`kexec-layout map --out
// x.html`): the same data as MapModel, stored once and by column, so a 10,000-region page is
// smaller than the plain region JSON. The page's script decodes it back into a MapModel.
//
//  - Addresses: one string per list, two tokens per item, comma-separated, hex without "0x":
//    the item's start minus the previous item's end ("" for 0, "-" before a negative value),
//    then its end minus its start. Contiguous maps cost one token of a few digits per item.
//  - Source ranges: four numbers per item: start line minus the previous item's start line,
//    start character, end line minus start line, end character.
//  - Regions: type as an index into `types`, depth and parent (region index + 1, 0 for none)
//    only when some region has one, labels sparse (index steps and texts), ids only when they
//    are not "r" + index.
//  - Accepted units: segment names as indexes into `names`, guard as 0/1.
//  - Header fields and segments as in MapModel.
// The encoder returns null for a model it cannot store exactly (a non-canonical hex string, a
// parent that names no region): the page then embeds the plain model. The decoder checks every
// value it reads and throws on anything malformed; what it returns is a well-formed MapModel.

import type { MapAccepted, MapModel, MapRegion, MapSegment, MapUnaccepted, SourceRange } from './mapModel';
import { isMapModel } from './validateModel';

export interface CompactList {
  n: number;
  /** 2n comma-separated hex tokens (start delta, size). */
  addr: string;
}

export interface CompactModel {
  compact: 1;
  head: Omit<MapModel, 'regions' | 'unaccepted' | 'accepted' | 'segments'>;
  regions: CompactList & {
    types: string[];
    type: number[];
    depth?: number[];
    parent?: number[];
    ids?: string[];
    /** Index steps (first from -1) and the labels of the regions that have one. */
    labelAt?: number[];
    label?: string[];
    src: number[];
  };
  unaccepted: CompactList & { src: number[] };
  accepted: CompactList & { names: string[]; seg: number[]; guard: number[] };
  segments: MapSegment[];
}

const CANONICAL = /^0x(?:0|[1-9a-f][0-9a-f]*)$/;
const TWO_64 = 1n << 64n;
const SAFE = 2 ** 53;

export function isCompactModel(x: unknown): boolean {
  return typeof x === 'object' && x !== null && (x as { compact?: unknown }).compact === 1;
}

// ---- Encoding ------------------------------------------------------------------------------------

function token(v: bigint): string {
  if (v === 0n) return '';
  return v < 0n ? '-' + (-v).toString(16) : v.toString(16);
}

/** The address string of a list, or null when some hex string is not canonical. */
function encodeAddrs(items: ReadonlyArray<{ start: string; end: string }>): string | null {
  const out: string[] = new Array<string>(2 * items.length);
  let prev = 0n;
  for (let i = 0; i < items.length; i++) {
    const { start, end } = items[i];
    if (!CANONICAL.test(start) || !CANONICAL.test(end)) return null;
    const s = BigInt(start);
    const e = BigInt(end);
    out[2 * i] = token(s - prev);
    out[2 * i + 1] = token(e - s);
    prev = e;
  }
  return out.join(',');
}

function encodeSources(ranges: ReadonlyArray<SourceRange>): number[] {
  const out: number[] = new Array<number>(4 * ranges.length);
  let line = 0;
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    out[4 * i] = r.start.line - line;
    out[4 * i + 1] = r.start.character;
    out[4 * i + 2] = r.end.line - r.start.line;
    out[4 * i + 3] = r.end.character;
    line = r.start.line;
  }
  return out;
}

export function encodeCompactModel(model: MapModel): CompactModel | null {
  const { regions, unaccepted, accepted, segments, ...head } = model;
  const regionAddr = encodeAddrs(regions);
  const unacceptedAddr = encodeAddrs(unaccepted);
  const acceptedAddr = encodeAddrs(accepted);
  if (regionAddr === null || unacceptedAddr === null || acceptedAddr === null) return null;

  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const indexOfId = new Map<string, number>();
  let regularIds = true;
  for (let i = 0; i < regions.length; i++) {
    const id = regions[i].id;
    if (indexOfId.has(id)) return null;
    indexOfId.set(id, i);
    if (id !== 'r' + i) regularIds = false;
  }
  const type: number[] = new Array<number>(regions.length);
  const depth: number[] = new Array<number>(regions.length);
  const parent: number[] = new Array<number>(regions.length);
  const labelAt: number[] = [];
  const label: string[] = [];
  let nested = false;
  let parents = false;
  let lastLabel = -1;
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i];
    let t = typeIndex.get(r.type);
    if (t === undefined) { typeIndex.set(r.type, t = types.length); types.push(r.type); }
    type[i] = t;
    depth[i] = r.depth;
    if (r.depth !== 0) nested = true;
    if (r.parent !== undefined) {
      const p = indexOfId.get(r.parent);
      if (p === undefined) return null;
      parent[i] = p + 1;
      parents = true;
    } else parent[i] = 0;
    if (r.label !== undefined) {
      labelAt.push(i - lastLabel);
      label.push(r.label);
      lastLabel = i;
    }
  }
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const seg: number[] = new Array<number>(accepted.length);
  const guard: number[] = new Array<number>(accepted.length);
  for (let i = 0; i < accepted.length; i++) {
    const a = accepted[i];
    let k = nameIndex.get(a.segment);
    if (k === undefined) { nameIndex.set(a.segment, k = names.length); names.push(a.segment); }
    seg[i] = k;
    guard[i] = a.guard ? 1 : 0;
  }
  return {
    compact: 1,
    head,
    regions: {
      n: regions.length, addr: regionAddr, types, type,
      ...(nested ? { depth } : {}),
      ...(parents ? { parent } : {}),
      ...(regularIds ? {} : { ids: regions.map((r) => r.id) }),
      ...(label.length > 0 ? { labelAt, label } : {}),
      src: encodeSources(regions.map((r) => r.source)),
    },
    unaccepted: { n: unaccepted.length, addr: unacceptedAddr, src: encodeSources(unaccepted.map((u) => u.source)) },
    accepted: { n: accepted.length, addr: acceptedAddr, names, seg, guard },
    segments,
  };
}

// ---- Decoding ------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

function fail(what: string): never {
  throw new Error(`the embedded model is not a valid memory-map model (${what})`);
}

function obj(x: unknown, what: string): Obj {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(what);
  return x as Obj;
}

function count(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) fail(what);
  return x;
}

/** An array of `n` integers (each at least `min`), or of `n` zeros when absent and `optional`. */
function ints(x: unknown, n: number, what: string, min: number, optional = false): number[] {
  if (x === undefined && optional) return new Array<number>(n).fill(0);
  if (!Array.isArray(x) || x.length !== n) fail(what);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(what);
  }
  return x as number[];
}

function strings(x: unknown, n: number | null, what: string): string[] {
  if (!Array.isArray(x) || (n !== null && x.length !== n)) fail(what);
  for (const v of x) if (typeof v !== 'string') fail(what);
  return x as string[];
}

/** a + b exactly: doubles while the sum stays below 2^53, bigints beyond. */
function add(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r < SAFE && r > -SAFE) return r;
  }
  const r = BigInt(a) + BigInt(b);
  return r < BigInt(SAFE) && r > -BigInt(SAFE) ? Number(r) : r;
}

function hexOf(v: number | bigint, what: string): string {
  if (typeof v === 'number') {
    if (v < 0) fail(what);
    // BigInt#toString(16) is several times faster than Number#toString(16) on doubles.
    return '0x' + BigInt(v).toString(16);
  }
  if (v < 0n || v > TWO_64) fail(what);
  return '0x' + v.toString(16);
}

/** The starts and ends of a list, as wire hex strings. Tokens are read in place (no split). */
function decodeAddrs(list: Obj, what: string): { n: number; start: string[]; end: string[] } {
  const n = count(list.n, `${what}.n`);
  const s = list.addr;
  const bad = `${what}.addr`;
  if (typeof s !== 'string') fail(bad);
  const start: string[] = new Array<string>(n);
  const end: string[] = new Array<string>(n);
  if (n === 0) {
    if (s !== '') fail(bad);
    return { n, start, end };
  }
  let pos = 0;
  // The token at `pos` ("" is 0, "-" negates, at most 17 hex digits), then past its comma.
  const token = (): number | bigint => {
    if (pos > s.length) fail(bad); // fewer tokens than 2n
    let p = pos;
    const neg = s.charCodeAt(p) === 45;
    if (neg) p++;
    const from = p;
    let v = 0;
    for (; p < s.length; p++) {
      const c = s.charCodeAt(p);
      if (c >= 48 && c <= 57) v = v * 16 + (c - 48);
      else if (c >= 97 && c <= 102) v = v * 16 + (c - 87);
      else break;
    }
    if ((p < s.length && s.charCodeAt(p) !== 44) || p - from > 17) fail(bad);
    pos = p + 1;
    // Up to 13 digits the double is exact; longer ones are read again as a bigint.
    const r: number | bigint = p - from > 13 ? BigInt('0x' + s.slice(from, p)) : v;
    return neg ? (typeof r === 'number' ? -r : -r) : r;
  };
  let prev: number | bigint = 0;
  for (let i = 0; i < n; i++) {
    const a = add(prev, token());
    const b = add(a, token());
    start[i] = hexOf(a, bad);
    end[i] = hexOf(b, bad);
    prev = b;
  }
  if (pos !== s.length + 1) fail(bad); // more tokens than 2n
  return { n, start, end };
}

function decodeSources(x: unknown, n: number, what: string): SourceRange[] {
  if (!Array.isArray(x) || x.length !== 4 * n) fail(what);
  const out: SourceRange[] = new Array<SourceRange>(n);
  let line = 0;
  for (let i = 0; i < n; i++) {
    const dl = x[4 * i], sc = x[4 * i + 1], el = x[4 * i + 2], ec = x[4 * i + 3];
    if (typeof dl !== 'number' || !Number.isInteger(dl)) fail(what);
    line += dl;
    if (line < 0 || !isNat(sc) || !isNat(el) || !isNat(ec)) fail(what);
    out[i] = { start: { line, character: sc }, end: { line: line + el, character: ec } };
  }
  return out;
}

function isNat(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** The MapModel a compact model stores; throws on anything malformed. */
export function decodeCompactModel(x: unknown): MapModel {
  const c = obj(x, 'top');
  if (c.compact !== 1) fail('compact');
  const head = obj(c.head, 'head');
  if (!Array.isArray(c.segments)) fail('segments');
  // The header and the segments are plain MapModel parts: the same check as a model received.
  const shell = { ...head, regions: [], unaccepted: [], accepted: [], segments: c.segments };
  if (!isMapModel(shell)) fail('head or segments');

  const rl = obj(c.regions, 'regions');
  const ra = decodeAddrs(rl, 'regions');
  const n = ra.n;
  const types = strings(rl.types, null, 'regions.types');
  const type = ints(rl.type, n, 'regions.type', 0);
  const depth = ints(rl.depth, n, 'regions.depth', 0, true);
  const parent = ints(rl.parent, n, 'regions.parent', 0, true);
  const ids = rl.ids === undefined ? null : strings(rl.ids, n, 'regions.ids');
  const src = decodeSources(rl.src, n, 'regions.src');
  const regions: MapRegion[] = new Array<MapRegion>(n);
  const idOf = (i: number) => (ids ? ids[i] : 'r' + i);
  for (let i = 0; i < n; i++) {
    const t = types[type[i]];
    if (t === undefined) fail('regions.type');
    if (parent[i] > n) fail('regions.parent');
    const r: MapRegion = { id: idOf(i), start: ra.start[i], end: ra.end[i], type: t, depth: depth[i], source: src[i] };
    if (parent[i] > 0) r.parent = idOf(parent[i] - 1);
    regions[i] = r;
  }
  if (rl.label !== undefined || rl.labelAt !== undefined) {
    const label = strings(rl.label, null, 'regions.label');
    const at = ints(rl.labelAt, label.length, 'regions.labelAt', 1);
    let i = -1;
    for (let k = 0; k < label.length; k++) {
      i += at[k];
      if (i >= n) fail('regions.labelAt');
      regions[i].label = label[k];
    }
  }

  const ul = obj(c.unaccepted, 'unaccepted');
  const ua = decodeAddrs(ul, 'unaccepted');
  const usrc = decodeSources(ul.src, ua.n, 'unaccepted.src');
  const unaccepted: MapUnaccepted[] = new Array<MapUnaccepted>(ua.n);
  for (let i = 0; i < ua.n; i++) unaccepted[i] = { start: ua.start[i], end: ua.end[i], source: usrc[i] };

  const al = obj(c.accepted, 'accepted');
  const aa = decodeAddrs(al, 'accepted');
  const names = strings(al.names, null, 'accepted.names');
  const seg = ints(al.seg, aa.n, 'accepted.seg', 0);
  const guard = ints(al.guard, aa.n, 'accepted.guard', 0);
  const accepted: MapAccepted[] = new Array<MapAccepted>(aa.n);
  for (let i = 0; i < aa.n; i++) {
    const name = names[seg[i]];
    if (name === undefined || guard[i] > 1) fail('accepted');
    accepted[i] = { start: aa.start[i], end: aa.end[i], segment: name, guard: guard[i] === 1 };
  }
  return { ...(head as unknown as MapModel), regions, unaccepted, accepted, segments: c.segments as MapSegment[] };
}
