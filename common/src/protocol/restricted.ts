// The refusal texts of Restricted Mode (workspace trust), shared by the browser client's readFile
// and the Node server's reads (server/src/node/workspaceTrust.ts). No imports: the CLI bundle
// takes these without the LSP protocol package.

/** Why a file outside the workspace is not read in Restricted Mode: the import's finding, the same
 *  words from the browser client (readFile) and the Node server. */
export const RESTRICTED_REASON = 'Restricted Mode: imports read only files inside the workspace (trust the workspace to read this file)';
/** The same refusal for the kernel image or initrd a `load` names. */
export const RESTRICTED_LOAD_REASON = 'Restricted Mode: load reads only files inside the workspace (trust the workspace to read this file)';
