// A strict reader of LSP base-protocol framing on a byte stream (stdio): `Content-Length: N`
// (decimal digits only), optional `Content-Type` (UTF-8), `\r\n\r\n`, then exactly N bytes of
// JSON. Anything else — a missing, negative or huge length, a header that never ends, a body
// that is not a JSON object — is a framing error: reported once through onError, and reading
// stops (the stream has lost its message boundaries; main.ts then exits so the client restarts
// the server instead of talking to a server that went silent).

import { StringDecoder } from 'node:string_decoder';
import { AbstractMessageReader, type DataCallback, type Disposable, type Message, type MessageReader } from 'vscode-languageserver/node';

export const MAX_HEADER_BYTES = 8 * 1024;
/** A 100,000-line layout is a few MB; V8 strings stop near 512 MiB. */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

const CRLFCRLF = Buffer.from('\r\n\r\n');

export class FramingError extends Error {}

export class StrictStreamReader extends AbstractMessageReader implements MessageReader {
  /** Header phase: the bytes read since the last message (a header is at most MAX_HEADER_BYTES). */
  private head: Buffer = Buffer.alloc(0);
  /** Body phase: bytes still to read (-1: reading a header), and the body decoded so far. */
  private remaining = -1;
  private parts: string[] = [];
  private decoder = new StringDecoder('utf8');
  private failed = false;
  private callback: DataCallback | undefined;

  constructor(private readonly input: NodeJS.ReadableStream, private readonly maxBody = MAX_BODY_BYTES) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (d: Buffer | string) => this.onData(typeof d === 'string' ? Buffer.from(d, 'utf8') : d);
    const onError = (e: Error) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onClose);
    this.input.on('close', onClose);
    return {
      dispose: () => {
        this.input.off('data', onData);
        this.input.off('error', onError);
        this.input.off('end', onClose);
        this.input.off('close', onClose);
      },
    };
  }

  private fail(message: string): void {
    this.failed = true;
    this.head = Buffer.alloc(0);
    this.parts = [];
    this.fireError(new FramingError(message));
  }

  /**
   * A body is decoded chunk by chunk as it arrives (no copy of the whole body into one buffer, no
   * decode of it at the end): a 30 MB didOpen then costs only its JSON.parse once complete, and the
   * requests queued behind it wait that much less.
   */
  private onData(data: Buffer): void {
    let chunk = data;
    while (!this.failed && chunk.length > 0) {
      if (this.remaining < 0) {
        const all = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
        const end = all.subarray(0, MAX_HEADER_BYTES + CRLFCRLF.length).indexOf(CRLFCRLF);
        if (end < 0) {
          if (all.length > MAX_HEADER_BYTES) { this.fail(`no end of header after ${MAX_HEADER_BYTES} bytes`); return; }
          this.head = Buffer.from(all);
          return;
        }
        this.head = Buffer.alloc(0);
        const length = this.parseHeader(all.subarray(0, end).toString('ascii'));
        if (length < 0) return;
        this.remaining = length;
        chunk = all.subarray(end + CRLFCRLF.length);
        if (length > 0 && chunk.length === 0) return;
      }
      const n = Math.min(this.remaining, chunk.length);
      if (n > 0) this.parts.push(this.decoder.write(chunk.subarray(0, n)));
      this.remaining -= n;
      chunk = chunk.subarray(n);
      if (this.remaining > 0) return;
      this.remaining = -1;
      const text = this.parts.join('') + this.decoder.end();
      this.parts = [];
      this.decoder = new StringDecoder('utf8');
      this.deliver(text);
    }
  }

  private deliver(body: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(body);
    } catch (e) {
      this.fail(`the message body is not JSON (${e instanceof Error ? e.message : String(e)})`);
      return;
    }
    if (!msg || typeof msg !== 'object' || Array.isArray(msg)) { this.fail('the message body is not a JSON object'); return; }
    this.callback?.(msg as Message);
  }

  /** Content-Length from the header, or -1 after reporting a framing error. */
  private parseHeader(header: string): number {
    let length = -1;
    for (const line of header.split('\r\n')) {
      const m = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*?)[ \t]*$/.exec(line);
      if (!m) { this.fail(`malformed header line ${JSON.stringify(line.slice(0, 80))}`); return -1; }
      const name = m[1].toLowerCase();
      if (name === 'content-length') {
        if (!/^\d{1,10}$/.test(m[2])) { this.fail(`Content-Length is not a byte count: ${JSON.stringify(m[2].slice(0, 40))}`); return -1; }
        length = Number(m[2]);
        if (length > this.maxBody) { this.fail(`Content-Length ${length} is over the ${this.maxBody}-byte limit`); return -1; }
      } else if (name === 'content-type') {
        const charset = /charset=([^;\s]+)/i.exec(m[2]);
        if (charset && !/^utf-?8$/i.test(charset[1])) { this.fail(`unsupported charset ${charset[1]}`); return -1; }
      }
    }
    if (length < 0) { this.fail('no Content-Length header'); return -1; }
    return length;
  }
}
