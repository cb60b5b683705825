// The workspace coverage scan on a fixture workspace, with ignored, excluded and oversized files added; and
// the reading of files it shares with the command line.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { codeState, constructLine, coverageSummary, renderCoverageMarkdown, scanCoverage } from '../server/src/analysis/files/coverage';
import { fixAllText } from '../server/src/analysis/analyze';
import { languageForId } from '../server/src/languages';
import { DEFAULT_SETTINGS, readSettings } from '../server/src/analysis/settings';
import { readForAnalysis, readSourceFile } from '../server/src/analysis/files/readForAnalysis';
import { checkers, compile, hasTool } from './helpers/compilers';
import { ImportResolver, importFollower } from '../server/src/imports';
import { diskReaders, filesOnDisk } from '../server/src/analysis/files/filesOnDisk';

const MarkdownIt = createRequire(__filename)('markdown-it') as new (options: object) => { render(markdown: string): string };

const handlerOf = (code: string) => `switch (c) {\n  case "${code}":\n  case "spam_risk":\n    break;\n}\n`;

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-coverage-'));
  cpSync('test/fixtures/workspace', root, { recursive: true });
  // Each of these handles a code that must not be counted.
  for (const [dir, code] of [['generated', 'video_pull_failed'], ['node_modules/pkg', 'photo_pull_failed'], ['out', 'invalid_file_upload']] as const) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'handler.ts'), handlerOf(code));
  }
  writeFileSync(join(root, 'src', 'huge.ts'), handlerOf('file size') + '//' + 'x'.repeat(2_000_000));
  return root;
}

test('coverage counts labels of TikTok switches only, by action, skipping ignored, excluded and large files', async () => {
  const root = workspace();
  const report = await scanCoverage([root], { ...DEFAULT_SETTINGS, maxFileSize: 1_000_000 }, { files: filesOnDisk, exclude: ['out/'] });
  const handled = report.codes.filter((c) => c.locations.length > 0).map((c) => c.code);
  assert.deepEqual(handled.sort(), ['access_token_invalid', 'duration_check_failed', 'internal', 'rate_limit_exceeded', 'scope_not_authorized', 'spam_risk_text', 'spam_risk_too_many_posts', 'too many requests'].sort());
  assert.equal(coverageSummary(report), '8 of 25 handled; refresh-token 2/3, retry 3/3, user-error 3/19; documented error.code 4/19, fail_reason 4/13, OAuth error 0/10; 2 constructs, 2 of them missing codes');
  assert.equal(report.filesScanned, 2);
  const where = report.codes.find((c) => c.code === 'spam_risk_too_many_posts')!.locations;
  assert.deepEqual(where.map((l) => [l.file.slice(root.length + 1), l.line, l.column]), [['worker/status.py', 8, 14]]);
});

test('the places a code is handled are listed in the order people read paths in, not by character codes', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-coverage-order-'));
  for (const name of ['Zeta.ts', 'alpha.ts', 'Beta.ts']) writeFileSync(join(root, name), handlerOf('internal'));
  const report = await scanCoverage([root], DEFAULT_SETTINGS, { files: filesOnDisk });
  const where = report.codes.find((c) => c.code === 'internal')!.locations.map((l) => l.file.slice(root.length + 1));
  assert.deepEqual(where, ['alpha.ts', 'Beta.ts', 'Zeta.ts']);
});

test('a case under a guard is not a place that handles its code', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-coverage-guard-'));
  writeFileSync(join(root, 'worker.py'), 'match c:\n    case "spam_risk" if retries < 3:\n        retry()\n    case "spam_risk_text" | "internal":\n        give_up()\n');
  const report = await scanCoverage([root], DEFAULT_SETTINGS, { files: filesOnDisk });
  const handled = report.codes.filter((c) => c.locations.length > 0).map((c) => c.code);
  assert.deepEqual(handled, ['spam_risk_text', 'internal']);
});

test('files over the size limit are skipped and counted; under it they are scanned', async () => {
  const root = workspace();
  const small = await scanCoverage([root], { ...DEFAULT_SETTINGS, maxFileSize: 1_000_000 }, { files: filesOnDisk, exclude: ['out/'] });
  assert.deepEqual(small.skippedLarge.map((f) => f.slice(root.length + 1)), ['src/huge.ts']);
  assert.match(renderCoverageMarkdown(small), /2 files scanned, 1 skipped as too large\./);
  const large = await scanCoverage([root], DEFAULT_SETTINGS, { files: filesOnDisk, exclude: ['out/'] });
  assert.deepEqual(large.skippedLarge, []);
  assert.equal(large.filesScanned, 3);
  assert.equal(coverageSummary(large), '10 of 25 handled; refresh-token 2/3, retry 3/3, user-error 5/19; documented error.code 4/19, fail_reason 5/13, OAuth error 0/10; 3 constructs, 3 of them missing codes');
});

test('the report lists every code of each set, by set then by action, with where it is handled', async () => {
  const root = workspace();
  const markdown = renderCoverageMarkdown(await scanCoverage([root], DEFAULT_SETTINGS, { files: filesOnDisk, exclude: ['out/', 'src/huge.ts'] }));
  assert.match(markdown, /^# TikTok error handling coverage\n\n\*\*8 of 25 handled; refresh-token 2\/3, retry 3\/3, user-error 3\/19; documented error\.code 4\/19, fail\\_reason 4\/13, OAuth error 0\/10; 2 constructs, 2 of them missing codes\*\*/);
  assert.match(markdown, /## reference: 8\/25\n\nthe reference's codes\.\n\n### refresh-token: 2\/3/);
  assert.match(markdown, /## fail\\_reason: 4\/13\n/);
  assert.match(markdown, /- ✅ `access_token_invalid`: `src\/publish\.ts:4:10`\n/);
  assert.match(markdown, /- ❌ `scope_permission_missed`: not handled/);
  // Every code of every set: 25 + 19 + 13 + 10 rows; then each construct.
  const [bySet, byConstruct] = markdown.split('## By construct');
  assert.equal(bySet!.match(/^- [✅❌🚧]/gmu)!.length, 67);
  assert.match(byConstruct!, /^- ❌ `src\/publish\.ts:3:3` switch: 4 handled, 0 stubbed, 21 missing of the reference's codes \(a default arm takes the rest\)$/m);
});

test('a code whose only arm is a stub a fix wrote is stubbed, not handled; each construct says what it handles, stubs and misses', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-coverage-stubs-'));
  const ts = languageForId('typescript')!;
  const handler = `export function f(code: string): number {\n  switch (code) {\n    case 'access_token_invalid':\n      return 1;\n    case 'rate_limit_exceeded':\n      return 2;\n  }\n  return 0;\n}\n`;
  // "Add all" applied: the 23 other codes get arms that throw their TODO.
  writeFileSync(join(root, 'fixed.ts'), await fixAllText(handler, ts, DEFAULT_SETTINGS));
  // Another switch, left as it was: it still misses 23 codes, which the total alone would hide.
  writeFileSync(join(root, 'other.ts'), handler.replace('function f', 'function g'));
  const report = await scanCoverage([root], DEFAULT_SETTINGS, { files: filesOnDisk });
  assert.match(coverageSummary(report), /^2 of 25 handled, 23 stubbed; refresh-token 1\/3, retry 1\/3, user-error 0\/19; .*; 2 constructs, 1 of them missing codes$/);
  assert.deepEqual(
    report.constructs.map((c) => `${c.file.slice(root.length + 1)}:${c.line} ${constructLine(c)}`),
    ["fixed.ts:2 switch: 2 handled, 23 stubbed, 0 missing of the reference's codes", "other.ts:2 switch: 2 handled, 0 stubbed, 23 missing of the reference's codes"],
  );
  const spam = report.codes.find((c) => c.code === 'spam_risk_text')!;
  assert.equal(codeState(spam.locations), 'stubbed');
  // Replacing the stub's body handles the code.
  const fixed = readFileSync(join(root, 'fixed.ts'), 'utf8');
  writeFileSync(join(root, 'fixed.ts'), fixed.replace(/throw new Error\(["']TODO: handle these TikTok errors \(retry\)[^;]*;/, 'return 3;'));
  assert.match(coverageSummary(await scanCoverage([root], DEFAULT_SETTINGS, { files: filesOnDisk })), /^4 of 25 handled, 21 stubbed; refresh-token 1\/3, retry 3\/3/);
});

test('a cancelled scan stops and says so', async () => {
  const report = await scanCoverage([workspace()], DEFAULT_SETTINGS, { files: filesOnDisk, isCancelled: () => true });
  assert.equal(report.cancelled, true);
  assert.equal(report.filesScanned, 0);
});

test('what is left to parse is told once, after the reads: the length of the files that hold handling', async () => {
  const calls: number[] = [];
  const report = await scanCoverage([workspace()], { ...DEFAULT_SETTINGS, maxFileSize: 1_000_000 }, { files: filesOnDisk, exclude: ['out/'], beforeParsing: (chars) => calls.push(chars) });
  const parsed = new Set(report.codes.flatMap((c) => c.locations.map((l) => l.file)));
  assert.equal(parsed.size, 2);
  assert.deepEqual(calls, [[...parsed].reduce((sum, file) => sum + readFileSync(file, 'utf8').length, 0)]);
});

test('a file is read whole up to the size limit, and given up one byte past it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiktok-read-'));
  const [file, empty] = [join(dir, 'a.ts'), join(dir, 'empty.ts')];
  writeFileSync(file, 'é'.repeat(50_000)); // 100,000 bytes
  writeFileSync(empty, '');
  assert.equal(readSourceFile(file, 100_000)?.toString('utf8'), 'é'.repeat(50_000));
  assert.equal(readSourceFile(file, 99_999), undefined);
  assert.equal(readSourceFile(empty, 0)?.length, 0);
  // One buffer serves every read: a shorter file read after a longer one gives its own bytes only.
  writeFileSync(empty, 'ab');
  assert.equal(readSourceFile(file, 100_000)?.length, 100_000);
  assert.equal(readSourceFile(empty, 100_000)?.toString('utf8'), 'ab');
});

test('a file that cannot be read is skipped with the reason, and stops nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiktok-read-'));
  assert.deepEqual(readForAnalysis(join(dir, 'gone.ts'), DEFAULT_SETTINGS), { skipped: 'unreadable', reason: 'ENOENT: no such file or directory' });
  assert.equal(readForAnalysis(dir, DEFAULT_SETTINGS).skipped, 'unreadable');
});

test('file names in the coverage page stay text: no link, no command, no HTML, whatever a name holds', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-coverage-names-'));
  const hostile = ['a`[run](command:workbench.action.terminal.new)<img src=x onerror=alert(1)>`b.ts', '``x``[y](javascript:alert(1)) www.example.com.ts', 'two\n\nparagraphs <b>.ts'];
  for (const name of hostile) writeFileSync(join(root, name), handlerOf('internal'));
  const markdown = renderCoverageMarkdown(await scanCoverage([root], DEFAULT_SETTINGS, { files: filesOnDisk }));
  // VS Code's Markdown preview renders with markdown-it; so does this test, with links found in bare text too.
  const html: string = new MarkdownIt({ html: true, linkify: true }).render(markdown);
  assert.doesNotMatch(html, /<a\s|<img\s|<b>/);
  for (const name of hostile) {
    const shown = JSON.stringify(name) === `"${name}"` ? name : JSON.stringify(name);
    const escaped = shown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    assert.ok(html.includes(`<code>${escaped}:2:8</code>`), `${JSON.stringify(name)} is shown whole, as code:\n${html}`);
  }
});

test('a switch over constants imported from another file counts the codes they hold, where the scan follows imports', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-coverage-imports-'));
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app', 'codes.py'), 'SPAM = "spam_risk_too_many_posts"\nTOKEN = "access_token_invalid"\n');
  // No code is written here: the sift passes it by, and only the import says what it handles.
  writeFileSync(join(root, 'app', 'handler.py'), 'from .codes import SPAM, TOKEN\n\nmatch code:\n    case SPAM_ALIAS if False:\n        pass\n');
  writeFileSync(join(root, 'app', 'views.py'), 'from .codes import SPAM, TOKEN\n\nif code == SPAM:\n    a()\nelif code == TOKEN:\n    b()\n');
  const handled = (report: Awaited<ReturnType<typeof scanCoverage>>) => report.codes.filter((c) => c.locations.length > 0).map((c) => `${c.code} ${c.locations.map((l) => `${l.file.slice(root.length + 1)}:${l.line}`).join(' ')}`);
  assert.deepEqual(handled(await scanCoverage([root], DEFAULT_SETTINGS, { files: filesOnDisk })), []);
  const resolver = new ImportResolver(diskReaders(() => DEFAULT_SETTINGS.maxFileSize));
  assert.deepEqual(handled(await scanCoverage([root], DEFAULT_SETTINGS, { files: filesOnDisk, imports: importFollower(resolver) })), ['access_token_invalid app/views.py:5', 'spam_risk_too_many_posts app/views.py:3']);
});

test('labels the fall-through style stacked on the default arm are stubbed, and the fixed files compile', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-coverage-fallthrough-'));
  const settings = readSettings({ stubs: { style: 'fallThrough' } }).settings;
  const ts = languageForId('typescript')!;
  const go = languageForId('go')!;
  const handler = `export function f(code: string): number {\n  switch (code) {\n    case 'spam_risk_too_many_posts':\n      return 1;\n    case 'rate_limit_exceeded':\n    case 'internal':\n      return 2;\n    default:\n      return 0;\n  }\n}\n`;
  const fixed = await fixAllText(handler, ts, settings);
  writeFileSync(join(root, 'handler.ts'), fixed);
  const goFixed = await fixAllText('package m\n\nfunc F(code string) int {\n\tswitch code {\n\tcase "spam_risk_too_many_posts":\n\t\treturn 1\n\tdefault:\n\t\treturn 0\n\t}\n}\n', go, settings);
  const report = await scanCoverage([root], DEFAULT_SETTINGS, { files: filesOnDisk });
  assert.match(coverageSummary(report), /^3 of 25 handled, 22 stubbed;/);
  assert.equal(compile(checkers.typescript!, 'handler.ts', fixed), undefined);
  if (hasTool('gofmt')) assert.equal(compile(checkers.go!, 'handler.go', goFixed), undefined);
  assert.match(goFixed, /\t\tfallthrough\n\tdefault:\n/);
});
