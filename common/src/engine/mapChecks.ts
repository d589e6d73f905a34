// Findings about the memory map and the unaccepted ranges themselves (not about segments): partial
// region overlaps, crashkernel placement, unaccepted ranges that are unaligned, outside RAM or in
// the crash region. Each is one pass over its input (the map answers range queries by binary search).

import type { Ctx } from './passes';
import { WRITABLE_TYPES, type Region } from './memoryMap';
import { human, span } from './format';

export function mapFindings(ctx: Ctx): void {
  const { map, layout } = ctx;
  for (const { a, b } of map.overlaps) {
    ctx.push({
      code: 'memory/region-overlap',
      message: `region ${ctx.regionName(b)}${ctx.where(ctx.originOf(b))} partially overlaps ${ctx.regionName(a)}${ctx.where(ctx.originOf(a))}: regions must nest or be disjoint`,
      range: ctx.originOf(b).range,
      related: [{ range: ctx.originOf(a).range, message: `overlapping region ${ctx.regionName(a)}` }],
    });
  }
  for (const c of ctx.crashRegions) {
    // On a partial map the enclosing System RAM line may be among the elided ones.
    if (layout.partial || hasRamAncestor(ctx, c)) continue;
    ctx.push({ code: 'memory/crashkernel-outside-ram', message: `crash kernel region ${span(c.start, c.end)}${ctx.where(ctx.originOf(c))} is not inside a ram region: crashkernel= is reserved out of System RAM`, range: ctx.originOf(c).range });
  }
  if (layout.crash && !ctx.crashRegion && !ctx.noMap && !layout.partial) {
    ctx.push({ code: 'memory/no-crashkernel', message: 'a crash load needs a crashkernel region (crashkernel=SIZE@OFFSET on the running kernel\'s command line); without one crashk_res is the empty resource [0, 0] and the kernel refuses every crash segment with -EADDRNOTAVAIL', range: layout.anchors.crash ?? layout.anchors.firstLine });
  }
}

function hasRamAncestor(ctx: Ctx, r: Region): boolean {
  for (let p = r.parent; p !== undefined; p = ctx.map.regions[p].parent) if (ctx.map.regions[p].type === 'ram') return true;
  return false;
}

export function unacceptedFindings(ctx: Ctx): void {
  const unit = ctx.layout.acceptUnit;
  for (const u of ctx.layout.unaccepted) {
    if (u.start % unit !== 0n || u.end % unit !== 0n) {
      const first = ((u.start + unit - 1n) / unit) * unit, last = (u.end / unit) * unit;
      const whole = first < last ? `only ${span(first, last)} (${human(last - first)}) stays unaccepted` : 'no whole unit stays unaccepted';
      ctx.push({ code: 'accept/unaligned-range', message: `unaccepted ${span(u.start, u.end)}${ctx.where(u.origin)} is not aligned to the ${human(unit)} accept unit: the EFI stub accepts partial units at boot, so ${whole}`, range: u.origin.range });
    }
    if (!ctx.noMap) {
      const { covered, holes } = ctx.map.classify(u.start, u.end);
      const outside = covered.find((l) => !WRITABLE_TYPES.has(l.region.type));
      // On a partial map a hole is unknown memory, not evidence of a range outside RAM.
      const hole = ctx.layout.partial ? undefined : holes[0];
      if (hole || outside) {
        const what = hole
          ? `${span(hole.start, hole.end)} is in no region`
          : `${span(outside!.start, outside!.end)} is ${outside!.region.type === 'ram-driver' ? 'driver-managed RAM ' : ''}${ctx.regionName(outside!.region)}`;
        ctx.push({ code: 'accept/outside-ram', message: `unaccepted ${span(u.start, u.end)}${ctx.where(u.origin)} is not inside ram: ${what}; unaccepted memory is System RAM the firmware has not accepted`, range: u.origin.range });
      }
    }
    for (const c of ctx.crashRegions) {
      if (u.start < c.end && c.start < u.end) {
        ctx.push({ code: 'accept/crashkernel-unaccepted', message: `unaccepted ${span(u.start, u.end)}${ctx.where(u.origin)} overlaps the crash kernel region ${span(c.start, c.end)}, which the kernel accepts when memblock reserves it at boot`, range: u.origin.range, related: [{ range: ctx.originOf(c).range, message: 'crash kernel region' }] });
      }
    }
  }
}
