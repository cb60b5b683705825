// The folders the client opened as its workspace (initialize, then workspace/didChangeWorkspaceFolders): the
// coverage scan reads these and what lies below them, nothing else.
import type { ServerHost } from './host';

export class WorkspaceRoots {
  private roots = new Set<string>();

  constructor(private readonly host: Pick<ServerHost, 'pathOf' | 'realPath' | 'separator'>) {}

  private pathOf(folder: unknown): string | undefined {
    const uri = typeof folder === 'object' && folder !== null ? (folder as { uri?: unknown }).uri : undefined;
    if (typeof uri !== 'string') return undefined;
    const path = this.host.pathOf(uri);
    return path === undefined ? undefined : this.host.realPath(path);
  }

  set(folders: readonly unknown[]): void {
    this.roots = new Set(folders.map((f) => this.pathOf(f)).filter((p): p is string => p !== undefined));
  }

  change(added: readonly unknown[], removed: readonly unknown[]): void {
    for (const path of removed.map((f) => this.pathOf(f))) if (path) this.roots.delete(path);
    for (const path of added.map((f) => this.pathOf(f))) if (path) this.roots.add(path);
  }

  /** The workspace folders, links resolved. */
  list(): string[] {
    return [...this.roots];
  }

  /** Whether `folder` is a workspace folder or lies inside one. */
  holds(folder: string): boolean {
    const path = this.host.realPath(folder);
    const { separator } = this.host;
    for (const root of this.roots) if (path === root || path.startsWith(root.endsWith(separator) ? root : root + separator)) return true;
    return false;
  }
}
