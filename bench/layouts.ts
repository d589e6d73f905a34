// Generated layouts for the process and scaling benchmarks, each with the same data as JSON (the
// reference every row is measured beside): regions, segments, mem=auto segments, unaccepted ranges.
import { bigMapLayout } from './engineBench';

export interface Case { layout: string; json: string }

const hx = (n: number) => '0x' + n.toString(16);
const TYPES = ['ram', 'reserved', 'acpi', 'ram', 'mmio'];

/** N regions + 16 segments (bigMapLayout), and the same as JSON. */
export function regions(n: number): Case {
  const json: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const start = 0x1_0000_0000 + i * 0x10_0000;
    json.push(i % 7 === 0 ? { start: hx(start), size: '1M', type: TYPES[i % TYPES.length], label: `r${i}` } : { start: hx(start), size: '1M', type: TYPES[i % TYPES.length] });
  }
  const segments = Array.from({ length: 16 }, (_, i) => ({ name: `s${i}`, mem: hx(0x1_0000_0000 + i * 0x50_0000), memsz: '1M' }));
  return { layout: bigMapLayout(n), json: JSON.stringify({ arch: 'x86_64', kernel: '6.15', acceptUnit: '2M', unaccepted: [{ start: '0x1_0000_0000', end: '0x2_0000_0000' }], regions: json, segments }, null, 1) };
}

/** N disjoint fixed segments (kexec_load) in one big RAM region. */
export function segments(n: number): Case {
  const lines = ['arch x86_64', 'kernel 6.12', 'syscall kexec_load', 'region 0x1_0000_0000 + 1T ram'];
  const segs: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const mem = hx(0x1_0000_0000 + i * 0x2000);
    lines.push(`segment s${i} mem=${mem} memsz=4K`);
    segs.push({ name: `s${i}`, mem, memsz: '4K' });
  }
  return { layout: lines.join('\n'), json: JSON.stringify({ arch: 'x86_64', kernel: '6.12', syscall: 'kexec_load', regions: [{ start: '0x1_0000_0000', size: '1T', type: 'ram' }], segments: segs }, null, 1) };
}

/** N mem=auto segments (the kexec_file_load hole search), top-down, in a fragmented map. */
export function autoSegments(n: number): Case {
  const lines = ['arch x86_64', 'kernel 6.12', 'syscall kexec_file_load', 'region 0x0 .. 0x8000_0000 ram', 'region 0x1_0000_0000 + 64G ram'];
  const segs: unknown[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(`segment s${i} mem=auto memsz=64K align=4K${i % 2 ? ' top-down' : ''}`);
    segs.push({ name: `s${i}`, mem: 'auto', memsz: '64K', align: '4K', ...(i % 2 ? { topDown: true } : {}) });
  }
  return { layout: lines.join('\n'), json: JSON.stringify({ arch: 'x86_64', kernel: '6.12', syscall: 'kexec_file_load', regions: [{ start: '0x0', end: '0x8000_0000', type: 'ram' }, { start: '0x1_0000_0000', size: '64G', type: 'ram' }], segments: segs }, null, 1) };
}

/** N unaccepted ranges (TDX, 6.15) and 16 segments over them. */
export function unaccepted(n: number): Case {
  const lines = ['arch x86_64', 'kernel 6.15', 'accept-unit 2M', 'region 0x1_0000_0000 + 4T ram'];
  const ranges: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const start = hx(0x1_0000_0000 + i * 0x80_0000);
    lines.push(`unaccepted ${start} + 4M`);
    ranges.push({ start, size: '4M' });
  }
  const segs: unknown[] = [];
  for (let i = 0; i < 16; i++) {
    const mem = hx(0x1_0000_0000 + i * 0x100_0000 * 64);
    lines.push(`segment s${i} mem=${mem} memsz=6M`);
    segs.push({ name: `s${i}`, mem, memsz: '6M' });
  }
  return { layout: lines.join('\n'), json: JSON.stringify({ arch: 'x86_64', kernel: '6.15', acceptUnit: '2M', regions: [{ start: '0x1_0000_0000', size: '4T', type: 'ram' }], unaccepted: ranges, segments: segs }, null, 1) };
}

/** JSON Schema of the JSON form above (for the vscode-json-languageservice reference). */
export const LAYOUT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    arch: { enum: ['x86_64', 'arm64', 'riscv64', 'ppc64le', 's390x'] },
    kernel: { type: 'string', pattern: '^\\d+\\.\\d+' },
    syscall: { enum: ['kexec_load', 'kexec_file_load'] },
    acceptUnit: { type: 'string' },
    unaccepted: { type: 'array', items: { $ref: '#/$defs/range' } },
    regions: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['start', 'type'],
        properties: { start: { $ref: '#/$defs/num' }, end: { $ref: '#/$defs/num' }, size: { $ref: '#/$defs/num' }, type: { enum: ['ram', 'reserved', 'acpi', 'acpi-nvs', 'mmio', 'pmem', 'unusable', 'persistent', 'soft-reserved'] }, label: { type: 'string' } },
      },
    },
    segments: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['name', 'mem', 'memsz'],
        properties: { name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' }, mem: { anyOf: [{ const: 'auto' }, { $ref: '#/$defs/num' }] }, memsz: { $ref: '#/$defs/num' }, align: { $ref: '#/$defs/num' }, topDown: { type: 'boolean' } },
      },
    },
  },
  $defs: {
    num: { type: 'string', pattern: '^(0[xX][0-9a-fA-F_]+|[0-9_]+[KMGTPE]?)$' },
    range: { type: 'object', additionalProperties: false, required: ['start'], properties: { start: { $ref: '#/$defs/num' }, end: { $ref: '#/$defs/num' }, size: { $ref: '#/$defs/num' } } },
  },
};
