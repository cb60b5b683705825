// The language server on Node: over stdio (`node dist/server.js --stdio`) for any editor, or over IPC under
// VS Code. The server itself is languageServer.ts; the browser's entry is browserServer.ts.
// The Node server reads the grammars from disk.
import '../grammarsOnDisk';
import { createConnection, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { SOURCE } from './convert';
import { StrictMessageReader } from './framing';
import { startServer } from './languageServer';
import { nodeHost } from './nodeHost';

// Keep serving through a bug in one handler rather than leave the editor without a server.
process.on('uncaughtException', (error) => console.error(`[${SOURCE}] uncaught: ${error.stack ?? error.message}`));

/**
 * Over stdio, messages are read strictly (framing.ts): a stream that breaks the base protocol ends the server
 * with one line on stderr and exit code 1, so that the client restarts it. Over VS Code's IPC, messages come
 * whole, and the library's own connection serves.
 */
function connect(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection();
  const reader = new StrictMessageReader(process.stdin);
  reader.onError((error) => {
    process.stderr.write(`[${SOURCE}] stopped: the client's stream breaks the protocol: ${error.message.split('\n')[0]}\n`);
    process.exit(1);
  });
  return createConnection(reader, new StreamMessageWriter(process.stdout));
}

startServer(connect(), nodeHost);
