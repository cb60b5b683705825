// `--fix`: the "fix all" result of each file, written atomically (a temporary file renamed over the
// original); `--dry-run` prints the same change as a unified diff and writes nothing.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { fixAllText } from '../analysis/analyze';
import type { Settings } from '../analysis/settings';
import type { FileReport } from './checkFiles';

export interface FileFix {
  readonly path: string;
  readonly before: string;
  readonly after: string;
  readonly fixed: number;
}

export async function computeFixes(files: readonly FileReport[], settings: Settings): Promise<FileFix[]> {
  const fixes: FileFix[] = [];
  for (const file of files) {
    const fixable = file.findings.filter((f) => f.fixes.some((x) => x.inFixAll)).length;
    if (fixable === 0) continue;
    const after = await fixAllText(file.text, file.language, settings);
    if (after !== file.text) fixes.push({ path: file.path, before: file.text, after, fixed: fixable });
  }
  return fixes;
}

export function unifiedDiff(fix: FileFix): string {
  const name = fix.path.split(path.sep).join('/');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, fix.before, fix.after, '', '', { context: 3 });
}

export async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tiktok-errors-${process.pid}.tmp`);
  const { mode } = await fs.stat(file);
  try {
    await fs.writeFile(temporary, text, { mode });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
