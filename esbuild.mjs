// Bundles the extension client and the language server into dist/, with the tree-sitter wasm files beside them.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const require = createRequire(import.meta.url);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  // In the bundle the grammars sit beside it; the package lookup only serves runs from source.
  logOverride: { 'require-resolve-not-external': 'silent' },
};

rmSync('dist', { recursive: true, force: true });
await Promise.all([
  esbuild.build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: { server: 'server/src/protocol/server.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  esbuild.build({
    ...common,
    entryPoints: { cli: 'server/src/cli/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  }),
]);

// The runtime and only the grammars a language file names are shipped.
const wasmSource = dirname(require.resolve('@vscode/tree-sitter-wasm'));
const grammars = new Set(['tree-sitter.wasm']);
for (const file of readdirSync('server/src/languages')) {
  const source = readFileSync(join('server/src/languages', file), 'utf8');
  for (const match of source.matchAll(/'(tree-sitter-[a-z-]+\.wasm)'/g)) grammars.add(match[1]);
}
mkdirSync('dist/grammars', { recursive: true });
for (const file of grammars) copyFileSync(join(wasmSource, file), join('dist/grammars', file));
console.log(`built dist/ (${production ? 'production' : 'development'}), ${grammars.size - 1} grammars`);
