// The grammars on Node: tree-sitter's runtime and the grammars' .wasm files, in `grammars/` beside the bundle
// (dist/), or in the installed package when run from the sources. Importing this module sets them for the
// analysis; every Node host imports it (the server, the command line, the tests and the bench).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useGrammarFiles, type GrammarFiles } from './analysis/parsing';

let wasmDirectory: string | undefined;

function locateWasmDirectory(): string {
  if (wasmDirectory) return wasmDirectory;
  const besideBundle = path.join(__dirname, 'grammars');
  wasmDirectory = fs.existsSync(path.join(besideBundle, 'tree-sitter.wasm')) ? besideBundle : path.dirname(require.resolve('@vscode/tree-sitter-wasm'));
  return wasmDirectory;
}

export const grammarsOnDisk: GrammarFiles = {
  locate: (file) => path.join(locateWasmDirectory(), file),
  read: async (file) => fs.readFileSync(path.join(locateWasmDirectory(), file)),
};

useGrammarFiles(grammarsOnDisk);
