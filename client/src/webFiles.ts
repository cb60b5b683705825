// In a browser the server's worker has no file system: it asks the client for the files it needs (imports,
// the workspace index, the coverage scan), and the client reads them through the editor's (workspace.fs).
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

/** Always left out of a search, whatever `files.exclude` says, as the desktop's walk does. */
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

/** The most files a search returns: the server indexes 20,000 at most. */
const MAX_FOUND = 50_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A path glob matches itself only: braces, brackets and stars in a file's ending are read literally. */
const literal = (text: string) => text.replace(/[{}[\]*?,]/g, (c) => `[${c}]`);

/**
 * One of the extension's own files: through the editor's file system (code-server serves an extension as
 * `vscode-remote:`), or, where the extension is served over https (vscode.dev, github.dev), from its address,
 * for which no file system is registered.
 */
export async function extensionFile(uri: vscode.Uri): Promise<Uint8Array> {
  if (uri.scheme !== 'http' && uri.scheme !== 'https') return vscode.workspace.fs.readFile(uri);
  const response = await fetch(uri.toString(true));
  if (!response.ok) throw new Error(`${uri.toString(true)}: ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

export function serveFiles(client: BaseLanguageClient, extensionUri: vscode.Uri): void {
  // The server's grammars (and tree-sitter's runtime), by file name: only dist/grammars/*.wasm.
  client.onRequest('tiktokErrors/grammar', async (params: unknown) => {
    if (!isObject(params) || typeof params.file !== 'string' || !/^[a-z-]+\.wasm$/.test(params.file)) return null;
    try {
      return await extensionFile(vscode.Uri.joinPath(extensionUri, 'dist', 'grammars', params.file));
    } catch {
      return null;
    }
  });

  client.onRequest('tiktokErrors/readFile', async (params: unknown) => {
    if (!isObject(params) || typeof params.uri !== 'string' || typeof params.maxBytes !== 'number') return null;
    try {
      const uri = vscode.Uri.parse(params.uri, true);
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) === 0) return null;
      if (stat.size > params.maxBytes) return { tooLarge: true };
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return null;
    }
  });

  client.onRequest('tiktokErrors/readDirectory', async (params: unknown) => {
    if (!isObject(params) || typeof params.uri !== 'string') return null;
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(params.uri, true));
      return entries.filter(([, type]) => (type & vscode.FileType.File) !== 0).map(([name]) => name);
    } catch {
      return null;
    }
  });

  client.onRequest('tiktokErrors/findFiles', async (params: unknown, token) => {
    if (!isObject(params) || typeof params.folder !== 'string' || !Array.isArray(params.extensions)) return null;
    const extensions = params.extensions.filter((e): e is string => typeof e === 'string' && e.startsWith('.')).map((e) => literal(e.slice(1)));
    const asked = Array.isArray(params.exclude) ? params.exclude.filter((e): e is string => typeof e === 'string') : [];
    // A glob given here replaces files.exclude, so its keys are added back.
    const excluded = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude') ?? {};
    const exclude = [...ALWAYS_EXCLUDED, ...Object.entries(excluded).filter(([, on]) => on).map(([glob]) => glob), ...asked.map((glob) => (glob.startsWith('**/') ? glob : `**/${glob.replace(/^\//, '')}`))];
    const include = new vscode.RelativePattern(vscode.Uri.parse(params.folder, true), `**/*.{${extensions.join(',')}}`);
    const found = await vscode.workspace.findFiles(include, `{${exclude.join(',')}}`, MAX_FOUND, token);
    return found.map((uri) => uri.toString());
  });
}
