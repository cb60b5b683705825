// Where the coverage scan and the workspace index get their files: the disk on Node (filesOnDisk.ts), the
// editor's file system through the client in a browser's worker. The scan itself reads nothing.
import { namesEnoughCodes, type Catalog } from '../catalog/catalog';
import type { Settings } from '../settings';

/** A file read and sifted: its text only where it is worth parsing. */
export type SiftedFile =
  | { readonly skipped: 'large' | 'binary' | 'no handling' }
  | { readonly skipped: 'unreadable'; readonly reason: string }
  | { readonly skipped?: undefined; readonly text: string };

export interface ListOptions {
  /** gitignore-style patterns applied at each root, such as the keys of `files.exclude`. */
  readonly exclude?: readonly string[];
  readonly isCancelled?: () => boolean;
}

export interface SourceFiles {
  /** The files of the supported languages under the roots, in a stable order. */
  list(roots: readonly string[], options: ListOptions): Promise<string[]>;
  /** A file read for analysis, as `check` reads it. */
  read(file: string, settings: Pick<Settings, 'maxFileSize' | 'minimumKnownCodes'>, catalog: Catalog): SiftedFile | Promise<SiftedFile>;
}

/** The sift of a text already read (in a browser, the client reads it): a NUL is a binary file, too few codes no handling. */
export function siftText(text: string, settings: Pick<Settings, 'minimumKnownCodes'>, catalog: Catalog): SiftedFile {
  if (text.includes('\0')) return { skipped: 'binary' };
  if (!namesEnoughCodes(text, settings.minimumKnownCodes, catalog)) return { skipped: 'no handling' };
  return { text };
}
