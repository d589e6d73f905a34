// The custom LSP messages of kexec-layout, typed once: the server registers them, the client sends
// or listens to them, and neither writes a method name out again.

import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { MapModel } from '../render/mapModel';

export interface TextDocumentParams { textDocument: { uri: string } }

/** The memory-map model of a document's current version (null when the document is not open). */
export const MemoryMapRequest = new RequestType<TextDocumentParams, MapModel | null, void>('kexecLayout/memoryMap');

/** Sent after a document's check finished, so an open map asks for the new model. */
export interface MemoryMapChangedParams { uri: string; version: number }
export const MemoryMapChangedNotification = new NotificationType<MemoryMapChangedParams>('kexecLayout/didChangeMemoryMap');

/** Converts a memory-map or kexec dump the user already has into layout text. */
/** `snapshot`: which copy of a file holding several to import (1-based; the last when absent). */
export interface ImportLayoutParams { path: string; format?: string; snapshot?: number }
/** `snapshots`: the formats the file holds several copies of, so the client can offer the others. */
export type ImportLayoutResult = { text: string; snapshots?: { format: string; lines: number[]; chosen: number }[] } | { error: string };
export const ImportLayoutRequest = new RequestType<ImportLayoutParams, ImportLayoutResult, void>('kexecLayout/importLayout');

/** Server → client: the text of a file an `import` names, read by the client (the browser host
 *  has no file system; VS Code's file system API also reaches virtual workspaces). `uri` is
 *  absolute; the client refuses files over `maxBytes` and, in Restricted Mode, outside the workspace. */
export interface ReadFileParams { uri: string; maxBytes?: number }
export type ReadFileResult = { text: string } | { error: string };
export const ReadFileRequest = new RequestType<ReadFileParams, ReadFileResult, void>('kexecLayout/readFile');

/** Client → server: whether the workspace is trusted and its folders (file-system paths). Sent in
 *  initializationOptions as `workspaceTrust` and, as this notification, when trust is granted or the
 *  folders change. While untrusted, the Node server reads imports and load files only inside these
 *  folders (symlinks resolved). A server never told (the CLI, other editors) reads as trusted. */
export interface WorkspaceTrustParams { trusted: boolean; folders: string[] }
export const WorkspaceTrustNotification = new NotificationType<WorkspaceTrustParams>('kexecLayout/didChangeWorkspaceTrust');
