// The grammars on Node: tree-sitter's runtime and the grammars' .wasm files, in `grammars/` beside the bundle
// (dist/), or in the installed package when run from the sources. Importing this module sets them for the
// analysis; every Node host imports it (the server, the command line, the tests and the bench).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useGrammarFiles, type GrammarFiles } from './analysis/parsing';

let directories: string[] | undefined;

/** Beside the bundle; else, run from the sources, the packages they come from (esbuild.mjs copies them). */
function wasmDirectories(): string[] {
  if (directories) return directories;
  const besideBundle = path.join(__dirname, 'grammars');
  directories = fs.existsSync(path.join(besideBundle, 'tree-sitter.wasm'))
    ? [besideBundle]
    : [path.dirname(require.resolve('@vscode/tree-sitter-wasm')), path.join(path.dirname(require.resolve('tree-sitter-wasms/package.json')), 'out')];
  return directories;
}

function locate(file: string): string {
  const all = wasmDirectories();
  return path.join(all.find((dir) => fs.existsSync(path.join(dir, file))) ?? all[0]!, file);
}

export const grammarsOnDisk: GrammarFiles = {
  locate,
  read: async (file) => fs.readFileSync(locate(file)),
};

useGrammarFiles(grammarsOnDisk);
