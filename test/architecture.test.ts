// The layering the project promises: an analysis core with no LSP import, and a client with no analysis.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

test('the analysis core (analysis, languages, rules) and the CLI import nothing of LSP or VS Code', () => {
  for (const dir of ['server/src/analysis', 'server/src/languages', 'server/src/rules', 'server/src/cli']) {
    for (const file of sources(dir)) {
      for (const spec of imports(file)) assert.doesNotMatch(spec, /vscode-languageserver|vscode-jsonrpc|^vscode$|\/protocol\//, `${file} imports ${spec}`);
    }
  }
});

test('the client only starts the server and registers commands', () => {
  for (const file of sources('client/src')) {
    for (const spec of imports(file)) assert.match(spec, /^(vscode|vscode-languageclient(\/node|\/browser)?|node:[a-z]+|\.\/(commands|webFiles))$/, `${file} imports ${spec}`);
  }
});

test("the web extension's bundles (client and server) reach no Node module; the build stops on one that does", async () => {
  const { build } = await import('esbuild');
  const { browserBuilds, nodeImportsOf } = await import('../server/packaging/browserBundles.mjs');
  const builds = browserBuilds();
  assert.equal(builds.length, 2);
  for (const options of builds) {
    const result = await build({ ...options, write: false, logLevel: 'silent' });
    assert.deepEqual(nodeImportsOf(result.metafile), [], `${JSON.stringify(options.entryPoints)}`);
    const inputs = Object.keys(result.metafile!.inputs);
    if (JSON.stringify(options.entryPoints).includes('browserServer')) {
      // The same server and analysis as on Node, with posix paths in place of node:path.
      for (const needed of ['server/src/protocol/languageServer.ts', 'server/src/analysis/analyze.ts', 'node_modules/path-browserify/index.js']) assert.ok(inputs.includes(needed), needed);
      for (const nodeOnly of ['server/src/protocol/nodeHost.ts', 'server/src/analysis/files/filesOnDisk.ts', 'server/src/grammarsOnDisk.ts', 'server/src/ruleDocs.ts']) assert.ok(!inputs.includes(nodeOnly), nodeOnly);
    }
  }
  // The same check, on a server entry that reads the disk: the build would stop.
  const dir = mkdtempSync(join(tmpdir(), 'tiktok-browser-bundle-'));
  writeFileSync(join(dir, 'entry.ts'), "import '" + resolve('server/src/protocol/nodeHost.ts') + "';\n");
  const server = builds.find((o) => JSON.stringify(o.entryPoints).includes('browserServer'))!;
  await assert.rejects(build({ ...server, entryPoints: { broken: join(dir, 'entry.ts') }, write: false, logLevel: 'silent' }), /Could not resolve "node:fs"/);
  // And one left external, as the binding's own are: listed, and esbuild.mjs then exits 1.
  const external = await build({ ...server, entryPoints: { broken: join(dir, 'entry.ts') }, write: false, logLevel: 'silent', external: ['node:*', ...(server.external as string[])] });
  assert.ok(nodeImportsOf(external.metafile).some((i) => i.endsWith('→ node:fs')), nodeImportsOf(external.metafile).join('\n'));
});

test('no file but the catalog lists TikTok error codes', () => {
  const catalog = JSON.parse(readFileSync('data/tiktok-errors.json', 'utf8')) as { errors: Array<{ code: string }> };
  // A source file naming many catalog codes is a second list; a few in a comment or a test input are not.
  for (const file of [...sources('server/src'), ...sources('client/src')]) {
    const text = readFileSync(file, 'utf8');
    const named = catalog.errors.filter((e) => text.includes(`'${e.code}'`) || text.includes(`"${e.code}"`));
    assert.ok(named.length <= 1, `${file} names ${named.length} catalog codes`);
  }
});

test('the analysis core reads no file and imports no Node module: it bundles for a browser', async () => {
  // File access lives outside it (server/src/grammarsOnDisk.ts, imports.ts, analysis/files/ for the walks),
  // passed in by each host, so that the web build can run the same core in a worker.
  for (const dir of ['server/src/analysis', 'server/src/languages', 'server/src/rules']) {
    for (const file of sources(dir)) {
      if (file.includes(`${join('analysis', 'files')}`) || file.endsWith('ruleTester.ts')) continue;
      for (const spec of imports(file)) assert.doesNotMatch(spec, /^node:|^(fs|path|url|os|child_process|worker_threads)$/, `${file} imports ${spec}`);
    }
  }
  const { build } = await import('esbuild');
  // The tree-sitter binding asks for three Node modules on Node only (behind its own environment checks):
  // those are the only ones the bundle may leave unresolved.
  const bindingOnNode = ['url', 'fs/promises', 'module'];
  const result = await build({ entryPoints: ['server/src/analysis/analyze.ts'], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent', external: bindingOnNode });
  // (A TypeScript import of types only is listed as external, by its relative path: not a module.)
  const external = Object.entries(result.metafile.inputs).flatMap(([input, { imports: used }]) => used.filter((i) => i.external && !i.path.startsWith('.')).map((i) => `${input} → ${i.path}`));
  assert.deepEqual(new Set(external.map((e) => e.split(' → ')[0])), new Set(['node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter.js']), external.join('\n'));
});
