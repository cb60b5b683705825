// The extension on the desktop (and code-server's Node host): starts the language server as a Node process
// and registers the commands (commands.ts). The browser's entry is browserExtension.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { api, clientOptions, registerFeatures, stopClient, type TikTokErrorsApi } from './commands';

export type { TikTokErrorsApi } from './commands';

/**
 * Node's permission model for the server where the extension host is Node (code-server, remote hosts) and the
 * runtime has it: files may be read; no process, no file writing, no worker may be started. Desktop VS Code
 * runs extensions on Electron, whose support of these flags is not promised: there the server starts without.
 */
function permissionFlags(): string[] {
  if (process.versions.electron) return [];
  const known = process.allowedNodeEnvironmentFlags;
  const flag = known.has('--permission') ? '--permission' : known.has('--experimental-permission') ? '--experimental-permission' : undefined;
  if (!flag) return [];
  return [flag, '--allow-fs-read=*', ...(known.has('--disable-warning') ? ['--disable-warning=ExperimentalWarning'] : [])];
}

export async function activate(context: vscode.ExtensionContext): Promise<TikTokErrorsApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: permissionFlags() } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Every document: codes show up in code, logs, Markdown, JSON and YAML alike.
  const client = new LanguageClient('tiktokErrors', 'TikTok API Errors', serverOptions, clientOptions(context, [{ scheme: 'file' }, { scheme: 'untitled' }]));
  registerFeatures(context, client, { onDisk: true });
  await client.start();
  return api('node');
}

export function deactivate(): Promise<void> {
  return stopClient();
}
