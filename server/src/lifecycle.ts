// The LSP lifecycle as the specification says, for any transport: before `initialize` every
// request is answered -32002 (ServerNotInitialized) and notifications are dropped; a second
// `initialize` is an error; after `shutdown` every request is InvalidRequest; `exit` always
// passes. It wraps the message reader, so no feature handler ever sees a message out of turn.

import {
  AbstractMessageReader, ErrorCodes, type DataCallback, type Disposable, type Message, type MessageReader, type MessageWriter,
} from 'vscode-languageserver';

export type LifecycleState = 'uninitialized' | 'running' | 'shutdown';

interface RawMessage { id?: unknown; method?: unknown }

export class LifecycleReader extends AbstractMessageReader implements MessageReader {
  state: LifecycleState = 'uninitialized';

  constructor(private readonly inner: MessageReader, private readonly writer: MessageWriter) {
    super();
    inner.onError((e) => this.fireError(e));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((p) => this.firePartialMessage(p));
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((msg) => { if (this.admit(msg)) callback(msg); });
  }

  override dispose(): void {
    super.dispose();
    this.inner.dispose();
  }

  /** True when the message may go on to the handlers; otherwise it is answered or dropped here. */
  private admit(msg: Message): boolean {
    const m = msg as RawMessage;
    if (typeof m.method !== 'string') return true; // a response to one of our requests
    const isRequest = typeof m.id === 'number' || typeof m.id === 'string';
    if (m.method === 'exit') return true; // honoured in every state
    if (this.state === 'uninitialized') {
      if (isRequest && m.method === 'initialize') { this.state = 'running'; return true; }
      if (isRequest) this.reject(m.id, ErrorCodes.ServerNotInitialized, `the server is not initialized: '${m.method}' before 'initialize'`);
      return false;
    }
    if (this.state === 'running') {
      if (isRequest && m.method === 'initialize') {
        this.reject(m.id, ErrorCodes.InvalidRequest, "'initialize' may only be sent once");
        return false;
      }
      if (isRequest && m.method === 'shutdown') this.state = 'shutdown';
      return true;
    }
    if (isRequest) this.reject(m.id, ErrorCodes.InvalidRequest, `the server is shut down: only 'exit' is accepted, not '${m.method}'`);
    return false;
  }

  private reject(id: unknown, code: number, message: string): void {
    void this.writer.write({ jsonrpc: '2.0', id: id as number | string, error: { code, message } } as Message).catch(() => undefined);
  }
}
