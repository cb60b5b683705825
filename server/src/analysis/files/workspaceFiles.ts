// Walks folders for files of the supported languages, as git would see them: .gitignore files at every
// level, node_modules and .git skipped, extra exclude patterns (VS Code's files.exclude). Reading them is
// readForAnalysis.ts.
// Named imports: the bundle reaches a namespace import's members through getters, on every file of a walk.
import { readdirSync, type Dirent } from 'node:fs';
import { passTurn } from '../slices';
import { join, resolve, sep as separator } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { languageForPath } from '../../languages/index';
import { readSmallFile } from './readForAnalysis';

export interface WalkOptions {
  /** gitignore-style patterns applied at each root, such as the keys of `files.exclude`. */
  readonly exclude?: readonly string[];
  readonly isCancelled?: () => boolean;
  /** Called after each folder, with how many files have been found so far. */
  readonly onFound?: (files: number) => void;
}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

interface Rules {
  readonly base: string;
  readonly matcher: Ignore;
}

function readIgnoreFile(dir: string): Rules | undefined {
  try {
    // Only a regular file, and only so much of it: a FIFO or a link to /dev/zero named .gitignore is passed by.
    return { base: dir, matcher: ignore().add(readSmallFile(join(dir, '.gitignore'))) };
  } catch {
    return undefined;
  }
}

/** Directories read between two turns of the event loop: the server keeps answering during a scan. */
const DIRECTORIES_PER_TURN = 32;

/** `file` under `folder`, which holds it: a slice, as path.relative costs more than the rest of a walk's step. */
export function under(folder: string, file: string): string {
  return file.slice(folder.length + (folder.endsWith(separator) ? 0 : 1));
}

function isIgnored(rules: readonly Rules[], file: string, isDirectory: boolean): boolean {
  for (const { base, matcher } of rules) {
    // Every rule comes from the root or a folder above the file.
    const relative = separator === '/' ? under(base, file) : under(base, file).split(separator).join('/');
    if (relative !== '' && matcher.ignores(isDirectory ? relative + '/' : relative)) return true;
  }
  return false;
}

/**
 * By UTF-16 code units, as git lists files: stable on every machine, and a locale's collation (ICU) cost a
 * run over this project's node_modules about 9 ms. What users read is sorted for them (reports, coverage).
 */
const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The files, in a stable order; their sizes are checked when they are read (readForAnalysis.ts). */
export async function walkSourceFiles(roots: readonly string[], options: WalkOptions = {}): Promise<string[]> {
  const files: string[] = [];
  let directories = 0;
  // Synchronous calls in between turns: a promise per directory entry costs more than the entry.
  async function visit(dir: string, rules: readonly Rules[]): Promise<void> {
    if (options.isCancelled?.()) return;
    if (++directories % DIRECTORIES_PER_TURN === 0) await passTurn();
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // Looked for in the listing: most folders have none, and a failed open costs a system call and an exception.
    const own = entries.some((e) => e.name === '.gitignore' && !e.isDirectory()) ? readIgnoreFile(dir) : undefined;
    const active = own ? [...rules, own] : rules;
    // Joined by hand: the folder is already normal, and path.join normalises every name again.
    const prefix = dir.endsWith(separator) ? dir : dir + separator;
    for (const entry of entries.sort(byName)) {
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !isIgnored(active, prefix + entry.name, true)) await visit(prefix + entry.name, active);
      } else if (entry.isFile() && languageForPath(entry.name) && !isIgnored(active, prefix + entry.name, false)) {
        files.push(prefix + entry.name);
      }
    }
    options.onFound?.(files.length);
  }
  for (const given of roots) {
    const root = resolve(given);
    const extra = options.exclude?.length ? [{ base: root, matcher: ignore().add([...options.exclude]) }] : [];
    await visit(root, extra);
  }
  return files;
}
