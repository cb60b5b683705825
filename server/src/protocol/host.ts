// What the language server needs of where it runs: Node (nodeHost.ts: the disk, file: URIs, Node's permission
// model) or a browser's worker (webHost.ts: the editor's file system, read through the client). The server
// itself (languageServer.ts) reads no file and imports no Node module.
import type { InitializeParams } from 'vscode-languageserver';
import type { SourceFiles } from '../analysis/files/sourceFiles';
import type { FileReaders } from '../imports';

export interface ServerHost {
  /**
   * A document's or folder's URI as a path that imports resolve over (node:path's functions, path-browserify's
   * in a browser), or undefined where it has none.
   */
  pathOf(uri: string): string | undefined;
  /** The URI of such a path. */
  uriOf(path: string): string;
  /** The path with its links resolved where the host can (a link into or out of the workspace is seen through). */
  realPath(path: string): string;
  /** The separator that ends a folder's path (node:path's `sep`). */
  readonly separator: string;
  /** Texts and folders' names for the import resolver, within `maxBytes()`. */
  readers(maxBytes: () => number): FileReaders;
  /** The files of a workspace folder, for the index and the coverage scan. */
  readonly sourceFiles: SourceFiles;
  /** The page of a rule, as a URI the editor opens. */
  ruleDocUri(rule: string): string | undefined;
  /** Whether the server runs under Node's permission model (said to the client). */
  readonly underPermissionModel: boolean;
  /** Where the server runs, for its first line in the log, where it is not a Node process. */
  readonly runsIn?: string;
  /** Told the client's initialize params before anything else is answered. */
  initialize?(params: InitializeParams): void;
}
