// Walks folders for files of the supported languages, as git would see them: .gitignore files at every
// level, node_modules and .git skipped, extra exclude patterns (VS Code's files.exclude), and a size limit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { languageForPath } from '../languages';

export interface WalkOptions {
  /** gitignore-style patterns applied at each root, such as the keys of `files.exclude`. */
  readonly exclude?: readonly string[];
  /** Files larger than this many bytes are skipped and counted. */
  readonly maxFileSize: number;
  readonly isCancelled?: () => boolean;
}

export interface WalkResult {
  readonly files: string[];
  readonly skippedLarge: string[];
}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

interface Rules {
  readonly base: string;
  readonly matcher: Ignore;
}

function readIgnoreFile(dir: string): Rules | undefined {
  try {
    return { base: dir, matcher: ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

/** Directories read between two turns of the event loop: the server keeps answering during a scan. */
const DIRECTORIES_PER_TURN = 32;

function isIgnored(rules: readonly Rules[], file: string, isDirectory: boolean): boolean {
  return rules.some(({ base, matcher }) => {
    const relative = path.relative(base, file).split(path.sep).join('/');
    return relative !== '' && !relative.startsWith('..') && matcher.ignores(isDirectory ? relative + '/' : relative);
  });
}

export async function walkSourceFiles(roots: readonly string[], options: WalkOptions): Promise<WalkResult> {
  const result: WalkResult = { files: [], skippedLarge: [] };
  let directories = 0;
  // Synchronous calls in between turns: a promise per directory entry costs more than the entry.
  async function visit(dir: string, rules: readonly Rules[]): Promise<void> {
    if (options.isCancelled?.()) return;
    if (++directories % DIRECTORIES_PER_TURN === 0) await new Promise((next) => setImmediate(next));
    const own = readIgnoreFile(dir);
    const active = own ? [...rules, own] : rules;
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !isIgnored(active, full, true)) await visit(full, active);
      } else if (entry.isFile() && languageForPath(entry.name) && !isIgnored(active, full, false)) {
        const { size } = fs.statSync(full);
        if (size > options.maxFileSize) result.skippedLarge.push(full);
        else result.files.push(full);
      }
    }
  }
  for (const root of roots) {
    const extra = options.exclude?.length ? [{ base: root, matcher: ignore().add([...options.exclude]) }] : [];
    await visit(root, extra);
  }
  return result;
}
