// Reads source files up to a size limit and sifts out those that cannot hold TikTok handling, for `check`
// and the coverage scan. Kept apart from the walk: the command line's second thread loads only this.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { catalog as defaultCatalog, namesEnoughCodes, type Catalog } from '../catalog/catalog';
import type { Settings } from '../settings';
import { decodeSource } from './sourceBytes';
import { groupDigits } from '../text';

/** Where files are read: one buffer, grown to the largest file read, instead of one allocation per file. */
let scratch = Buffer.allocUnsafe(1 << 16);

/**
 * Opened without waiting: a FIFO or a device found where a file was (swapped in since the walk, or named by a
 * link) must not block the run until something writes to it.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Reads an open file into `scratch` until its end, or until it is past `maxBytes` (then undefined). */
function readOpenFile(fd: number, maxBytes: number): Buffer | undefined {
  let filled = 0;
  for (;;) {
    if (filled === scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.min(scratch.length * 2, maxBytes + 1));
      scratch.copy(bigger, 0, 0, filled);
      scratch = bigger;
    }
    const read = readSync(fd, scratch, filled, scratch.length - filled, null);
    if (read === 0) return scratch.subarray(0, filled);
    filled += read;
    if (filled > maxBytes) return undefined;
  }
}

/**
 * A file's bytes, or undefined when it is over `maxFileSize` bytes. No system call asks for the size: the
 * file is read until its end or past the limit, as over thousands of small files calls are the cost (a
 * device that never ends, such as /dev/zero, stops at the limit too). The bytes are valid until the next
 * call: copy what you keep.
 */
export function readSourceFile(file: string, maxFileSize: number): Buffer | undefined {
  const fd = openSync(file, READ_FLAGS);
  try {
    return readOpenFile(fd, maxFileSize);
  } finally {
    closeSync(fd);
  }
}

/** Why a small file such as `.gitignore` or a settings file was not read. */
export class NotReadable extends Error {}

/**
 * A small file read whole, as text: only a regular file (a FIFO or a device under that name is refused, not
 * waited on or read forever), and only up to `maxBytes`. For configuration and ignore files.
 */
export function readSmallFile(file: string, maxBytes = 1 << 20): string {
  const fd = openSync(file, READ_FLAGS);
  try {
    if (!fstatSync(fd).isFile()) throw new NotReadable('not a regular file');
    const bytes = readOpenFile(fd, maxBytes);
    if (!bytes) throw new NotReadable(`larger than ${groupDigits(maxBytes)} bytes`);
    return decodeSource(bytes);
  } finally {
    closeSync(fd);
  }
}

/** What a file was when it was read, so that a later write can tell whether it changed since. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly dev: number;
}

/** What reading a file for analysis found: the text only where it is worth parsing. */
export type ReadForAnalysis =
  | { readonly skipped: 'large' | 'binary' | 'no handling' }
  /** Why, in a few words ("EACCES: permission denied"): one file that cannot be read stops no run. */
  | { readonly skipped: 'unreadable'; readonly reason: string }
  /** `text` keeps every byte (see sourceBytes.ts); `stamp` is the file as it was read. */
  | { readonly skipped?: undefined; readonly text: string; readonly stamp: FileStamp };

/** What reading for analysis needs of the settings: a few numbers, which can go to another thread as they are. */
export type ReadSettings = Pick<Settings, 'maxFileSize' | 'minimumKnownCodes'>;

/** Node's message without its ", open '<path>'" tail: the caller names the file. */
export function errorReason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/, \w+ '.*'$/s, '');
}

/**
 * Reads a file and sifts it, as `check` and the coverage scan do. Most files never name enough codes to hold
 * a TikTok construct, and a plain search is far cheaper than a parse; searching the bytes is cheaper than
 * decoding them, so only the few files worth parsing are decoded (and only they cost a stat).
 */
export function readForAnalysis(file: string, settings: ReadSettings, catalog: Catalog = defaultCatalog): ReadForAnalysis {
  let fd;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (error) {
    return { skipped: 'unreadable', reason: errorReason(error) };
  }
  try {
    const bytes = readOpenFile(fd, settings.maxFileSize);
    if (!bytes) return { skipped: 'large' };
    // A NUL byte means a binary file that happens to end in .ts.
    if (bytes.includes(0)) return { skipped: 'binary' };
    if (!namesEnoughCodes(bytes, settings.minimumKnownCodes, catalog)) return { skipped: 'no handling' };
    const { size, mtimeMs, ino, dev } = fstatSync(fd);
    return { text: decodeSource(bytes), stamp: { size, mtimeMs, ino, dev } };
  } catch (error) {
    return { skipped: 'unreadable', reason: errorReason(error) };
  } finally {
    closeSync(fd);
  }
}
