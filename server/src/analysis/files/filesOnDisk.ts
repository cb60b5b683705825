// Files on Node: the coverage scan's (the walk that honours .gitignore, the byte-level read and sift) and the
// import resolver's (small texts, folders' names).
import { readdirSync } from 'node:fs';
import type { FileReaders } from '../../imports';
import type { SourceFiles } from './sourceFiles';
import { readForAnalysis, readSmallFile } from './readForAnalysis';
import { walkSourceFiles } from './workspaceFiles';

export const filesOnDisk: SourceFiles = {
  list: (roots, options) => walkSourceFiles(roots, options),
  read: (file, settings, catalog) => readForAnalysis(file, settings, catalog),
};

/** Files from the disk: texts within `maxBytes()` (undefined where no readable regular file), and folders' names. */
export function diskReaders(maxBytes: () => number): FileReaders {
  return {
    read(file) {
      try {
        return readSmallFile(file, maxBytes());
      } catch {
        return undefined;
      }
    },
    list(dir) {
      try {
        return readdirSync(dir);
      } catch {
        return undefined;
      }
    },
  };
}
