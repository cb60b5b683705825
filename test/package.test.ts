// The extension's manifest and package: what goes into the .vsix, how it activates, and that the settings
// it declares are the ones the server reads, with the same defaults, all documented in the README.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../server/src/analysis/settings';
import { languages } from '../server/src/languages';
import { rules } from '../server/src/rules';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const properties: Record<string, { default: unknown }> = manifest.contributes.configuration.properties;

test('the .vsix holds only the bundles, the grammars and the manifest files', () => {
  const files = execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n')
    .filter(Boolean);
  const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^dist\/(extension|server|browserExtension|browserServer)\.js$/, /^dist\/grammars\/tree-sitter(-[a-z-]+)?\.wasm$/, /^docs\/images\/[\w-]+\.png$/, /^docs\/rules\/[\w-]+\.md$/, /^docs\/[\w-]+\.md$/];
  for (const file of files) assert.ok(allowed.some((p) => p.test(file)), `unexpected file in the .vsix: ${file}`);
  for (const needed of ['dist/extension.js', 'dist/server.js', 'dist/browserExtension.js', 'dist/browserServer.js', 'dist/grammars/tree-sitter.wasm', ...languages.map((l) => `dist/grammars/${l.grammarFile}`), ...rules.map((r) => `docs/rules/${r.id}.md`)]) {
    assert.ok(files.includes(needed), `missing from the .vsix: ${needed}`);
  }
});

test("the .vsix ships the user README, and every page and picture it links to", () => {
  const files = new Set(
    execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter(Boolean),
  );
  assert.ok(files.has('README.md'));
  const readme = readFileSync('README.md', 'utf8');
  // The extension's page: for users, short; building, measuring and the code's layout live in docs/.
  assert.ok(readme.split('\n').length <= 251, `the README has ${readme.split('\n').length} lines`);
  for (const heading of ['## Install', '## Settings', '## Command line', '## Other editors', '## Privacy and trust']) assert.ok(readme.includes(`\n${heading}\n`), heading);
  for (const moved of ['## Performance', '## Development', 'V8', 'NODE_EXTRA_CA_CERTS']) assert.ok(!readme.includes(moved), `the README still holds ${moved}`);
  const links = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/.test(target));
  assert.ok(links.length >= 10, 'the README links its pages and pictures');
  for (const target of links) assert.ok(files.has(target), `the README links ${target}, which the .vsix lacks`);
  // The pages it links link on within docs/ (or to the README), and those ship too.
  for (const page of links.filter((target) => target.startsWith('docs/') && target.endsWith('.md'))) {
    for (const m of readFileSync(page, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(m[1]!) || m[1]!.startsWith('../')) continue;
      assert.ok(files.has(`docs/${m[1]}`) || files.has(join('docs', m[1]!)), `${page} links ${m[1]}, which the .vsix lacks`);
    }
  }
});

test('vsce packages the extension as `npm run package` asks it to', () => {
  // The same vsce flags as the package script, into a scratch folder: a README link vsce rejects fails here.
  const flags = /vsce package (.*) --out/.exec(manifest.scripts.package)![1]!.split(' ');
  const out = join(mkdtempSync(join(tmpdir(), 'tiktok-vsix-')), 'test.vsix');
  execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', ...flags, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  assert.ok(statSync(out).size > 100_000);
  // Twelve languages' grammars, both hosts' bundles: still under 5 MB.
  assert.ok(statSync(out).size < 5_000_000, `the .vsix is ${statSync(out).size.toLocaleString('en')} bytes`);
});

test('activates when a file of a supported language opens, else after start-up; declares untrusted and virtual workspace support', () => {
  assert.equal(manifest.name, 'tiktok-api-errors');
  assert.ok(!manifest.activationEvents.includes('*'));
  // The first document's squiggle must not wait for the end of start-up: each language VS Code names
  // activates the extension as its file opens (onStartupFinished still brings hover to every other document).
  const vscodeIds = languages.map((l) => l.languageIds.filter((id) => !['cs', 'c-sharp'].includes(id))).flat();
  assert.deepEqual(manifest.activationEvents, [...vscodeIds.map((id) => `onLanguage:${id}`), 'onStartupFinished']);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(manifest.capabilities.virtualWorkspaces, true);
  // One .vsix for both hosts: Node's entry and the web extension's.
  assert.equal(manifest.main, './dist/extension.js');
  assert.equal(manifest.browser, './dist/browserExtension.js');
  assert.equal(manifest.bin['tiktok-errors-language-server'], 'dist/server.js');
  assert.equal(manifest.bin['tiktok-errors'], 'dist/cli.js');
});

test('every declared setting has the server\'s default, under the tiktokErrors prefix', () => {
  const defaults: Record<string, unknown> = {
    'tiktokErrors.rules': DEFAULT_SETTINGS.rules,
    'tiktokErrors.switch.severityWithDefault': DEFAULT_SETTINGS.severityWithDefault,
    'tiktokErrors.switch.minimumKnownCodes': DEFAULT_SETTINGS.minimumKnownCodes,
    'tiktokErrors.ignoreCodes': DEFAULT_SETTINGS.ignoreCodes,
    'tiktokErrors.languages': DEFAULT_SETTINGS.languages,
    'tiktokErrors.maxFileSize': DEFAULT_SETTINGS.maxFileSize,
    'tiktokErrors.expect': DEFAULT_SETTINGS.expect,
    'tiktokErrors.stubs.templates': DEFAULT_SETTINGS.stubTemplates,
    'tiktokErrors.stubs.maxLineLength': DEFAULT_SETTINGS.maxLineLength,
    'tiktokErrors.stubs.style': DEFAULT_SETTINGS.stubStyle,
    'tiktokErrors.trace.server': 'off',
  };
  assert.deepEqual(Object.keys(properties).sort(), Object.keys(defaults).sort());
  for (const [key, value] of Object.entries(defaults)) assert.deepEqual(properties[key]!.default, value, key);
  for (const command of manifest.contributes.commands) assert.match(command.command, /^tiktokErrors\./);
});

test('the README documents every setting and command, and the set-up commands', () => {
  const readme = readFileSync('README.md', 'utf8');
  for (const key of Object.keys(properties)) assert.ok(readme.includes(`\`${key}\``), `README lacks ${key}`);
  for (const command of manifest.contributes.commands) assert.ok(readme.includes(command.title), `README lacks the command ${command.title}`);
  for (const line of ['npm ci && npm run package', 'npm test', 'node dist/server.js --stdio', 'tiktok-errors-language-server --stdio', 'npm install --global ./tiktok-api-errors-']) {
    assert.ok(readme.includes(line), `README lacks ${line}`);
  }
});
