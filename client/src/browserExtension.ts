// The extension in a browser (vscode.dev, github.dev, code-server's web worker host): the same server, bundled
// for a web worker (dist/browserServer.js), and the same commands (commands.ts). The worker has no disk: the
// client reads files for it (webFiles.ts), the grammars from the extension's own folder included.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { api, clientOptions, registerFeatures, stopClient, type TikTokErrorsApi } from './commands';
import { extensionFile, serveFiles } from './webFiles';

/** A browser's worker, as the web extension host has one. */
type ServerWorker = ConstructorParameters<typeof BrowserMessageReader>[0] & { terminate(): void };
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker;

export async function activate(context: vscode.ExtensionContext): Promise<TikTokErrorsApi> {
  // Started from the script's text: the web worker host refuses a worker from a remote extension's URI
  // (code-server's `vscode-remote:`), and a blob is allowed everywhere.
  const script = await extensionFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'browserServer.js'));
  const scriptUrl = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
  // A fresh worker at each start (Restart Language Server), the last one ended first. Its transports are made
  // here: the client's own test (`instanceof Worker`) fails where the host has wrapped `Worker`.
  let worker: ServerWorker | undefined;
  const startWorker = async () => {
    worker?.terminate();
    worker = new Worker(scriptUrl, { name: 'TikTok API Errors server' });
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  // Every document of the workspace's file systems, and untitled ones; not the editor's own (output, settings).
  const schemes = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-test-web', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  const options = clientOptions(context, [...schemes].map((scheme) => ({ scheme })), { extensionUri: context.extensionUri.toString(true) });
  const client = new LanguageClient('tiktokErrors', 'TikTok API Errors', startWorker, options);
  serveFiles(client, context.extensionUri);
  registerFeatures(context, client, { onDisk: false });
  await client.start();
  return api('browser');
}

export function deactivate(): Promise<void> {
  return stopClient();
}
