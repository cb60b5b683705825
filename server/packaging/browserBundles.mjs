// The web extension's two bundles (the client for the web extension host, the server for a web worker), and
// the check that neither reaches a Node module: esbuild cannot resolve one for a browser and stops, and a
// module left external is listed here, for esbuild.mjs to stop on (test/architecture.test.ts runs both).
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';

/** The tree-sitter binding asks for these on Node only, behind its own environment checks. */
export const BINDING_NODE_ONLY = ['url', 'fs/promises', 'module'];

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * The binding asks for its own script's URL when it loads (Emscripten's `_scriptName`) from `__filename` or
 * `document.currentScript`, and throws where there is neither: a worker has `self.location`. The browser's
 * bundle only: Node never reaches this branch.
 */
const bindingInAWorker = {
  name: 'tree-sitter-binding-in-a-worker',
  setup(build) {
    build.onLoad({ filter: /tree-sitter-wasm[\\/]wasm[\\/]tree-sitter\.js$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      const find = "if (typeof document !== 'undefined') {";
      if (text.split(find).length !== 2) throw new Error(`${path}: expected one ${find}; the binding changed, update server/packaging/browserBundles.mjs`);
      const worker = "if (typeof document === 'undefined' && typeof self !== 'undefined' && self.location) {\n return self.location.href;\n }\n";
      return { contents: text.replace(find, worker + find), loader: 'js' };
    });
  },
};

/** esbuild options for the browser's bundles, beside the Node ones in dist/. */
export function browserBuilds({ production = false } = {}) {
  const common = { bundle: true, platform: 'browser', target: 'es2022', minify: production, sourcemap: !production, logLevel: 'warning', metafile: true };
  return [
    { ...common, format: 'cjs', entryPoints: { browserExtension: 'client/src/browserExtension.ts' }, outdir: 'dist', external: ['vscode'] },
    {
      ...common,
      format: 'iife',
      entryPoints: { browserServer: 'server/src/protocol/browserServer.ts' },
      outdir: 'dist',
      // Paths in the worker are URIs made paths (webHost.ts): posix functions, as lsp-web-extension-sample does.
      alias: { 'node:path': 'path-browserify', path: 'path-browserify' },
      external: BINDING_NODE_ONLY,
      plugins: [bindingInAWorker],
    },
  ];
}

/** The Node modules a bundle's inputs import, as "input → module"; the binding's Node-only three are allowed. */
export function nodeImportsOf(metafile) {
  return Object.entries(metafile.inputs).flatMap(([input, { imports }]) =>
    imports
      .filter((i) => i.external && NODE_BUILTINS.has(i.path) && !(input.includes('@vscode/tree-sitter-wasm') && BINDING_NODE_ONLY.includes(i.path)))
      .map((i) => `${input} → ${i.path}`),
  );
}
