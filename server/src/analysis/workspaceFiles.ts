// Walks folders for files of the supported languages, as git would see them: .gitignore files at every
// level, node_modules and .git skipped, extra exclude patterns (VS Code's files.exclude); reads them up to
// a size limit, and sifts out those that cannot hold TikTok handling.
// Named imports: the bundle reaches a namespace import's members through getters, on every file of a walk.
import { closeSync, constants, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join, resolve, sep as separator } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { languageForPath } from '../languages';
import { catalog as defaultCatalog, namesEnoughCodes, type Catalog } from './catalog';
import type { Settings } from './settings';

export interface WalkOptions {
  /** gitignore-style patterns applied at each root, such as the keys of `files.exclude`. */
  readonly exclude?: readonly string[];
  readonly isCancelled?: () => boolean;
}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

interface Rules {
  readonly base: string;
  readonly matcher: Ignore;
}

function readIgnoreFile(dir: string): Rules | undefined {
  try {
    return { base: dir, matcher: ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8')) };
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

/** The files, in a stable order; their sizes are checked when they are read (readSourceFile). */
export async function walkSourceFiles(roots: readonly string[], options: WalkOptions = {}): Promise<string[]> {
  const files: string[] = [];
  let directories = 0;
  // Synchronous calls in between turns: a promise per directory entry costs more than the entry.
  async function visit(dir: string, rules: readonly Rules[]): Promise<void> {
    if (options.isCancelled?.()) return;
    if (++directories % DIRECTORIES_PER_TURN === 0) await new Promise((next) => setImmediate(next));
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
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !isIgnored(active, prefix + entry.name, true)) await visit(prefix + entry.name, active);
      } else if (entry.isFile() && languageForPath(entry.name) && !isIgnored(active, prefix + entry.name, false)) {
        files.push(prefix + entry.name);
      }
    }
  }
  for (const given of roots) {
    const root = resolve(given);
    const extra = options.exclude?.length ? [{ base: root, matcher: ignore().add([...options.exclude]) }] : [];
    await visit(root, extra);
  }
  return files;
}

/** Where files are read: one buffer, grown to the largest file read, instead of one allocation per file. */
let scratch = Buffer.allocUnsafe(1 << 16);

/**
 * A file's bytes, or undefined when it is over `maxFileSize` bytes. No system call asks for the size: the
 * file is read until its end or past the limit, as over thousands of small files calls are the cost. The
 * bytes are valid until the next call: copy what you keep.
 */
export function readSourceFile(file: string, maxFileSize: number): Buffer | undefined {
  const fd = openSync(file, constants.O_RDONLY);
  try {
    let filled = 0;
    for (;;) {
      if (filled === scratch.length) {
        const bigger = Buffer.allocUnsafe(Math.min(scratch.length * 2, maxFileSize + 1));
        scratch.copy(bigger, 0, 0, filled);
        scratch = bigger;
      }
      const read = readSync(fd, scratch, filled, scratch.length - filled, null);
      if (read === 0) return scratch.subarray(0, filled);
      filled += read;
      if (filled > maxFileSize) return undefined;
    }
  } finally {
    closeSync(fd);
  }
}

/** What reading a file for analysis found: the text only where it is worth parsing. */
export type ReadForAnalysis = { readonly skipped: 'large' | 'binary' | 'no handling' } | { readonly skipped?: undefined; readonly text: string };

/**
 * Reads a file and sifts it, as `check` and the coverage scan do. Most files never name enough codes to hold
 * a TikTok construct, and a plain search is far cheaper than a parse; searching the bytes is cheaper than
 * decoding them, so only the few files worth parsing are decoded.
 */
export function readForAnalysis(file: string, settings: Settings, catalog: Catalog = defaultCatalog): ReadForAnalysis {
  const bytes = readSourceFile(file, settings.maxFileSize);
  if (!bytes) return { skipped: 'large' };
  // A NUL byte means a binary file that happens to end in .ts.
  if (bytes.includes(0)) return { skipped: 'binary' };
  if (!namesEnoughCodes(bytes, settings.minimumKnownCodes, catalog)) return { skipped: 'no handling' };
  return { text: bytes.toString('utf8') };
}
