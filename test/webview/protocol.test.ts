import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHostToWebview, isWebviewToHost } from '../../common/src/protocol/webview';
import { isMapModel } from '../../common/src/render/validateModel';
import { loadFixtures } from './fixtures';

const model = loadFixtures().find((f) => f.name === 'tdx-guest')!.model;
const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 12 } };
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

test('well-formed messages pass', () => {
  assert.ok(isHostToWebview({ v: 1, type: 'model', model, uri: 'file:///a.kexec' }));
  assert.ok(isHostToWebview({ v: 1, type: 'highlight', line: 0 }));
  assert.ok(isHostToWebview({ v: 1, type: 'highlight', line: null }));
  assert.ok(isHostToWebview({ v: 1, type: 'requestSvg' }));
  assert.ok(isWebviewToHost({ v: 1, type: 'ready' }));
  assert.ok(isWebviewToHost({ v: 1, type: 'reveal', range }));
  assert.ok(isWebviewToHost({ v: 1, type: 'svg', svg: '<svg/>' }));
  assert.ok(isWebviewToHost({ v: 1, type: 'error', message: 'boom' }));
  for (const f of loadFixtures()) assert.ok(isMapModel(f.model), f.name);
});

test('malformed host messages are rejected', () => {
  const bad: unknown[] = [
    null, undefined, 42, 'model', [], {},
    { type: 'highlight', line: 1 },
    { v: 2, type: 'highlight', line: 1 },
    { v: 1, type: 'highlight' },
    { v: 1, type: 'highlight', line: -1 },
    { v: 1, type: 'highlight', line: 1.5 },
    { v: 1, type: 'highlight', line: '1' },
    { v: 1, type: 'highlight', line: 1, extra: true },
    { v: 1, type: 'requestSvg', svg: '' },
    { v: 1, type: 'model', model },
    { v: 1, type: 'model', model, uri: 7 },
    { v: 1, type: 'model', model: null, uri: 'u' },
    { v: 1, type: 'reveal', range },
    { v: 1, type: 'nope' },
  ];
  for (const b of bad) assert.equal(isHostToWebview(b), false, JSON.stringify(b));
});

test('a model with any wrong field is rejected', () => {
  const mutations: Array<(m: Record<string, any>) => void> = [
    (m) => { m.version = 2; },
    (m) => { delete m.title; },
    (m) => { m.pageSize = 4096; },
    (m) => { m.acceptUnit = '0xZZ'; },
    (m) => { m.kernel = 6; },
    (m) => { m.outcome.load = 'maybe'; },
    (m) => { m.outcome.jump = 'fine'; },
    (m) => { m.regions[0].start = '100'; },
    (m) => { m.regions[0].end = '0x10000000000000001'; },
    (m) => { m.regions[0].depth = -1; },
    (m) => { m.regions[0].label = 5; },
    (m) => { m.regions[0].source.start.line = -2; },
    (m) => { m.regions = {}; },
    (m) => { m.segments[0].severity = 'fatal'; },
    (m) => { m.segments[0].messages = [1]; },
    (m) => { m.segments[0].placed = 'yes'; },
    (m) => { m.unaccepted[0].source = null; },
    (m) => { m.accepted[0].guard = 1; },
  ];
  for (const mutate of mutations) {
    const m = clone(model) as unknown as Record<string, any>;
    mutate(m);
    assert.equal(isMapModel(m), false, mutate.toString());
    assert.equal(isHostToWebview({ v: 1, type: 'model', model: m, uri: 'u' }), false);
  }
  const top = clone(model);
  top.regions[0].end = '0x10000000000000000';
  assert.ok(isMapModel(top), 'an end of exactly 2^64 is allowed');
});

test('malformed webview messages are rejected', () => {
  const bad: unknown[] = [
    null, {}, { type: 'ready' }, { v: 1, type: 'ready', x: 1 },
    { v: 1, type: 'reveal' },
    { v: 1, type: 'reveal', range: { start: { line: 1 }, end: { line: 1, character: 0 } } },
    { v: 1, type: 'reveal', range: { start: { line: -1, character: 0 }, end: { line: 1, character: 0 } } },
    { v: 1, type: 'reveal', range: 'file:///etc/passwd' },
    { v: 1, type: 'svg', svg: 5 },
    { v: 1, type: 'svg' },
    { v: 1, type: 'error', message: { toString: 'x' } },
    { v: 1, type: 'highlight', line: 1 },
  ];
  for (const b of bad) assert.equal(isWebviewToHost(b), false, JSON.stringify(b));
});
