// Guessing the format of an imported file from its first lines: each line votes for the
// format whose distinctive shape it has; most votes wins.

import { ImportFormat } from '../engine/types';
import { MAX_LINE, cleanLine } from './lines';

/** How many lines detection looks at (importFile buffers this many before reading). */
export const DETECT_LINES = 1000;

// Every pattern is either anchored or free of nested repetition, so detection stays linear.
const SIGNS: readonly [ImportFormat, RegExp][] = [
  ['kexec-debug', /\bsegment\[\d+\]|\bnr_segments\s*=|\bkexec_(?:load|file_load):|^\s*MEMORY RANGES\s*$|\bLoaded [^\n]{1,200}? at (?:addr )?0x|^\s*[0-9a-f]{16}-[0-9a-f]{16}\s+\(\d+\)\s*$|Loading segment \d+:/],
  ['efi', /\bmem\d{1,5}:\s{0,8}(?:\[|type=)[^\n]{0,300}?range=\[|^\s*efi:\s+0x[0-9a-fA-F]+-0x[0-9a-fA-F]+\s+\[/],
  ['e820', /^\s*(?:BIOS-\w+|modified|user|reserve setup_data|Xen)\s*:\s*(?:\[(?:mem|gap)\s+0x|[0-9a-fA-F]{8,16}\s+-\s+[0-9a-fA-F]{8,16}\s+\()|\be820:?\s*(?:update|remove)\s*\[mem/],
  ['memmap', /\/sys\/firmware\/memmap\/\d+|(?:^|\/)\d+\/(?:start|end|type):|^\s*(?:\d+\s*:\s*)?0x[0-9a-fA-F]+\s+0x[0-9a-fA-F]+\s+[A-Za-z]/],
  ['iomem', /^\s*[0-9a-fA-F]+-[0-9a-fA-F]+ : /],
];

/** The format most of the given lines look like, or undefined when none does. */
export function detectFormat(lines: Iterable<string>): ImportFormat | undefined {
  const votes = new Map<ImportFormat, number>();
  let seen = 0;
  for (const raw of lines) {
    if (seen++ >= DETECT_LINES) break;
    if (raw.length > MAX_LINE) continue;
    const { text } = cleanLine(raw);
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    for (const [format, re] of SIGNS) {
      if (re.test(text)) {
        votes.set(format, (votes.get(format) ?? 0) + 1);
        break; // the first (most specific) sign a line shows is its vote
      }
    }
  }
  let best: ImportFormat | undefined;
  let bestVotes = 0;
  for (const [format] of SIGNS) {
    const v = votes.get(format) ?? 0;
    if (v > bestVotes) {
      best = format;
      bestVotes = v;
    }
  }
  return best;
}
