// Runs the analysis over files on disk: the walk, the skips (counted), and a cheap pre-filter; only files
// that name enough catalog codes to hold a TikTok construct are parsed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../analysis/analyze';
import type { Finding } from '../analysis/findings';
import type { Settings } from '../analysis/settings';
import { under, walkSourceFiles } from '../analysis/workspaceFiles';
import { languageForPath } from '../languages';
import type { LanguageSupport } from '../languages/language';
import { readAllForAnalysis, startSecondThread, type SecondThread } from './readInParallel';

export interface FileReport {
  readonly path: string;
  readonly text: string;
  readonly language: LanguageSupport;
  readonly findings: readonly Finding[];
}

export interface CheckReport {
  readonly files: FileReport[];
  readonly counts: { walked: number; parsed: number; skippedLarge: number; skippedBinary: number; skippedUnreadable: number; unsupported: number };
  /** The files that could not be read, and why; the run goes on without them. */
  readonly unreadable: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}

export class InputError extends Error {}

/** The files to look at: named files as they are, folders walked as git sees them (`onFolder` first). */
export async function collectFiles(paths: readonly string[], onFolder?: () => void): Promise<{ files: string[]; unsupported: number }> {
  const files: string[] = [];
  let unsupported = 0;
  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => undefined);
    if (!stat) throw new InputError(`${given}: no such file or folder`);
    if (stat.isDirectory()) {
      onFolder?.();
      const root = path.resolve(given);
      const fromHere = path.relative(process.cwd(), root);
      const prefix = fromHere ? fromHere + path.sep : '';
      for (const file of await walkSourceFiles([root])) files.push(prefix + under(root, file));
    } else if (!languageForPath(given)) {
      unsupported++;
    } else {
      files.push(given);
    }
  }
  return { files: [...new Set(files)], unsupported };
}

export interface CheckHooks {
  readonly onProgress?: (done: number, total: number) => void;
  /** Called once, after every file is read and before the first parse, with what is left to parse. */
  readonly beforeParsing?: (bytes: number) => void;
}

export async function checkPaths(paths: readonly string[], settings: Settings, hooks: CheckHooks = {}): Promise<CheckReport> {
  // A folder may hold thousands of files: a second thread starts before its walk, to be ready when it ends.
  let second: SecondThread | undefined;
  const { files, unsupported } = await collectFiles(paths, () => (second ??= startSecondThread()));
  let skippedLarge = 0;
  let skippedBinary = 0;
  const unreadable: Array<{ path: string; reason: string }> = [];
  // Files read, then files done: the count shown never goes back while the few files worth parsing wait.
  let shown = 0;
  const progress = (done: number) => done > shown && hooks.onProgress?.((shown = done), files.length);
  // Read and sift everything first: how much is left to parse is known before the parser is loaded.
  const { results } = await readAllForAnalysis(files, settings, { second, onRead: progress });
  const toParse: Array<{ file: string; text: string }> = [];
  for (const [index, read] of results.entries()) {
    if (read.skipped === undefined) toParse.push({ file: files[index]!, text: read.text });
    else if (read.skipped === 'large') skippedLarge++;
    else if (read.skipped === 'binary') skippedBinary++;
    else if (read.skipped === 'unreadable') unreadable.push({ path: files[index]!, reason: read.reason });
  }
  let done = files.length - toParse.length;
  hooks.beforeParsing?.(toParse.reduce((sum, c) => sum + c.text.length, 0));
  const reports: FileReport[] = [];
  for (const { file, text } of toParse) {
    const language = languageForPath(file)!;
    const { findings } = await analyzeText(text, language, settings);
    reports.push({ path: file, text, language, findings });
    progress(++done);
  }
  return {
    files: reports.sort((a, b) => a.path.localeCompare(b.path)),
    counts: { walked: files.length - skippedLarge - unreadable.length, parsed: toParse.length, skippedLarge, skippedBinary, skippedUnreadable: unreadable.length, unsupported },
    unreadable,
  };
}
