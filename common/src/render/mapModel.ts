// The memory-map model: what the server sends (`kexecLayout/memoryMap`), what the webview and
// `kexec-layout map` draw. Addresses are hex strings ("0x100000000"): JSON numbers cannot hold u64.
// Ranges are half-open [start, end).

export interface SourcePosition { line: number; character: number }
export interface SourceRange { start: SourcePosition; end: SourcePosition }

export type MapSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface MapRegion {
  id: string;                // stable within one model, e.g. "r12"
  start: string;             // hex
  end: string;               // hex, exclusive (may be "0x10000000000000000" for a range reaching 2^64)
  type: string;              // ram, ram-driver, crashkernel, kernel, reserved, acpi, acpi-nvs, pmem, soft-reserved, unusable, rom, mmio
  label?: string;            // document text: render as text only
  depth: number;             // 0 = top level; children nest inside their parent
  parent?: string;           // id of the containing region
  source: SourceRange;       // the line that declares it (or the import line)
}

export interface MapSegment {
  id: string;                // e.g. "s0"
  name: string;              // document text: render as text only
  start: string;             // hex
  end: string;               // hex, exclusive; equal to start for a zero-length segment
  auto: boolean;             // placed by the kexec_file_load hole search
  placed: boolean;           // false when a mem=auto segment found no hole (start/end then "0x0")
  severity: MapSeverity | null;   // worst finding on this segment, null when clean
  messages: string[];        // its findings' messages, for the tooltip
  source: SourceRange;
}

export interface MapUnaccepted {
  start: string;
  end: string;               // unaccepted now (before the load), whole units
  source: SourceRange;
}

export interface MapAccepted {
  start: string;
  end: string;               // units that accept_memory accepts during the load
  segment: string;           // segment name
  guard: boolean;            // the guard unit past a unit-aligned segment end
}

export interface MapModel {
  version: 1;
  title: string;             // file name
  arch: string;
  pageSize: string;          // hex
  acceptUnit: string;        // hex
  kernel: string | null;
  syscall: string;
  outcome: {
    load: 'ok' | 'fails' | 'unknown';
    errno: string | null;
    firstFailure: string | null;
    jump: 'ok' | 'fatal' | 'corrupts' | 'unknown';
    summary: string;         // one line for people
  };
  regions: MapRegion[];
  unaccepted: MapUnaccepted[];
  accepted: MapAccepted[];
  segments: MapSegment[];
}
