// The LSP lifecycle and framing over real stdio: -32002 before initialize, a second initialize
// refused, InvalidRequest after shutdown, exit honoured in every state, and a framing error
// logged with the process exiting (so the client restarts it) instead of going silent.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { StreamMessageReader } from 'vscode-languageserver-protocol/node';
import { ROOT } from './client';

interface Raw {
  proc: ChildProcess;
  send(msg: object): void;
  sendBytes(b: string | Buffer): void;
  next(): Promise<{ id?: number; result?: unknown; error?: { code: number; message: string }; method?: string }>;
  exited: Promise<{ code: number | null; ms: number }>;
  stderr(): string;
}

function rawServer(): Raw {
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist/server/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => { err += d; });
  const queue: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  new StreamMessageReader(proc.stdout!).listen((m) => {
    // Log messages are not answers; keep only responses and other notifications.
    const w = waiting.shift();
    if (w) w(m); else queue.push(m);
  });
  let t0 = Date.now();
  const exited = new Promise<{ code: number | null; ms: number }>((r) => proc.on('exit', (code) => r({ code, ms: Date.now() - t0 })));
  return {
    proc,
    send: (msg) => { const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8'); proc.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`); proc.stdin!.write(body); },
    sendBytes: (b) => { t0 = Date.now(); proc.stdin!.write(b); },
    next: () => new Promise((r) => { const m = queue.shift(); if (m) r(m as never); else waiting.push(r as never); }),
    exited,
    stderr: () => err,
  };
}

async function answer(s: Raw, id: number): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  for (;;) {
    const m = await s.next();
    if (m.id === id && m.method === undefined) return m;
  }
}

const INIT = { processId: null, rootUri: null, capabilities: {} };
const HOVER = { textDocument: { uri: 'file:///x.kexec' }, position: { line: 0, character: 0 } };

test('before initialize: requests get -32002, notifications are dropped; exit then ends with status 1', async () => {
  const s = rawServer();
  s.send({ id: 1, method: 'textDocument/hover', params: HOVER });
  const a = await answer(s, 1);
  assert.equal(a.error?.code, -32002);
  s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x.kexec', languageId: 'kexec-layout', version: 1, text: 'arch x86_64\n' } } });
  s.send({ id: 2, method: 'shutdown' });
  assert.equal((await answer(s, 2)).error?.code, -32002);
  s.send({ method: 'exit' });
  assert.equal((await s.exited).code, 1);
});

test('initialize once: a second initialize is an error; the dropped didOpen left no document', async () => {
  const s = rawServer();
  s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x.kexec', languageId: 'kexec-layout', version: 1, text: 'arch x86_64\n' } } });
  s.send({ id: 1, method: 'initialize', params: INIT });
  const init = await answer(s, 1);
  assert.ok((init.result as { capabilities: unknown }).capabilities);
  s.send({ method: 'initialized', params: {} });
  s.send({ id: 2, method: 'initialize', params: INIT });
  const again = await answer(s, 2);
  assert.equal(again.error?.code, -32600);
  assert.match(again.error!.message, /only be sent once/);
  s.send({ id: 3, method: 'textDocument/hover', params: HOVER });
  assert.equal((await answer(s, 3)).result, null);
  s.send({ method: 'exit' }); // without shutdown: status 1
  assert.equal((await s.exited).code, 1);
});

test('after shutdown: requests are InvalidRequest, a second shutdown too; exit ends with status 0', async () => {
  const s = rawServer();
  s.send({ id: 1, method: 'initialize', params: INIT });
  await answer(s, 1);
  s.send({ method: 'initialized', params: {} });
  s.send({ id: 2, method: 'shutdown' });
  const down = await answer(s, 2);
  assert.equal(down.error, undefined);
  assert.equal(down.result, null);
  s.send({ id: 3, method: 'textDocument/hover', params: HOVER });
  assert.equal((await answer(s, 3)).error?.code, -32600);
  s.send({ id: 4, method: 'shutdown' });
  assert.equal((await answer(s, 4)).error?.code, -32600);
  s.send({ method: 'exit' });
  assert.equal((await s.exited).code, 0);
});

const FRAMING: [string, string | Buffer, RegExp][] = [
  ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}', /Content-Length is not a byte count/],
  ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', /no Content-Length/],
  ['a Content-Length too short for the body', 'Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}', /not JSON/],
  ['a huge Content-Length', 'Content-Length: 99999999999\r\n\r\n', /not a byte count|over the/],
  ['random bytes', Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919 + 13) % 251)), /malformed header line|no end of header/],
];

for (const [name, bytes, why] of FRAMING) {
  test(`framing error (${name}): logged, and the process exits within a second`, async () => {
    const s = rawServer();
    // Time from a server that is up and answering (start-up is not what is measured).
    s.send({ id: 1, method: 'textDocument/hover', params: HOVER });
    await answer(s, 1);
    s.sendBytes(bytes);
    const { code, ms } = await s.exited;
    assert.equal(code, 1);
    assert.ok(ms < 1000, `${ms} ms`);
    assert.match(s.stderr(), why);
    assert.match(s.stderr(), /exiting so the client can restart the server/);
  });
}

test('framing error after initialize: the server still exits (it does not go silent)', async () => {
  const s = rawServer();
  s.send({ id: 1, method: 'initialize', params: INIT });
  await answer(s, 1);
  s.sendBytes('Content-Length: abc\r\n\r\n');
  const { code } = await s.exited;
  assert.equal(code, 1);
});

test('the client closing stdin ends the server', async () => {
  const s = rawServer();
  s.send({ id: 1, method: 'initialize', params: INIT });
  await answer(s, 1);
  s.proc.stdin!.end();
  assert.equal((await s.exited).code, 1);
});
