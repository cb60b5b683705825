// Makes the command line's npm tarball: `npm install -g ./tiktok-api-errors-<version>.tgz` gives the
// `tiktok-errors` and `tiktok-errors-language-server` commands. The bundles in dist/ carry everything they
// run, so the tarball's manifest names no dependency and no script: installing it fetches nothing, runs
// nothing and asks for no permission to run install scripts.
// Usage: node server/packaging/cli-tarball.mjs [--out FOLDER]   (after `npm run build` or `npm run package`)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] ?? '.' : root);

/** What the tarball holds: the bundles the two commands run, their grammars, the rule pages diagnostics link to. */
const FILES = [
  'dist/cli.js',
  'dist/server.js',
  'dist/readWorker.js',
  ...readdirSync(join(root, 'dist', 'grammars')).filter((name) => name.endsWith('.wasm')).map((name) => `dist/grammars/${name}`),
  ...readdirSync(join(root, 'docs', 'rules')).filter((name) => name.endsWith('.md')).map((name) => `docs/rules/${name}`),
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
];

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const missing = FILES.filter((file) => !existsSync(join(root, file)));
if (missing.length > 0) {
  console.error(`cli-tarball: ${missing.join(', ')} missing; run npm run build first`);
  process.exit(1);
}

const stage = mkdtempSync(join(tmpdir(), 'tiktok-errors-cli-'));
try {
  for (const file of FILES) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(root, file), join(stage, file));
  }
  const { name, version, description, license, keywords, bin } = manifest;
  const cliManifest = { name, version, description, license, keywords, bin, engines: { node: manifest.engines.node } };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(cliManifest, null, 2)}\n`);
  mkdirSync(out, { recursive: true });
  const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: stage, encoding: 'utf8' });
  if (pack.status !== 0) {
    console.error(`cli-tarball: npm pack failed: ${pack.stderr.trim().split('\n').pop()}`);
    process.exit(1);
  }
  console.log(join(out, pack.stdout.trim().split('\n').pop()));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
