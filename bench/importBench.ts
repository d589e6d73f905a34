// `kexec-layout import` of a 100 MB /proc/iomem file, beside its reference measured in the same run:
// Node reading and splitting the same file into lines (a stream, split on \r\n, \n or \r). Both run as
// child processes; time is wall clock, memory the child's peak RSS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const PROBE = path.join(__dirname, 'rssProbe.js');
const CLI = path.join(ROOT, 'dist', 'server', 'cli.js');

/** A /proc/iomem listing of about `bytes` bytes (or `maxLines` lines): System RAM blocks with nested kernel lines. */
export function writeIomem(file: string, bytes: number, maxLines = Infinity): number {
  const fd = openSync(file, 'w');
  let size = 0;
  let lines = 0;
  let addr = 0x100000n;
  let chunk: string[] = [];
  while (size < bytes && lines < maxLines) {
    const s = addr.toString(16).padStart(8, '0');
    const e = (addr + 0xfffn).toString(16).padStart(8, '0');
    const line = lines % 4 === 0 ? `${s}-${e} : System RAM\n` : `  ${s}-${e} : Kernel code\n`;
    chunk.push(line);
    size += line.length;
    if (lines % 4 === 3) addr += 0x1000n;
    lines++;
    if (chunk.length >= 10_000) { writeSync(fd, chunk.join('')); chunk = []; }
  }
  writeSync(fd, chunk.join(''));
  closeSync(fd);
  return lines;
}

const SPLIT = `const fs=require('fs');let n=0,rest='';const s=fs.createReadStream(process.argv[1],{encoding:'utf8'});` +
  `s.on('data',c=>{const p=(rest+c).split(/\\r\\n|\\n|\\r/);rest=p.pop();n+=p.length});s.on('end',()=>{if(rest)n++;process.stdout.write(String(n))})`;

function run(args: string[], stdoutFile?: string): { ms: number; rssMiB: number; stdout: string } {
  const fd = stdoutFile === undefined ? undefined : openSync(stdoutFile, 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', PROBE, ...args], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', fd ?? 'pipe', 'pipe'] });
  if (fd !== undefined) closeSync(fd);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /maxrss-kib (\d+)/.exec(r.stderr ?? '');
  return { ms, rssMiB: m ? Number(m[1]) / 1024 : NaN, stdout: r.stdout ?? '' };
}

export function benchImport(): Record<string, number | string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexec-layout-bench-'));
  try {
    const file = path.join(dir, 'iomem.txt');
    const lines = writeIomem(file, 100 * 1024 * 1024);
    const ref = run(['-e', SPLIT, file]);
    if (Number(ref.stdout) !== lines) throw new Error(`reference split ${ref.stdout} lines, wrote ${lines}`);
    const out = path.join(dir, 'out.kexec');
    // stdout to a file: the layout is streamed there as it is written (-o goes through the atomic writer).
    const imp = run([CLI, 'import', '--max-import-bytes', '1G', file], out);
    rmSync(out, { force: true });
    // 10,000,000 lines (about 330 MB): memory stays bounded (regions spill to a file and stream out).
    const big = path.join(dir, 'iomem-10m.txt');
    rmSync(file, { force: true });
    const bigLines = writeIomem(big, Infinity, 10_000_000);
    const bigRef = run(['-e', SPLIT, big]);
    if (Number(bigRef.stdout) !== bigLines) throw new Error(`reference split ${bigRef.stdout} lines, wrote ${bigLines}`);
    const bigImp = run([CLI, 'import', '--max-import-bytes', '1G', big], out);
    return {
      [`import of 100 MB /proc/iomem, ${lines.toLocaleString('en-US')} lines (ms)`]: imp.ms,
      'reference: read + split the same file in Node (ms)': ref.ms,
      'ratio: import / read + split (target ≤ 3×)': `${(imp.ms / ref.ms).toFixed(2)}×`,
      'import peak RSS (MiB; target < 400)': imp.rssMiB,
      'reference peak RSS (MiB)': ref.rssMiB,
      [`import of ${bigLines.toLocaleString('en-US')} lines of /proc/iomem (ms)`]: bigImp.ms,
      'reference: read + split the same file in Node (ms) ': bigRef.ms,
      'ratio: import / read + split, 10,000,000 lines': `${(bigImp.ms / bigRef.ms).toFixed(2)}×`,
      'import peak RSS, 10,000,000 lines (MiB; bounded)': bigImp.rssMiB,
      'reference peak RSS, 10,000,000 lines (MiB)': bigRef.rssMiB,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
