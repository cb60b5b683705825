// The VS Code side: starts the language server and registers commands. All analysis lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every document: codes show up in code, logs, Markdown, JSON and YAML alike.
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    synchronize: { configurationSection: 'tiktokErrors' },
    outputChannelName: 'TikTok API Errors',
  };
  client = new LanguageClient('tiktokErrors', 'TikTok API Errors', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('tiktokErrors.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('tiktokErrors.showOutput', () => client?.outputChannel.show(true)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
