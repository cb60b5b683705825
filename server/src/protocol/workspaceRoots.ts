// The folders the client opened as its workspace (initialize, then workspace/didChangeWorkspaceFolders): the
// coverage scan reads these and what lies below them, nothing else.
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A path with its links resolved where it exists, so that a link into or out of the workspace is seen through. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function pathOf(folder: unknown): string | undefined {
  const uri = typeof folder === 'object' && folder !== null ? (folder as { uri?: unknown }).uri : undefined;
  if (typeof uri !== 'string' || !uri.startsWith('file:')) return undefined;
  try {
    return real(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export class WorkspaceRoots {
  private roots = new Set<string>();

  set(folders: readonly unknown[]): void {
    this.roots = new Set(folders.map(pathOf).filter((p): p is string => p !== undefined));
  }

  change(added: readonly unknown[], removed: readonly unknown[]): void {
    for (const path of removed.map(pathOf)) if (path) this.roots.delete(path);
    for (const path of added.map(pathOf)) if (path) this.roots.add(path);
  }

  /** The workspace folders, links resolved. */
  list(): string[] {
    return [...this.roots];
  }

  /** Whether `folder` is a workspace folder or lies inside one. */
  holds(folder: string): boolean {
    const path = real(folder);
    for (const root of this.roots) if (path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)) return true;
    return false;
  }
}
