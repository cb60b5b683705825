// Bundles the extension client and the language server into dist/, with the tree-sitter wasm files beside them.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { browserBuilds, nodeImportsOf } from './server/packaging/browserBundles.mjs';

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

// A broken catalog fails the build, naming the bad entry, before anything is bundled.
{
  const { default: Ajv } = await import('ajv');
  // TIKTOK_CATALOG lets a test point the check at a broken copy.
  const catalogPath = process.env.TIKTOK_CATALOG ?? 'data/tiktok-errors.json';
  let catalog;
  try {
    catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
  } catch (error) {
    console.error(`${catalogPath}: ${error.message}`);
    process.exit(1);
  }
  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync('data/tiktok-errors.schema.json', 'utf8')));
  const problems = validate(catalog) ? [] : validate.errors.map((e) => `${catalogPath}${e.instancePath || '/'}: ${e.message}`);
  const seen = new Set();
  catalog.errors?.forEach((e, i) => (seen.has(e.code) ? problems.push(`${catalogPath}/errors/${i}: duplicate code '${e.code}'`) : seen.add(e.code)));
  const categories = new Set(catalog.categories?.map((c) => c.name));
  catalog.errors?.forEach((e, i) => categories.has(e.category) || problems.push(`${catalogPath}/errors/${i}: category '${e.category}' is not among the categories`));
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
}

rmSync('dist', { recursive: true, force: true });
const [, , , ...browser] = await Promise.all([
  esbuild.build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: { server: 'server/src/protocol/server.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  esbuild.build({
    ...common,
    // The command line's second thread, for reading large trees (readInParallel.ts), is a bundle beside it.
    entryPoints: { cli: 'server/src/cli/main.ts', readWorker: 'server/src/cli/readWorker.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  }),
  // The web extension: the same client commands and server, for a browser (browserBundles.mjs).
  ...browserBuilds({ production }).map((options) => esbuild.build(options)),
]);
// A Node module in a browser's bundle fails the build: the web extension would not start.
const nodeInBrowser = browser.flatMap((result) => nodeImportsOf(result.metafile));
if (nodeInBrowser.length > 0) {
  console.error(`the browser's bundles import Node modules:\n${nodeInBrowser.join('\n')}`);
  process.exit(1);
}

// The runtime and only the grammars a language file names are shipped: VS Code's own builds, and for the
// languages it has none of (Swift, Kotlin), tree-sitter-wasms' (pinned in package.json).
const wasmSources = [dirname(require.resolve('@vscode/tree-sitter-wasm')), join(dirname(require.resolve('tree-sitter-wasms/package.json')), 'out')];
const grammars = new Set(['tree-sitter.wasm']);
for (const file of readdirSync('server/src/languages')) {
  const source = readFileSync(join('server/src/languages', file), 'utf8');
  for (const match of source.matchAll(/'(tree-sitter-[a-z-]+\.wasm)'/g)) grammars.add(match[1]);
}
mkdirSync('dist/grammars', { recursive: true });
for (const file of grammars) {
  const from = wasmSources.find((dir) => existsSync(join(dir, file)));
  if (!from) {
    console.error(`${file}: in none of ${wasmSources.join(', ')}`);
    process.exit(1);
  }
  copyFileSync(join(from, file), join('dist/grammars', file));
}
console.log(`built dist/ (${production ? 'production' : 'development'}), ${grammars.size - 1} grammars`);
