// Shape check of a MapModel received over a message channel: every field's type, hex strings
// parseable and at most 2^64. Used by the webview and the extension host on receipt.

import type { MapModel } from './mapModel';
import { isHexAddress } from './address';

type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNat = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const isStrOrNull = (x: unknown) => x === null || isStr(x);

const isPosition = (p: unknown) => isObj(p) && isNat(p.line) && isNat(p.character);

export function isSourceRange(x: unknown): boolean {
  return isObj(x) && isPosition(x.start) && isPosition(x.end);
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);
const JUMPS = new Set(['ok', 'fatal', 'corrupts', 'unknown']);

function isRegion(x: unknown): boolean {
  return isObj(x) && isStr(x.id) && isHexAddress(x.start) && isHexAddress(x.end) && isStr(x.type)
    && (x.label === undefined || isStr(x.label)) && isNat(x.depth)
    && (x.parent === undefined || isStr(x.parent)) && isSourceRange(x.source);
}

function isSegment(x: unknown): boolean {
  return isObj(x) && isStr(x.id) && isStr(x.name) && isHexAddress(x.start) && isHexAddress(x.end)
    && isBool(x.auto) && isBool(x.placed) && (x.severity === null || (isStr(x.severity) && SEVERITIES.has(x.severity)))
    && Array.isArray(x.messages) && x.messages.every(isStr) && isSourceRange(x.source);
}

function isUnaccepted(x: unknown): boolean {
  return isObj(x) && isHexAddress(x.start) && isHexAddress(x.end) && isSourceRange(x.source);
}

function isAccepted(x: unknown): boolean {
  return isObj(x) && isHexAddress(x.start) && isHexAddress(x.end) && isStr(x.segment) && isBool(x.guard);
}

function isOutcome(x: unknown): boolean {
  return isObj(x) && (x.load === 'ok' || x.load === 'fails' || x.load === 'unknown') && isStrOrNull(x.errno) && isStrOrNull(x.firstFailure)
    && isStr(x.jump) && JUMPS.has(x.jump) && isStr(x.summary);
}

export function isMapModel(x: unknown): x is MapModel {
  return isObj(x) && x.version === 1 && isStr(x.title) && isStr(x.arch) && isHexAddress(x.pageSize)
    && isHexAddress(x.acceptUnit) && isStrOrNull(x.kernel) && isStr(x.syscall) && isOutcome(x.outcome)
    && Array.isArray(x.regions) && x.regions.every(isRegion)
    && Array.isArray(x.unaccepted) && x.unaccepted.every(isUnaccepted)
    && Array.isArray(x.accepted) && x.accepted.every(isAccepted)
    && Array.isArray(x.segments) && x.segments.every(isSegment);
}
