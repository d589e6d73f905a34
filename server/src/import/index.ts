// Import readers: turn a foreign memory-map or segment-list text into an ImportResult, and
// imported results into a `.kexec` layout.

export { IMPORT_FORMATS, createReader, importFile, importStream, importText, osReason } from './read';
export { detectFormat } from './detect';
export { toLayoutText, hexGrouped, quote } from './layoutText';
export { runImportCommand } from './command';
export type { LineReader } from './lines';
