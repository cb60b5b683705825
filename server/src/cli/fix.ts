// `--fix`: the "fix all" result of each file, written in place; `--dry-run` prints the same change as a
// unified diff and writes nothing. In place, as editors save: the file keeps its inode, so its mode, owner,
// hard links and the links that name it stay as they were (a temporary file renamed over it would lose all
// four). It is written only while it is still what was read, and a file that cannot be written is skipped
// with its reason: one file stops no run.
import { closeSync, constants, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { analyzeText, fixAllText } from '../analysis/analyze';
import { errorReason, type FileStamp } from '../analysis/files/readForAnalysis';
import type { Settings } from '../analysis/settings';
import { encodeSource } from '../analysis/files/sourceBytes';
import { fixInFixAll } from '../analysis/findings';
import type { FileReport } from './checkFiles';

export interface FileFix {
  readonly path: string;
  readonly before: string;
  readonly after: string;
  readonly fixed: number;
  readonly stamp?: FileStamp;
  readonly report: FileReport;
}

export async function computeFixes(files: readonly FileReport[], settings: Settings): Promise<FileFix[]> {
  const fixes: FileFix[] = [];
  for (const file of files) {
    const fixable = file.findings.filter((f) => fixInFixAll(f) !== undefined).length;
    if (fixable === 0) continue;
    const after = await fixAllText(file.text, file.language, settings, undefined, file.imported);
    if (after !== file.text) fixes.push({ path: file.path, before: file.text, after, fixed: fixable, stamp: file.stamp, report: file });
  }
  return fixes;
}

export function unifiedDiff(fix: FileFix): string {
  const name = fix.path.split(path.sep).join('/');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, fix.before, fix.after, '', '', { context: 3 });
}

/** A file left as it was, and why, in a few words. */
export class NotWritten extends Error {}

/** The whole content of an open file, up to `limit` bytes (undefined past it). */
function readAll(fd: number, limit: number): Buffer | undefined {
  const buffer = Buffer.allocUnsafe(limit + 1);
  let filled = 0;
  for (;;) {
    const read = readSync(fd, buffer, filled, buffer.length - filled, filled);
    if (read === 0) return buffer.subarray(0, filled);
    filled += read;
    if (filled > limit) return undefined;
  }
}

/**
 * Writes `after` over the file in place, if the file is still `before` as read (`stamp`: size, modification
 * time, inode; then every byte). Only the bytes from the first difference on are written. Throws NotWritten
 * with the reason when it leaves the file alone.
 */
export function writeInPlace(file: string, before: string, after: string, stamp?: FileStamp): void {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    throw new NotWritten(errorReason(error));
  }
  if (!stat.isFile()) throw new NotWritten('not a regular file');
  // Root may write any file: a file nobody may write is left alone all the same, as its owner asked.
  if ((stat.mode & 0o222) === 0) throw new NotWritten('read-only');
  const old = encodeSource(before);
  const next = encodeSource(after);
  let fd;
  try {
    fd = openSync(file, constants.O_RDWR | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new NotWritten(errorReason(error));
  }
  try {
    const now = fstatSync(fd);
    const changed =
      !now.isFile() ||
      now.size !== old.length ||
      (stamp !== undefined && (now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs || now.ino !== stamp.ino || now.dev !== stamp.dev));
    const current = changed ? undefined : readAll(fd, old.length);
    if (!current || Buffer.compare(current, old) !== 0) throw new NotWritten('changed since it was read');
    let same = 0;
    const shorter = Math.min(old.length, next.length);
    while (same < shorter && old[same] === next[same]) same++;
    for (let at = same; at < next.length; ) at += writeSync(fd, next, at, next.length - at, at);
    if (next.length < old.length) ftruncateSync(fd, next.length);
    fdatasyncSync(fd);
  } catch (error) {
    if (error instanceof NotWritten) throw error;
    throw new NotWritten(errorReason(error));
  } finally {
    closeSync(fd);
  }
}

export interface FixOutcome {
  /** The files written, each with its findings after the fix. */
  readonly written: Array<{ fix: FileFix; report: FileReport }>;
  /** The files left as they were, and why. */
  readonly skipped: Array<{ fix: FileFix; reason: string }>;
}

/** Writes each fix, skipping (not stopping at) a file it cannot write; what is left is analysed from the text written. */
export async function applyFixes(fixes: readonly FileFix[], settings: Settings): Promise<FixOutcome> {
  const outcome: FixOutcome = { written: [], skipped: [] };
  for (const fix of fixes) {
    try {
      writeInPlace(fix.path, fix.before, fix.after, fix.stamp);
    } catch (error) {
      if (!(error instanceof NotWritten)) throw error;
      outcome.skipped.push({ fix, reason: error.message });
      continue;
    }
    const { findings } = await analyzeText(fix.after, fix.report.language, settings, undefined, fix.report.imported);
    outcome.written.push({ fix, report: { ...fix.report, text: fix.after, findings } });
  }
  return outcome;
}
