// The server's host on Node: the disk, `file:` URIs, links resolved, rule pages in the installed package.
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { diskReaders, filesOnDisk } from '../analysis/files/filesOnDisk';
import { ruleDocUri } from '../ruleDocs';
import type { ServerHost } from './host';

/** Node's permission model is on and forbids starting processes (the extension's flags, or a user's own). */
function underPermissionModel(): boolean {
  const permission = (process as { permission?: { has(scope: string): boolean } }).permission;
  return typeof permission?.has === 'function' && !permission.has('child');
}

export const nodeHost: ServerHost = {
  pathOf(uri) {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
  uriOf: (path) => pathToFileURL(path).href,
  realPath(path) {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  },
  separator: sep,
  readers: diskReaders,
  sourceFiles: filesOnDisk,
  ruleDocUri,
  underPermissionModel: underPermissionModel(),
};
