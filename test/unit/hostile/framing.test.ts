// StrictStreamReader (server/src/node/framing.ts) on chunkings a pipe can produce: a message cut
// anywhere (inside the header, inside a multi-byte UTF-8 character), several messages in one chunk,
// and a body that is not JSON after good ones. The messages read must be the ones written.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { StrictStreamReader } from '../../../server/src/node/framing';

function frame(msg: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(msg), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`, 'ascii'), body]);
}

function read(chunks: Buffer[]): { messages: unknown[]; errors: string[] } {
  const input = new PassThrough();
  const reader = new StrictStreamReader(input);
  const messages: unknown[] = [];
  const errors: string[] = [];
  reader.listen((m) => messages.push(m));
  reader.onError((e) => errors.push(e instanceof Error ? e.message : String(e)));
  // PassThrough emits synchronously on write while flowing.
  for (const c of chunks) input.write(c);
  return { messages, errors };
}

const MESSAGES = [
  { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} },
  { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text: 'region 0x0 .. 0x1000 ram "Grüße ✓ 𝄞"\n'.repeat(50) } },
  { jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { position: { line: 0, character: 3 } } },
];

test('every cut point of the stream, one byte at a time and in pairs of pieces, reads the same messages', () => {
  const all = Buffer.concat(MESSAGES.map(frame));
  assert.deepEqual(read([...all].map((b) => Buffer.from([b]))), { messages: MESSAGES, errors: [] });
  for (let cut = 1; cut < all.length; cut += 7) {
    assert.deepEqual(read([all.subarray(0, cut), all.subarray(cut)]), { messages: MESSAGES, errors: [] }, `cut at ${cut}`);
  }
  assert.deepEqual(read([all]), { messages: MESSAGES, errors: [] });
});

test('a body that is not JSON after good messages: the good ones are read, then one framing error, then nothing', () => {
  const bad = Buffer.from('Content-Length: 5\r\n\r\nhello', 'ascii');
  const r = read([frame(MESSAGES[0]), bad, frame(MESSAGES[2])]);
  assert.deepEqual(r.messages, [MESSAGES[0]]);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0], /not JSON/);
});

test('a header without an end is refused once it passes the header limit; an empty body is not JSON', () => {
  const r = read([Buffer.from('Content-Length: 10\r\n' + 'X-Pad: y\r\n'.repeat(1000), 'ascii')]);
  assert.deepEqual(r.messages, []);
  assert.match(r.errors[0], /no end of header/);
  const empty = read([Buffer.from('Content-Length: 0\r\n\r\n', 'ascii')]);
  assert.match(empty.errors[0], /not JSON/);
});
