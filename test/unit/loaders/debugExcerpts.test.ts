// The real tools are the reference: public kexec_file debug excerpts (the kernel's "Loaded … at"
// lines with the E820 map it used) and a `kexec -d` excerpt (kexec-tools' placement lines with the
// MEMORY RANGES it read). A layout of that map with the same sizes must place every segment at the
// printed address. Each fixture names its source and what it assumes (test/fixtures/loaders).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLayout } from '../../../common/src/language/parser';
import { buildLayout } from '../../../common/src/engine/layout';
import { runLoader } from '../../../common/src/loaders/apply';
import type { LoadSpec } from '../../../common/src/loaders/spec';
import { ROOT } from '../helpers';

const DIR = path.join(ROOT, 'test/fixtures/loaders');
const E820_TYPE: Record<string, string> = { 1: 'ram', 2: 'reserved', 3: 'acpi', 4: 'acpi-nvs' };
const TOOLS_TYPE: Record<string, string> = { 0: 'ram', 1: 'reserved', 2: 'acpi', 3: 'acpi-nvs' };
const big = (s: string) => BigInt(s.startsWith('0x') ? s : '0x' + s);

interface Excerpt { keys: Map<string, string>; regions: string[]; printed: Record<string, bigint>; sizes: Record<string, bigint>; segments: { mem: bigint; memsz: bigint; bufsz: bigint }[] }

function readExcerpt(file: string): Excerpt {
  const ex: Excerpt = { keys: new Map(), regions: [], printed: {}, sizes: {}, segments: [] };
  let tools = false;
  let seg: Partial<{ mem: bigint; memsz: bigint; bufsz: bigint }> = {};
  for (const raw of fs.readFileSync(path.join(DIR, file), 'utf8').split('\n')) {
    if (raw.startsWith('#') || !raw.trim()) continue;
    const line = raw.replace(/^\[\s*[\d.]+\]\s*/, '').replace(/^kexec-bzImage64: /, '');
    let m: RegExpExecArray | null;
    if (/^MEMORY RANGES/.test(line)) { tools = true; continue; }
    if ((m = /^([0-9a-f]{16})-([0-9a-f]{16}) \((\d+)\)$/.exec(line))) {
      const type = (tools ? TOOLS_TYPE : E820_TYPE)[m[3]] ?? 'reserved';
      ex.regions.push(`region 0x${m[1]} ..= 0x${m[2]} ${type}`);
    } else if ((m = /^Loaded purgatory at (?:addr )?(0x[0-9a-f]+)/.exec(line))) ex.printed.purgatory = big(m[1]);
    else if ((m = /^Loaded boot_param, command line and misc at (0x[0-9a-f]+) bufsz=(0x[0-9a-f]+)/.exec(line))) { ex.printed.boot_params = big(m[1]); ex.sizes.boot_params = big(m[2]); }
    else if ((m = /^Loaded real_mode_data and command line at (0x[0-9a-f]+)/.exec(line))) ex.printed.setup = big(m[1]);
    else if ((m = /^kernel init_size (0x[0-9a-f]+)/.exec(line))) ex.sizes.kernel = big(m[1]);
    else if ((m = /^Loaded 64bit kernel at (0x[0-9a-f]+)(?: bufsz=(0x[0-9a-f]+) memsz=(0x[0-9a-f]+))?/.exec(line))) {
      ex.printed.kernel = big(m[1]);
      if (m[2]) { ex.sizes.kernelBuf = big(m[2]); ex.sizes.kernel = big(m[3]); }
    } else if ((m = /^Loaded initrd at (0x[0-9a-f]+) (?:bufsz|size)=?\s*(0x[0-9a-f]+)/.exec(line))) { ex.printed.initrd = big(m[1]); ex.sizes.initrd = big(m[2]); }
    else if ((m = /segment\[\d+\]: buf=\S+ bufsz=(0x[0-9a-f]+) mem=(0x[0-9a-f]+) memsz=(0x[0-9a-f]+)/.exec(line))) ex.segments.push({ bufsz: big(m[1]), mem: big(m[2]), memsz: big(m[3]) });
    else if ((m = /^segment\[\d+\]\.(bufsz|mem|memsz)\s*=\s*(0x[0-9a-f]+)/.exec(line))) {
      seg[m[1] as 'bufsz'] = big(m[2]);
      if (m[1] === 'memsz') { ex.segments.push(seg as { mem: bigint; memsz: bigint; bufsz: bigint }); seg = {}; }
    } else if ((m = /^([a-z-]+) (\S+)$/.exec(line))) ex.keys.set(m[1], m[2]);
  }
  return ex;
}

function layoutText(ex: Excerpt, syscall: string, extra: string[] = []): string {
  const lines = ['arch x86_64', `syscall ${syscall}`, `kernel ${ex.keys.get('kernel') ?? '6.12'}`, ...extra];
  const ck = ex.keys.get('crashkernel');
  if (ck) lines.push('region 0x10_0000 .. 0x1_0000_0000 ram', `crashkernel ${ck}`, 'crash');
  return [...lines, ...ex.regions].join('\n') + '\n';
}

/** The kernel loader's sizes from what it printed: boot_params bufsz = the formula with cmdline_len (+ EFI map) = bufsz - 4286. */
function kernelSpec(ex: Excerpt): LoadSpec {
  const purg = ex.segments.find((s) => s.mem === ex.printed.purgatory)?.memsz ?? 0x5000n;
  return {
    purgatorySize: purg, cmdlineLen: ex.sizes.boot_params - 4286n, initSize: ex.sizes.kernel,
    kernelSize: ex.keys.has('kernel-size') ? big(ex.keys.get('kernel-size')!) : ex.sizes.kernelBuf + 0x5000n,
    kernelAlign: big(ex.keys.get('kernel-align')!), prefAddress: 0x1000000n, initrdSize: ex.sizes.initrd,
  };
}

for (const file of ['kexec-file-qiang-ma-2025.txt', 'kexec-file-ashish-kalra-2024.txt', 'kexec-file-crash-arnaud-lefebvre-2025.txt']) {
  test(`kexec_file excerpt ${file}: the kernel's bzImage64 loader places every segment where the kernel printed it`, () => {
    const ex = readExcerpt(file);
    const L = buildLayout(parseLayout(layoutText(ex, 'kexec_file_load')));
    const r = runLoader(L, kernelSpec(ex));
    assert.equal(r.failed, null, r.failed?.message);
    const got = Object.fromEntries(r.segments.map((s) => [s.name, s.mem]));
    for (const [name, mem] of Object.entries(ex.printed)) assert.equal(got[name], mem, `${name}: 0x${got[name]?.toString(16)} vs printed 0x${mem.toString(16)}`);
    const eh = ex.keys.get('elfcorehdr');
    if (eh) assert.equal(got.elfcorehdr, big(eh));
    // The boot_params segment's size follows the formula (bufsz as printed, a page-rounded memsz).
    assert.equal(r.segments.find((s) => s.name === 'boot_params')!.bufsz, ex.sizes.boot_params);
    for (const s of ex.segments) {
      const mine = r.segments.find((x) => x.mem === s.mem);
      assert.ok(mine, `printed segment at 0x${s.mem.toString(16)} placed`);
      assert.equal(mine.memsz, s.memsz, mine.name);
    }
  });
}

test('kexec -d excerpt (Roberto Ricci, 2025): kexec-tools places purgatory, setup, kernel, initrd and the RNG seed where it printed them', () => {
  const ex = readExcerpt('kexec-d-roberto-ricci-2025.txt');
  const L = buildLayout(parseLayout(layoutText(ex, 'kexec_load')));
  const purg = ex.segments.find((s) => s.mem === ex.printed.purgatory)!;
  const spec: LoadSpec = {
    purgatorySize: purg.memsz, setupSects: Number(ex.keys.get('setup-sects')), cmdlineLen: BigInt(ex.keys.get('cmdline-size')!),
    kernelSize: big(ex.keys.get('kernel-size')!), initSize: ex.sizes.kernel, kernelAlign: big(ex.keys.get('kernel-align')!),
    prefAddress: 0x1000000n, initrdSize: ex.sizes.initrd,
  };
  const r = runLoader(L, spec);
  assert.equal(r.failed, null, r.failed?.message);
  const got = Object.fromEntries(r.segments.map((s) => [s.name, s]));
  for (const [name, mem] of Object.entries(ex.printed)) assert.equal(got[name]?.mem, mem, name);
  // Every segment kexec-tools passed to kexec_load, address, memsz and bufsz (the setup segment's bufsz is its formula).
  assert.equal(r.segments.length, ex.segments.length);
  for (const s of ex.segments) {
    const mine = r.segments.find((x) => x.mem === s.mem);
    assert.ok(mine, `segment at 0x${s.mem.toString(16)}`);
    assert.equal(mine.memsz, s.memsz, mine.name);
    if (mine.role !== 'purgatory') assert.equal(mine.bufsz, s.bufsz, mine.name);
  }
});
