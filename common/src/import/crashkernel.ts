// Crash-kernel reservations as boot logs print them → `crashkernel` regions (the low one too).
//   generic (kernel/crash_reserve.c reserve_crashkernel_generic, ≈6.9+; arm64 arm64_memblock_init
//   and loongarch before it): `crashkernel reserved: 0x%016llx - 0x%016llx (%lld MB)` and
//   `crashkernel low memory reserved: 0x%08llx - 0x%08llx (%lld MB)` — the second address is
//   crash_base + crash_size, so the end is exclusive.
//   riscv (arch/riscv/mm/init.c reserve_crashkernel, before the generic code):
//   `crashkernel: reserved 0x%016llx - 0x%016llx (%lld MB)`, end exclusive.
//   x86 before 6.9 (arch/x86/kernel/setup.c reserve_crashkernel), ppc64, s390 (`setup: `), arm,
//   mips: `Reserving %ldMB of memory at %ldMB for crashkernel (System RAM: %ldMB)` and x86's
//   reserve_crashkernel_low `Reserving %ldMB of low memory at %ldMB for crashkernel (System low RAM:
//   %ldMB)` — size and base are `>> 20`, in MiB rounded down (the base is CRASH_ALIGN-aligned, so
//   exact; a size that is not a whole MiB is read short by less than 1 MiB); sh prints the base as
//   `at 0x%08lx`.
// A failed reservation (`crashkernel reservation failed`, `cannot allocate crashkernel`) is a
// warning: the log says no crash region exists.
// One boot: start_kernel() prints `Kernel command line:` after setup_arch() reserved the crash
// kernel, so a reservation line after it is the next boot's (two `dmesg | grep crash` pasted one
// after the other), as is a second high or low line.

import { ImportFormat } from '../engine/types';
import { BaseReader, SnapshotBoundary, dec, exclusive, hex } from './lines';

const RESERVED = /\bcrashkernel(?:\s+(low) memory)?(?: reserved:|: reserved)\s+0x([0-9a-fA-F]+)\s*-\s*0x([0-9a-fA-F]+)(?:\s*\((\d+)\s*MB\))?/;
const RESERVING = /\bReserving (\d+)\s?MB of (low )?memory at (?:(\d+)\s?MB|0x([0-9a-fA-F]+)) for crashkernel\b/;
const FAILED = /\b(crashkernel reservation failed[^\n]{0,120}|cannot allocate crashkernel[^\n]{0,60}|crashkernel: [^\n]{0,40}(?:invalid|unrecognized|failed)[^\n]{0,80})/i;

// A mailer can wrap the line after `0xA -`; the next line then starts with the second address.
const WRAPPED = /\bcrashkernel(?:\s+(low) memory)?(?: reserved:|: reserved)\s+0x([0-9a-fA-F]+)\s*-\s*$/;
const WRAP_REST = /^\s*0x([0-9a-fA-F]+)(?:\s*\((\d+)\s*MB\))?\s*$/;

const CUT = 'a crashkernel line cut after its start address, not continued on the next line: not read';

const MIB = 20n;
const CMDLINE = /\bKernel command line:/;

export class CrashkernelReader extends BaseReader {
  private high = false;
  private low = false;
  /** `Kernel command line:` seen after this boot's reservation lines. */
  private ended = false;
  /** The first half of a wrapped reservation line. */
  private wrapped: { low: boolean; start: bigint; line: number } | undefined;

  constructor() {
    super('crashkernel' as ImportFormat);
  }

  protected parse(text: string, lineNo: number): boolean {
    const w = this.wrapped;
    if (w) {
      this.wrapped = undefined;
      const rest = WRAP_REST.exec(text);
      if (rest) {
        const r = exclusive(w.start, hex(rest[1]));
        this.add(r.start, r.end, w.low, w.line);
        return true;
      }
      this.warn(w.line, CUT);
    }
    let m = WRAPPED.exec(text);
    if (m) {
      const low = m[1] !== undefined;
      this.boundary(low);
      this.wrapped = { low, start: hex(m[2]), line: lineNo };
      return true;
    }
    m = RESERVED.exec(text);
    if (m) {
      const low = m[1] !== undefined;
      this.boundary(low);
      const r = exclusive(hex(m[2]), hex(m[3]));
      this.add(r.start, r.end, low, lineNo);
      return true;
    }
    if ((m = RESERVING.exec(text))) {
      const low = m[2] !== undefined;
      this.boundary(low);
      const size = dec(m[1]) << MIB;
      const base = m[3] !== undefined ? dec(m[3]) << MIB : hex(m[4]);
      const r = exclusive(base, base + size);
      this.add(r.start, r.end, low, lineNo);
      return true;
    }
    if ((m = FAILED.exec(text))) {
      this.warn(lineNo, `the log says the crash kernel reservation failed ("${m[1].trim()}"): no crash region`);
      return true;
    }
    // Not read (left to the other readers): it only closes this boot's reservation lines.
    if ((this.high || this.low) && CMDLINE.test(text)) this.ended = true;
    return false;
  }

  protected override end(): void {
    if (this.wrapped) this.warn(this.wrapped.line, CUT);
  }

  /** One boot prints at most one high and one low reservation; a second one is the next boot. */
  private boundary(low: boolean): void {
    if (this.ended || (low ? this.low : this.high)) throw new SnapshotBoundary();
  }

  private add(start: bigint, end: bigint, low: boolean, lineNo: number): void {
    if (low) this.low = true;
    else this.high = true;
    this.region(start, end, 'crashkernel', low ? 'Crash kernel (low)' : 'Crash kernel', lineNo);
  }
}
