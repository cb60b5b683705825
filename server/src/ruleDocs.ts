// Where each rule's page lives: docs/rules/<rule>.md, shipped in the .vsix and the npm package beside dist/.
// Diagnostics link to it with a file: URI into the installed copy, which opens offline in any editor.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

let root: string | undefined;

/** The package's root: above dist/ in a bundle, three folders above server/src/… when run from the sources. */
function packageRoot(): string {
  if (root) return root;
  const candidates = [resolve(__dirname, '..'), resolve(__dirname, '..', '..', '..'), resolve(__dirname, '..', '..')];
  root = candidates.find((dir) => existsSync(join(dir, 'docs', 'rules'))) ?? candidates[0]!;
  return root;
}

/** The page of a rule, as a file path. */
export function ruleDocPath(rule: string): string {
  return join(packageRoot(), 'docs', 'rules', `${rule}.md`);
}

/** The page of a rule, as a `file:` URI. */
export function ruleDocUri(rule: string): string {
  return pathToFileURL(ruleDocPath(rule)).href;
}
