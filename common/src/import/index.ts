// Import readers: turn a foreign memory-map or segment-list text into an ImportResult, and
// imported results into a `.kexec` layout. Pure: hosts read files and streams and feed these.

export { IMPORT_FORMATS, createReader, importText } from './read';
export type { ImportOptions } from './read';
export { toLayoutText, writeLayout, hexGrouped, quote } from './layoutText';
export type { LineReader } from './lines';
