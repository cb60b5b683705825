// The server's host in a browser's worker (vscode.dev, github.dev, code-server's web worker host): no disk, so
// every file that is not open is read by the client through the editor's file system (`workspace.fs`,
// `workspace.findFiles`), and so are the grammars, from the extension's own folder.
import { useGrammarFiles } from '../analysis/parsing';
import { siftText, type SiftedFile } from '../analysis/files/sourceFiles';
import { languages } from '../languages';
import type { _Connection as Connection } from 'vscode-languageserver';
import type { ServerHost } from './host';

/** Requests the browser's client answers for the server (client/src/webFiles.ts). */
export const FILE_REQUESTS = {
  /** `{ uri, maxBytes }` → the text, `{ tooLarge: true }`, or null where there is no readable file. */
  readFile: 'tiktokErrors/readFile',
  /** `{ uri }` → the names of the files in a folder, or null. */
  readDirectory: 'tiktokErrors/readDirectory',
  /** `{ folder, extensions, exclude }` → the URIs of the files with these endings under a folder. */
  findFiles: 'tiktokErrors/findFiles',
  /** `{ file }` → the bytes of one of the extension's dist/grammars/ files (the runtime or a grammar). */
  grammar: 'tiktokErrors/grammar',
} as const;

/**
 * A URI as a path the import resolver can walk with posix functions: its scheme and authority become the
 * first segment, so `vscode-vfs://github/o/r/src/a.ts` is `/vscode-vfs%3A%2F%2Fgithub/o/r/src/a.ts`, and
 * `../codes` from it stays within that repository. Query and fragment have no part in a file's name.
 */
export function pathOfUri(uri: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i.exec(uri);
  if (!match) return undefined;
  return `/${encodeURIComponent(`${match[1]}://${match[2]}`)}${match[3] || '/'}`;
}

/** The URI of a path made by pathOfUri. */
export function uriOfPath(path: string): string {
  const match = /^\/([^/]+)(\/.*)?$/.exec(path);
  if (!match) return path;
  const origin = decodeURIComponent(match[1]!);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(origin) ? origin + (match[2] ?? '') : path;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface WebOptions {
  /** The extension's own URI, for the rule pages it ships. */
  extensionUri?: unknown;
}

export function webHost(connection: Connection): ServerHost {
  let extensionUri: string | undefined;
  // The client reads them from the extension's own folder, whatever its scheme (workspace.fs, or the
  // extension's https address), and hands the bytes over.
  useGrammarFiles({
    async read(file) {
      const bytes = await connection.sendRequest<Uint8Array | null>(FILE_REQUESTS.grammar, { file });
      if (!(bytes instanceof Uint8Array)) throw new Error(`${file}: the client could not read it`);
      return bytes;
    },
  });

  async function readFile(uri: string, maxBytes: number): Promise<string | { tooLarge: true } | null> {
    try {
      return await connection.sendRequest<string | { tooLarge: true } | null>(FILE_REQUESTS.readFile, { uri, maxBytes });
    } catch {
      return null;
    }
  }
  const extensions = [...new Set(languages.flatMap((l) => l.fileExtensions))];

  return {
    pathOf: pathOfUri,
    uriOf: uriOfPath,
    realPath: (path) => path,
    separator: '/',
    readers: (maxBytes) => ({
      async read(path) {
        const text = await readFile(uriOfPath(path), maxBytes());
        return typeof text === 'string' ? text : undefined;
      },
      async list(dir) {
        try {
          return (await connection.sendRequest<string[] | null>(FILE_REQUESTS.readDirectory, { uri: uriOfPath(dir) })) ?? undefined;
        } catch {
          return undefined;
        }
      },
    }),
    sourceFiles: {
      async list(roots, { exclude = [], isCancelled }) {
        const found: string[] = [];
        for (const root of roots) {
          if (isCancelled?.()) break;
          const uris = await connection.sendRequest<string[] | null>(FILE_REQUESTS.findFiles, { folder: uriOfPath(root), extensions, exclude });
          for (const uri of uris ?? []) {
            const path = pathOfUri(uri);
            if (path !== undefined) found.push(path);
          }
        }
        return found.sort(byCodeUnits);
      },
      async read(file, settings, catalog): Promise<SiftedFile> {
        const text = await readFile(uriOfPath(file), settings.maxFileSize);
        if (text === null) return { skipped: 'unreadable', reason: 'not readable' };
        if (typeof text !== 'string') return { skipped: 'large' };
        return siftText(text, settings, catalog);
      },
    },
    ruleDocUri: (rule) => (extensionUri ? `${extensionUri.replace(/\/$/, '')}/docs/rules/${rule}.md` : undefined),
    underPermissionModel: false,
    runsIn: "a browser's web worker",
    initialize(params) {
      const options = (params.initializationOptions ?? {}) as WebOptions;
      if (typeof options.extensionUri === 'string') extensionUri = options.extensionUri;
    },
  };
}
