// A real LSP client over stdio against the bundled server: the way Neovim, Helix or Zed would talk to it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { ClientCapabilities, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export interface TestClient {
  readonly connection: ProtocolConnection;
  readonly stderr: () => string;
  /** The messages the server logged (window/logMessage), in order. */
  readonly logs: string[];
  open(uri: string, languageId: string, text: string): Promise<void>;
  /** Resolves with the next diagnostics published for `uri` (optionally for a given version). */
  nextDiagnostics(uri: string, version?: number): Promise<Diagnostic[]>;
  close(): Promise<void>;
}

export async function startServer(
  initializationOptions?: unknown,
  capabilities: ClientCapabilities = {},
  workspace = process.cwd(),
  /** Answers workspace/configuration, for a client that declares it pulls settings. */
  configuration?: (section: string) => unknown,
  /** The server's command line: the bundle by default, an installed `tiktok-errors-language-server` where given. */
  command: readonly string[] = [process.execPath, 'dist/server.js', '--stdio'],
): Promise<TestClient> {
  const child: ChildProcessWithoutNullStreams = spawn(command[0]!, command.slice(1), { stdio: 'pipe' });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting: Array<{ uri: string; version?: number; resolve: (d: Diagnostic[]) => void; reject: (e: Error) => void }> = [];
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (params: { message: string }) => void logs.push(params.message));
  if (configuration) connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map((item) => configuration(item.section ?? '')));
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const index = waiting.findIndex((w) => w.uri === params.uri && (w.version === undefined || w.version === params.version));
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(params.diagnostics);
  });
  // A server that dies must fail the test at once, not leave it waiting.
  child.on('exit', (code, signal) => {
    const error = new Error(`the server exited (${signal ?? code}):\n${errors}`);
    for (const w of waiting.splice(0)) w.reject(error);
    connection.dispose();
  });
  connection.listen();
  // The repository is the workspace unless a test says otherwise: the coverage scan reads only the folders the client declares.
  const workspaceFolders = [{ uri: pathToFileURL(workspace).href, name: 'workspace' }];
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders, capabilities, initializationOptions });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    stderr: () => errors,
    logs,
    async open(uri, languageId, text) {
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    nextDiagnostics(uri, version) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within 20 s`)), 20_000);
        waiting.push({ uri, version, resolve: (d) => (clearTimeout(timer), resolve(d)), reject: (e) => (clearTimeout(timer), reject(e)) });
      });
    },
    async close() {
      if (child.exitCode !== null) return;
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } finally {
        connection.dispose();
        child.kill();
      }
    },
  };
}
