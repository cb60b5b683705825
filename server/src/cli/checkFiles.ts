// Runs the analysis over files on disk: the walk, the skips (counted), and a cheap pre-filter; only files
// that name enough catalog codes to hold a TikTok construct are parsed.
import { promises as fs, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../analysis/analyze';
import type { Finding } from '../analysis/findings';
import type { Settings } from '../analysis/settings';
import { errorReason, readSmallFile, type FileStamp } from '../analysis/files/readForAnalysis';
import type { Declarations } from '../analysis/resolution/declarations';
import { ImportResolver } from '../imports';
import { diskReaders } from '../analysis/files/filesOnDisk';
import { under, walkSourceFiles } from '../analysis/files/workspaceFiles';
import { languageForPath } from '../languages';
import type { LanguageSupport } from '../languages/language';
import { comparePaths, displayPath } from '../analysis/displayPath';
import { readAllForAnalysis, START_SECOND_THREAD_AT, startSecondThread, type SecondThread } from './readInParallel';

export interface FileReport {
  readonly path: string;
  readonly text: string;
  /** What the file imports from others of the tree, for its analysis and its fixes. */
  readonly imported?: Declarations;
  /** The file as it was read: `--fix` writes only while it is still so. */
  readonly stamp?: FileStamp;
  readonly language: LanguageSupport;
  readonly findings: readonly Finding[];
}

export interface CheckReport {
  readonly files: FileReport[];
  readonly counts: { walked: number; parsed: number; skippedLarge: number; skippedBinary: number; skippedUnreadable: number; unsupported: number };
  /** The files that could not be read, and why; the run goes on without them. */
  readonly unreadable: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
  /** The files over the size limit, named as the unreadable ones are. */
  readonly large: readonly string[];
}

export class InputError extends Error {}

/** Files in a language whose imports (or package) are followed. */
const importing = (file: string) => languageForPath(file)?.imports !== undefined;

/** Whether a file worth parsing declares codes that others may import. */
async function someDeclare(files: ReadonlyArray<{ file: string; text: string }>, resolver: ImportResolver): Promise<boolean> {
  for (const { file } of files) {
    if (importing(file) && (await resolver.declarationsIn(path.resolve(file)))) return true;
  }
  return false;
}

/** Why a path given on the command line cannot be checked, in a few words. */
function pathProblem(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or folder';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENAMETOOLONG':
      return 'name too long';
    default:
      return errorReason(error);
  }
}

export interface CollectedFiles {
  /** Each file once, by its real path: relative below the current folder's real path, else absolute. */
  readonly files: string[];
  readonly unsupported: number;
  /** Paths given that are neither a folder nor a regular file (a FIFO, a device): named, never opened. */
  readonly unreadable: Array<{ path: string; reason: string }>;
}

/**
 * The files to look at: named files as they are, folders walked as git sees them. A file reached by several
 * paths (`a.ts`, `./a.ts`, a link to it, a folder and a file in it) is checked once. `onMany` is called, once,
 * as soon as START_SECOND_THREAD_AT files or more have been found, while the walk goes on.
 */
export async function collectFiles(paths: readonly string[], onMany?: () => void): Promise<CollectedFiles> {
  const files: string[] = [];
  const unreadable: Array<{ path: string; reason: string }> = [];
  let unsupported = 0;
  const cwd = realpathSync(process.cwd());
  const shown = (real: string) => (real.startsWith(cwd + path.sep) ? real.slice(cwd.length + 1) : real);
  let told = false;
  const found = (count: number) => {
    if (told || count < START_SECOND_THREAD_AT) return;
    told = true;
    onMany?.();
  };
  for (const given of paths) {
    let stat;
    let real;
    try {
      stat = await fs.stat(given);
      real = realpathSync(given);
    } catch (error) {
      throw new InputError(`${displayPath(given)}: ${pathProblem(error as NodeJS.ErrnoException)}`);
    }
    if (stat.isDirectory()) {
      // The walk follows no link, so a file's real path is the folder's real path and its place below it.
      const prefix = real === cwd ? '' : shown(real) + path.sep;
      const before = files.length;
      for (const file of await walkSourceFiles([real], { onFound: (count) => found(before + count) })) files.push(prefix + under(real, file));
    } else if (!languageForPath(given)) {
      unsupported++;
    } else if (!stat.isFile()) {
      unreadable.push({ path: shown(real), reason: 'not a regular file' });
    } else {
      files.push(shown(real));
      found(files.length);
    }
  }
  return { files: [...new Set(files)], unsupported, unreadable };
}

export interface CheckHooks {
  readonly onProgress?: (done: number, total: number) => void;
  /** Called once, after every file is read and before the first parse, with what is left to parse. */
  readonly beforeParsing?: (bytes: number) => void;
}

export async function checkPaths(paths: readonly string[], settings: Settings, hooks: CheckHooks = {}): Promise<CheckReport> {
  // A tree of thousands of files is read on two threads: the second starts while the walk goes on (see collectFiles).
  let second: SecondThread | undefined;
  const { files, unsupported, unreadable: refused } = await collectFiles(paths, () => (second ??= startSecondThread()));
  // Paths refused before reading (not regular files) were never among `files`.
  const unreadable = [...refused];
  const large: string[] = [];
  let skippedBinary = 0;
  // Files read, then files done: the count shown never goes back while the few files worth parsing wait.
  let shown = 0;
  const progress = (done: number) => done > shown && hooks.onProgress?.((shown = done), files.length);
  // Read and sift everything first: how much is left to parse is known before the parser is loaded.
  const { results } = await readAllForAnalysis(files, settings, { second, onRead: progress });
  // `imported`: known already for the files read again for their imports (undefined: not asked yet).
  const toParse: Array<{ file: string; text: string; stamp: FileStamp; imported?: Declarations }> = [];
  for (const [index, read] of results.entries()) {
    if (read.skipped === undefined) toParse.push({ file: files[index]!, text: read.text, stamp: read.stamp });
    else if (read.skipped === 'large') large.push(files[index]!);
    else if (read.skipped === 'binary') skippedBinary++;
    else if (read.skipped === 'unreadable') unreadable.push({ path: files[index]!, reason: read.reason });
  }
  // Files that import code constants from others hold no code themselves: where a file worth parsing declares
  // some, the files the sift passed by are read again for their imports.
  const resolver = new ImportResolver(diskReaders(() => settings.maxFileSize));
  if (await someDeclare(toParse, resolver)) {
    for (const [index, read] of results.entries()) {
      if (read.skipped !== 'no handling' || !importing(files[index]!)) continue;
      let text: string;
      let stamp: FileStamp;
      try {
        text = readSmallFile(files[index]!, settings.maxFileSize);
        const { size, mtimeMs, ino, dev } = statSync(files[index]!);
        stamp = { size, mtimeMs, ino, dev };
      } catch {
        continue;
      }
      const { declarations: imported } = await resolver.importedInto(path.resolve(files[index]!), text);
      if (imported) toParse.push({ file: files[index]!, text, stamp, imported });
    }
  }
  let done = files.length - toParse.length;
  hooks.beforeParsing?.(toParse.reduce((sum, c) => sum + c.text.length, 0));
  const reports: FileReport[] = [];
  for (const { file, text, stamp, ...known } of toParse) {
    const language = languageForPath(file)!;
    const imported = known.imported ?? (await resolver.importedInto(path.resolve(file), text)).declarations;
    const { findings } = await analyzeText(text, language, settings, undefined, imported);
    reports.push({ path: file, text, stamp, language, findings, ...(imported ? { imported } : {}) });
    progress(++done);
  }
  return {
    files: reports.sort((a, b) => comparePaths(a.path, b.path)),
    counts: { walked: files.length - large.length - (unreadable.length - refused.length), parsed: toParse.length, skippedLarge: large.length, skippedBinary, skippedUnreadable: unreadable.length, unsupported },
    unreadable,
    large,
  };
}
