// The x86 boot protocol's setup header (Documentation/arch/x86/boot.rst), read from the first
// bytes of a bzImage: only the fields the two bzImage64 loaders use. Pure; any input yields a
// header (fields it could not read are undefined) and a list of problems, never an exception.

export interface BzImageHeader {
  /** setup_sects at 0x1f1, as stored (0 means 4: both loaders treat it so). */
  setupSects: number;
  bootFlag: number;
  /** "HdrS" at 0x202. */
  magic: boolean;
  /** Boot protocol version at 0x206, e.g. 0x020f. */
  version: number;
  loadflags: number;
  /** initrd_addr_max (0x22c, protocol 2.03+). */
  initrdAddrMax?: bigint;
  /** kernel_alignment (0x230, 2.05+). */
  kernelAlignment?: bigint;
  relocatable?: boolean;
  /** xloadflags (0x236, 2.12+). */
  xloadflags?: number;
  /** cmdline_size (0x238, 2.06+): longest command line, the NUL not included. */
  cmdlineSize?: bigint;
  /** pref_address (0x258, 2.10+). */
  prefAddress?: bigint;
  /** init_size (0x260, 2.10+). */
  initSize?: bigint;
}

export const LOADED_HIGH = 0x01;
export const XLF_KERNEL_64 = 0x01;
export const XLF_CAN_BE_LOADED_ABOVE_4G = 0x02;
export const XLF_EFI_KEXEC = 0x10;
export const XLF_5LEVEL = 0x20;

export interface HeaderRead {
  header: BzImageHeader | null;
  /** Why the bytes are not a bzImage64 either loader accepts, in the order the probes test them. */
  problems: string[];
  /** Odd values both loaders accept but that deserve a look (a zero init_size, a non-power-of-two alignment). */
  warnings: string[];
}

/** The probe both loaders run, as one list: bzImage64_probe (kernel) and bzImage64_probe (kexec-tools) test the same fields. */
export function readBzImageHeader(bytes: Uint8Array): HeaderRead {
  const problems: string[] = [];
  const warnings: string[] = [];
  const u8 = (o: number) => (o < bytes.length ? bytes[o] : undefined);
  const u16 = (o: number) => (o + 2 <= bytes.length ? bytes[o] | (bytes[o + 1] << 8) : undefined);
  const u32 = (o: number) => (o + 4 <= bytes.length ? (bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16)) + bytes[o + 3] * 0x1000000 : undefined);
  const u64 = (o: number) => {
    const lo = u32(o), hi = u32(o + 4);
    return lo === undefined || hi === undefined ? undefined : (BigInt(hi) << 32n) | BigInt(lo);
  };
  // bzImage64_probe: buf_len < 2 * 512 → -ENOEXEC ("File too short to contain header").
  if (bytes.length < 1024) problems.push(`only ${bytes.length} bytes: a bzImage header needs the first 1024 (bzImage64_probe: file too short)`);
  const magic = bytes.length >= 0x206 && bytes[0x202] === 0x48 && bytes[0x203] === 0x64 && bytes[0x204] === 0x72 && bytes[0x205] === 0x53;
  if (bytes.length < 0x212) return { header: null, problems: problems.length ? problems : ['too short for a setup header'], warnings };
  const header: BzImageHeader = {
    setupSects: u8(0x1f1)!, bootFlag: u16(0x1fe)!, magic, version: u16(0x206)!, loadflags: u8(0x211)!,
  };
  const v = header.version;
  if (magic && v >= 0x0203) header.initrdAddrMax = opt(u32(0x22c));
  if (magic && v >= 0x0205) { header.kernelAlignment = opt(u32(0x230)); header.relocatable = u8(0x234) !== undefined ? u8(0x234) !== 0 : undefined; }
  if (magic && v >= 0x0206) header.cmdlineSize = opt(u32(0x238));
  if (magic && v >= 0x020a) { header.prefAddress = u64(0x258); header.initSize = opt(u32(0x260)); }
  if (magic && v >= 0x020c) header.xloadflags = u16(0x236);
  // bzImage64_probe, in its order: magic, boot_flag, version, LOADED_HIGH, XLF_KERNEL_64, XLF_CAN_BE_LOADED_ABOVE_4G.
  if (!magic) problems.push('no "HdrS" magic at 0x202: not a bzImage (bzImage64_probe: Not a bzImage)');
  else {
    if (header.bootFlag !== 0xaa55) problems.push(`boot_flag is 0x${header.bootFlag.toString(16)}, not 0xaa55 (bzImage64_probe)`);
    if (v < 0x020c) problems.push(`boot protocol ${protocolText(v)}: a bzImage64 needs 2.12 or later (bzImage64_probe: Must be at least protocol version 2.12)`);
    if (!(header.loadflags & LOADED_HIGH)) problems.push('loadflags lacks LOADED_HIGH: a zImage, not a bzImage (bzImage64_probe)');
    if (v >= 0x020c && header.xloadflags !== undefined) {
      if (!(header.xloadflags & XLF_KERNEL_64)) problems.push('xloadflags lacks XLF_KERNEL_64: no 64-bit entry point (bzImage64_probe: Not a bzImage64)');
      if (!(header.xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G)) problems.push('xloadflags lacks XLF_CAN_BE_LOADED_ABOVE_4G: cannot be loaded above 4 GiB (bzImage64_probe)');
    }
    if (v >= 0x020a) {
      if (header.initSize === 0n) warnings.push('init_size is 0: the kernel segment would be empty');
      if (header.kernelAlignment !== undefined && (header.kernelAlignment & (header.kernelAlignment - 1n)) !== 0n) {
        warnings.push(`kernel_alignment 0x${header.kernelAlignment.toString(16)} is not a power of two: the hole searches' ALIGN masks would misplace the kernel`);
      }
    }
  }
  return { header, problems, warnings };
}

function opt(x: number | undefined): bigint | undefined { return x === undefined ? undefined : BigInt(x); }

export function protocolText(v: number): string { return `${v >> 8}.${(v & 0xff).toString().padStart(2, '0')}`; }

/** (setup_sects + 1) * 512, with 0 read as 4: the real-mode part both loaders skip (kern16_size). */
export function kern16Size(setupSects: number): bigint { return BigInt(((setupSects === 0 ? 4 : setupSects) + 1) * 512); }
