// Messages between the extension host and the memory-map webview. Both sides validate what they
// receive with these guards: every field's type, and no fields beyond the declared ones.

import type { MapModel, SourceRange } from '../render/mapModel';
import { isMapModel, isSourceRange } from '../render/validateModel';

export const PROTOCOL_VERSION = 1;

export type HostToWebview =
  /** A full model; `uri` is the document it belongs to (kept in the webview state for restore). */
  | { v: 1; type: 'model'; model: MapModel; uri: string }
  /** The cursor's 0-based line in that document, or null to clear the highlight. */
  | { v: 1; type: 'highlight'; line: number | null }
  | { v: 1; type: 'requestSvg' };

export type WebviewToHost =
  | { v: 1; type: 'ready' }
  | { v: 1; type: 'reveal'; range: SourceRange }
  /** The picture as shown (scale mode included), in reply to requestSvg or from the export button. */
  | { v: 1; type: 'svg'; svg: string }
  | { v: 1; type: 'error'; message: string };

type Obj = Record<string, unknown>;

function hasExactly(x: unknown, keys: string[]): x is Obj {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const own = Object.keys(x);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(x, k));
}

const isLine = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** Exported SVGs and error texts above this size are refused rather than handled. */
export const MAX_TEXT = 64 * 1024 * 1024;

export function isHostToWebview(x: unknown): x is HostToWebview {
  if (typeof x !== 'object' || x === null || (x as Obj).v !== PROTOCOL_VERSION) return false;
  switch ((x as Obj).type) {
    case 'model':
      return hasExactly(x, ['v', 'type', 'model', 'uri']) && typeof x.uri === 'string' && isMapModel(x.model);
    case 'highlight':
      return hasExactly(x, ['v', 'type', 'line']) && (x.line === null || isLine(x.line));
    case 'requestSvg':
      return hasExactly(x, ['v', 'type']);
    default:
      return false;
  }
}

export function isWebviewToHost(x: unknown): x is WebviewToHost {
  if (typeof x !== 'object' || x === null || (x as Obj).v !== PROTOCOL_VERSION) return false;
  switch ((x as Obj).type) {
    case 'ready':
      return hasExactly(x, ['v', 'type']);
    case 'reveal':
      return hasExactly(x, ['v', 'type', 'range']) && isSourceRange(x.range);
    case 'svg':
      return hasExactly(x, ['v', 'type', 'svg']) && typeof x.svg === 'string' && x.svg.length <= MAX_TEXT;
    case 'error':
      return hasExactly(x, ['v', 'type', 'message']) && typeof x.message === 'string' && x.message.length <= MAX_TEXT;
    default:
      return false;
  }
}
