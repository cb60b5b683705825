// The language server in a browser's worker (the web extension): the same server as on Node, over the
// worker's messages, with the web host's files (webHost.ts).
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './languageServer';
import { webHost } from './webHost';

/** The worker's global scope: messages in and out. */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, webHost(connection));
