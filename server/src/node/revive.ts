// A CheckResult crossing a worker boundary: structured clone keeps plain data, bigints, Maps,
// Sets and shared references, but not classes. The worker lists the class instances it sends
// (`markClasses`); the receiver gives those same objects their prototypes back (`revive`), at a
// cost proportional to the number of instances, not to the size of the result.

import { MemoryMap } from '../../../common/src/engine/memoryMap';
import { UnacceptedTable } from '../../../common/src/engine/unaccepted';
import { Occupancy } from '../../../common/src/engine/placement';
import { LineSpan, RegionSpan, RegionLine, UnacceptedLine } from '../../../common/src/language/lineNodes';

const CLASSES: Record<string, { prototype: object }> = { MemoryMap, UnacceptedTable, Occupancy, LineSpan, RegionSpan, RegionLine, UnacceptedLine };
const BY_PROTO = new Map<object, string>(Object.entries(CLASSES).map(([n, c]) => [c.prototype, n]));

export type ClassMarks = [object, string][];

/**
 * Every instance of a known class reachable from `root` (an explicit stack and a visited set:
 * no recursion). An instance of any other class is reported in `unknown`, so a new class in the
 * engine shows up in tests instead of as a method missing on the other side.
 */
export function markClasses(root: unknown): { marks: ClassMarks; unknown: string[] } {
  const marks: ClassMarks = [];
  const unknown = new Set<string>();
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    const proto = Object.getPrototypeOf(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) { const x = v[i]; if (x !== null && typeof x === 'object') stack.push(x); }
      continue;
    }
    if (v instanceof Map) { for (const [k, x] of v) { stack.push(k); stack.push(x); } continue; }
    if (v instanceof Set) { for (const x of v) stack.push(x); continue; }
    if (proto !== Object.prototype && proto !== null) {
      const name = BY_PROTO.get(proto);
      if (name) marks.push([v, name]);
      else if (!ArrayBuffer.isView(v) && !(v instanceof Date) && !(v instanceof RegExp)) unknown.add(proto?.constructor?.name ?? '?');
    }
    for (const k in v) { const x = (v as Record<string, unknown>)[k]; if (x !== null && typeof x === 'object') stack.push(x); }
  }
  return { marks, unknown: [...unknown] };
}

/** Restores the prototypes `markClasses` listed, on the received copies. */
export function revive(marks: ClassMarks): void {
  for (const [obj, name] of marks) {
    const c = CLASSES[name];
    if (c) Object.setPrototypeOf(obj, c.prototype);
  }
}
