// Reads source files up to a size limit and sifts out those that cannot hold TikTok handling, for `check`
// and the coverage scan. Kept apart from the walk: the command line's second thread loads only this.
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { catalog as defaultCatalog, namesEnoughCodes, type Catalog } from './catalog';
import type { Settings } from './settings';

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
export type ReadForAnalysis =
  | { readonly skipped: 'large' | 'binary' | 'no handling' }
  /** Why, in a few words ("EACCES: permission denied"): one file that cannot be read stops no run. */
  | { readonly skipped: 'unreadable'; readonly reason: string }
  | { readonly skipped?: undefined; readonly text: string };

/** What reading for analysis needs of the settings: a few numbers, which can go to another thread as they are. */
export type ReadSettings = Pick<Settings, 'maxFileSize' | 'minimumKnownCodes'>;

/**
 * Reads a file and sifts it, as `check` and the coverage scan do. Most files never name enough codes to hold
 * a TikTok construct, and a plain search is far cheaper than a parse; searching the bytes is cheaper than
 * decoding them, so only the few files worth parsing are decoded.
 */
export function readForAnalysis(file: string, settings: ReadSettings, catalog: Catalog = defaultCatalog): ReadForAnalysis {
  let bytes;
  try {
    bytes = readSourceFile(file, settings.maxFileSize);
  } catch (error) {
    // Node's message ends in ", open '<path>'": the caller names the file.
    return { skipped: 'unreadable', reason: (error instanceof Error ? error.message : String(error)).replace(/, \w+ '.*'$/s, '') };
  }
  if (!bytes) return { skipped: 'large' };
  // A NUL byte means a binary file that happens to end in .ts.
  if (bytes.includes(0)) return { skipped: 'binary' };
  if (!namesEnoughCodes(bytes, settings.minimumKnownCodes, catalog)) return { skipped: 'no handling' };
  return { text: bytes.toString('utf8') };
}
