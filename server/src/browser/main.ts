// The language server in a Web Worker (vscode.dev, github.dev, code-server's browser host): the
// same wiring as on Node (../server.ts) over the worker's postMessage, with the browser host.

import { createConnection, BrowserMessageReader, BrowserMessageWriter } from 'vscode-languageserver/browser';
import { startServer } from '../server';
import { LifecycleReader } from '../lifecycle';
import { browserHost } from './host';

// The worker's global scope: typed here so the shared layers stay free of DOM types.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const writer = new BrowserMessageWriter(self);
const reader = new LifecycleReader(new BrowserMessageReader(self), writer);
const connection = createConnection(reader, writer);
startServer(connection, browserHost(connection));
