// The memory-map fixtures: the realistic models in test/fixtures/maps/*.json plus a generated
// map of 10,000 regions (generated rather than stored: it would be a 2 MB JSON file).

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MapModel, MapRegion, MapSegment, SourceRange } from '../../common/src/render/mapModel';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const MAPS_DIR = join(REPO_ROOT, 'test', 'fixtures', 'maps');

export interface Fixture { name: string; model: MapModel }

export function loadFixtures(): Fixture[] {
  const files = readdirSync(MAPS_DIR).filter((f) => f.endsWith('.json')).sort();
  const out = files.map((f) => ({ name: f.replace(/\.json$/, ''), model: JSON.parse(readFileSync(join(MAPS_DIR, f), 'utf8')) as MapModel }));
  out.push({ name: 'many-regions', model: manyRegions(10_000) });
  return out;
}

const line = (n: number): SourceRange => ({ start: { line: n, character: 0 }, end: { line: n, character: 40 } });

/** Deterministic map of `count` regions: runs of RAM with nested kernel/crash ranges, firmware and MMIO, gaps. */
export function manyRegions(count: number): MapModel {
  let seed = 0x2545f491;
  const rand = () => {
    seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const types = ['ram', 'reserved', 'acpi', 'ram', 'mmio', 'acpi-nvs', 'ram', 'rom', 'pmem', 'soft-reserved'];
  const regions: MapRegion[] = [];
  const segments: MapSegment[] = [];
  const unaccepted: MapModel['unaccepted'] = [];
  let addr = 0x100000n;
  let i = 0;
  while (regions.length < count) {
    const type = types[i % types.length];
    const pages = BigInt(1 + Math.floor(rand() * (type === 'ram' ? 65536 : 256)));
    const size = pages * 0x1000n;
    const id = `r${regions.length}`;
    regions.push({ id, start: hex(addr), end: hex(addr + size), type, label: `${type} block ${i}`, depth: 0, source: line(regions.length) });
    // Every third RAM block holds a nested child.
    if (type === 'ram' && i % 3 === 0 && size >= 0x4000n && regions.length < count) {
      const child = size / 4n & ~0xfffn;
      regions.push({ id: `r${regions.length}`, start: hex(addr + child), end: hex(addr + 2n * child), type: i % 2 ? 'kernel' : 'crashkernel', label: `nested ${i}`, depth: 1, parent: id, source: line(regions.length) });
    }
    if (type === 'ram' && i % 50 === 0) unaccepted.push({ start: hex(addr), end: hex(addr + size), source: line(count + unaccepted.length) });
    if (type === 'ram' && i % 700 === 0 && segments.length < 16) {
      const n = segments.length;
      segments.push({ id: `s${n}`, name: `seg${n}`, start: hex(addr), end: hex(addr + 0x1000n), auto: false, placed: true, severity: n % 5 === 0 ? 'warning' : null, messages: n % 5 === 0 ? [`seg${n} sample warning`] : [], source: line(count * 2 + n) });
    }
    addr += size;
    if (i % 97 === 96) addr += BigInt(Math.floor(rand() * 1024) + 1) * 0x100000n; // a hole
    i++;
  }
  return {
    version: 1, title: `many-regions-${count}.kexec`, arch: 'x86_64', pageSize: '0x1000', acceptUnit: '0x200000', kernel: '6.15',
    syscall: 'kexec_load',
    outcome: { load: 'ok', errno: null, firstFailure: null, jump: 'ok', summary: `${count} regions, ${segments.length} segments.` },
    regions, unaccepted, accepted: [], segments,
  };
}

function hex(v: bigint): string {
  return '0x' + v.toString(16);
}
