// `check --fix` writes users' files: it must keep every byte outside its edits and every attribute of the
// file, write nothing that changed since it was read, and let no file stop the run. Nothing it is pointed
// at may hang it or fill the memory. Runs the bundled dist/cli.js, as root and as nobody.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { readForAnalysis } from '../server/src/analysis/files/readForAnalysis';
import { DEFAULT_SETTINGS } from '../server/src/analysis/settings';
import { languageForPath } from '../server/src/languages';
import { analyzeText } from '../server/src/analysis/analyze';
import { applyFixes, computeFixes, NotWritten, writeInPlace } from '../server/src/cli/fix';
import type { FileReport } from '../server/src/cli/checkFiles';

const CLI = resolve('dist/cli.js');
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

const handler = 'switch (c) {\n  case "spam_risk": break;\n  case "rate_limit_exceeded": break;\n}\n';
const pythonMatch = 'match c:\n    case "spam_risk":\n        pass\n    case "rate_limit_exceeded":\n        pass\n';

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-safety-'));
  chmodSync(root, 0o777);
  return root;
}

function cli(cwd: string, args: string[], options: SpawnSyncOptions = {}) {
  // A hang fails the test instead of stalling the suite.
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000, ...options });
  assert.equal(run.signal, null, `check ${args.join(' ')} did not end: ${String(run.stderr)}`);
  return { code: run.status, stdout: String(run.stdout), stderr: String(run.stderr) };
}

test('--fix keeps bytes that are not UTF-8: only the inserted text differs from the file as it was', () => {
  const root = folder();
  const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + pythonMatch)]);
  writeFileSync(join(root, 'l.py'), latin1);
  writeFileSync(join(root, 'u.py'), '# café\n' + pythonMatch);
  const { code, stderr } = cli(root, ['check', '--fix', '--fail-on', 'none']);
  assert.equal(code, 0, stderr);
  const fixedUtf8 = readFileSync(join(root, 'u.py'));
  const fixedLatin1 = readFileSync(join(root, 'l.py'));
  assert.notDeepEqual(fixedLatin1, latin1, 'the file was fixed');
  // The same fix as the UTF-8 file's, with the one byte of Latin-1 where UTF-8 has two.
  assert.deepEqual(fixedLatin1, Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), fixedUtf8.subarray(Buffer.byteLength('# café'))]));
  assert.ok(!fixedLatin1.includes(Buffer.from([0xef, 0xbf, 0xbd])), 'no replacement character');
});

test('--fix keeps the mode, the owner, hard links and a symbolic link given as the path; a read-only file is refused and left alone', () => {
  const root = folder();
  const file = join(root, 'a.ts');
  writeFileSync(file, handler);
  chmodSync(file, 0o664);
  if (asRoot) chownSync(file, NOBODY, NOBODY);
  linkSync(file, join(root, 'hard.ts'));
  symlinkSync('a.ts', join(root, 'link.ts'));
  const readOnly = join(root, 'ro.ts');
  writeFileSync(readOnly, handler);
  chmodSync(readOnly, 0o444);
  const before = statSync(file);
  const { code, stderr } = cli(root, ['check', '--fix', 'link.ts', 'ro.ts']);
  assert.equal(code, 1, 'the read-only file keeps its finding');
  assert.match(stderr, /^fixed a\.ts \(1 problem\)$/m, 'the link is followed to its target, named by its real path');
  assert.match(stderr, /^warning: ro\.ts: not fixed \(read-only\)$/m);
  const after = statSync(file);
  assert.notEqual(readFileSync(file, 'utf8'), handler);
  assert.deepEqual([after.mode, after.uid, after.gid, after.ino, after.nlink], [before.mode, before.uid, before.gid, before.ino, 2]);
  assert.equal(readFileSync(join(root, 'hard.ts'), 'utf8'), readFileSync(file, 'utf8'), 'the hard link sees the fix');
  assert.ok(lstatSync(join(root, 'link.ts')).isSymbolicLink(), 'the link is still a link');
  assert.equal(readFileSync(readOnly, 'utf8'), handler);
  assert.equal(statSync(readOnly).mode & 0o777, 0o444);
});

test('as a user who may not write a file, --fix names it, fixes the others and exits 1', { skip: !asRoot && 'needs root to run as nobody' }, () => {
  const root = folder();
  for (const name of ['a.ts', 'b.ts', 'c.ts']) writeFileSync(join(root, name), handler);
  chownSync(join(root, 'a.ts'), NOBODY, NOBODY);
  chownSync(join(root, 'c.ts'), NOBODY, NOBODY);
  // b.ts stays root's, 0644: nobody reads it but may not write it (nor, now, the folder).
  chmodSync(root, 0o755);
  const { code, stderr, stdout } = cli(root, ['check', '--fix'], { uid: NOBODY, gid: NOBODY });
  assert.equal(code, 1);
  assert.equal(stderr, 'fixed a.ts (1 problem)\nfixed c.ts (1 problem)\nwarning: b.ts: not fixed (EACCES: permission denied)\n');
  assert.match(stdout, /^b\.ts:1:1: warning unhandled-codes/m);
  assert.doesNotMatch(stdout, /^[ac]\.ts:/m);
  assert.equal(readFileSync(join(root, 'b.ts'), 'utf8'), handler);
});

async function reportOf(file: string): Promise<FileReport> {
  const read = readForAnalysis(file, DEFAULT_SETTINGS);
  assert.equal(read.skipped, undefined);
  if (read.skipped !== undefined) throw new Error('not read');
  const language = languageForPath(file)!;
  const { findings } = await analyzeText(read.text, language, DEFAULT_SETTINGS);
  return { path: file, text: read.text, stamp: read.stamp, language, findings };
}

test('a file changed between the read and the write is left as it now is', async () => {
  const root = folder();
  const appended = join(root, 'appended.ts');
  const sameSize = join(root, 'same-size.ts');
  writeFileSync(appended, handler);
  writeFileSync(sameSize, handler);
  const fixes = await computeFixes([await reportOf(appended), await reportOf(sameSize)], DEFAULT_SETTINGS);
  assert.equal(fixes.length, 2);
  writeFileSync(appended, handler + 'export const late = 1;\n', { flag: 'a' });
  // Same size, same modification time: only the bytes tell.
  const { mtime } = statSync(sameSize);
  writeFileSync(sameSize, handler.replace('spam_risk', 'spam_RISK'));
  utimesSync(sameSize, mtime, mtime);
  for (const fix of fixes) {
    assert.throws(() => writeInPlace(fix.path, fix.before, fix.after, fix.stamp), (e: Error) => e instanceof NotWritten && e.message === 'changed since it was read');
    assert.throws(() => writeInPlace(fix.path, fix.before, fix.after), (e: Error) => e instanceof NotWritten && e.message === 'changed since it was read', 'without a stamp too');
  }
  assert.equal(readFileSync(appended, 'utf8'), handler + handler + 'export const late = 1;\n');
  assert.equal(readFileSync(sameSize, 'utf8'), handler.replace('spam_risk', 'spam_RISK'));
});

test('a file deleted before its write is skipped with its reason; the files after it are written', async () => {
  const root = folder();
  const files = ['a.ts', 'b.ts', 'c.ts'].map((name) => join(root, name));
  for (const file of files) writeFileSync(file, handler);
  const fixes = await computeFixes(await Promise.all(files.map(reportOf)), DEFAULT_SETTINGS);
  rmSync(files[1]!);
  const { written, skipped } = await applyFixes(fixes, DEFAULT_SETTINGS);
  assert.deepEqual(written.map((w) => w.fix.path), [files[0], files[2]]);
  assert.deepEqual(skipped.map((s) => [s.fix.path, s.reason]), [[files[1], 'ENOENT: no such file or directory']]);
  assert.deepEqual(written.map((w) => w.report.findings.length), [0, 0], 'what is left is analysed from the text written');
  assert.notEqual(readFileSync(files[2]!, 'utf8'), handler);
});

test('FIFOs and devices never hang the run: named, as .gitignore, as a settings file, and behind a link', () => {
  const root = folder();
  writeFileSync(join(root, 'a.ts'), handler);
  spawnSync('mkfifo', [join(root, 'p.ts')]);
  const named = cli(root, ['check', 'p.ts', 'a.ts']);
  assert.equal(named.code, 1);
  assert.match(named.stderr, /^warning: p\.ts: not read \(not a regular file\)$/m);
  assert.match(named.stdout, /1 file checked, 1 parsed, 1 skipped as unreadable\n$/);

  // In a folder, a FIFO is no file to check; as .gitignore it is passed by.
  spawnSync('mkfifo', [join(root, '.gitignore')]);
  const walked = cli(root, ['check']);
  assert.equal(walked.code, 1, walked.stderr);
  assert.match(walked.stdout, /1 file checked, 1 parsed\n$/);
  rmSync(join(root, '.gitignore'));
  // A link to /dev/zero would be read forever.
  symlinkSync('/dev/zero', join(root, '.gitignore'));
  assert.equal(cli(root, ['check']).code, 1);
  assert.equal(cli(root, ['coverage']).code, 0);
  symlinkSync('/dev/zero', join(root, 'zero.ts'));
  const zero = cli(root, ['check', 'zero.ts', '--max-file-size', '1000']);
  assert.match(zero.stderr, /^warning: \/dev\/zero: not read \(not a regular file\)$/m);

  for (const settings of ['tiktok-errors.json', join('.vscode', 'settings.json')]) {
    const other = folder();
    mkdirSync(join(other, '.vscode'));
    writeFileSync(join(other, 'a.ts'), handler);
    spawnSync('mkfifo', [join(other, settings)]);
    const run = cli(other, ['check']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `tiktok-errors: ${join(other, settings)}: not read (not a regular file)\n`);
  }
});

test('a symbolic link loop is named as one', () => {
  const root = folder();
  symlinkSync('loop-b', join(root, 'loop-a'));
  symlinkSync('loop-a', join(root, 'loop-b'));
  const run = cli(root, ['check', 'loop-a']);
  assert.equal(run.code, 2);
  assert.equal(run.stderr, 'tiktok-errors: loop-a: symbolic link loop\n');
});

test('a line break or a tab in a file name: escaped in text output, percent-encoded in SARIF', () => {
  const root = folder();
  for (const name of ['new\nline.ts', 'tab\there.ts', 'plain #1.ts']) writeFileSync(join(root, name), handler);
  const text = cli(root, ['check']).stdout.split('\n').filter((l) => !l.startsWith(' '));
  assert.deepEqual(text.slice(0, 3), [
    '"new\\nline.ts":1:1: warning unhandled-codes: 23 TikTok error codes are not handled by this switch',
    'plain #1.ts:1:1: warning unhandled-codes: 23 TikTok error codes are not handled by this switch',
    '"tab\\there.ts":1:1: warning unhandled-codes: 23 TikTok error codes are not handled by this switch',
  ]);
  const [run] = JSON.parse(cli(root, ['check', '--format', 'sarif']).stdout).runs;
  const base = run.originalUriBaseIds['%SRCROOT%'].uri;
  const uris: string[] = run.results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
  assert.deepEqual(uris, ['new%0Aline.ts', 'plain%20%231.ts', 'tab%09here.ts']);
  // RFC 3986: only unreserved characters, sub-delimiters, ':', '@', '/' and percent-escapes.
  for (const uri of uris) assert.match(uri, /^([A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$/);
  assert.deepEqual(uris.map((u) => new URL(u, base).href), ['new\nline.ts', 'plain #1.ts', 'tab\there.ts'].map((n) => pathToFileURL(join(root, n)).href));
});

test('the same file reached by several paths is checked once, by its real path', () => {
  const root = folder();
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'a.ts'), handler);
  symlinkSync(join(root, 'src'), join(root, 'linked'));
  const run = cli(root, ['check', '--format', 'json', 'src/a.ts', './src/a.ts', join(root, 'src', 'a.ts'), 'linked/a.ts', 'src', 'linked', '.']);
  const { findings, counts } = JSON.parse(run.stdout);
  assert.deepEqual(findings.map((f: { path: string }) => f.path), [join('src', 'a.ts')]);
  assert.equal(counts.walked, 1);
});

test('a file over the size limit is named in a warning', () => {
  const root = folder();
  writeFileSync(join(root, 'big.ts'), handler + '// ' + 'x'.repeat(2000) + '\n');
  writeFileSync(join(root, 'small.ts'), handler);
  const run = cli(root, ['check', '--max-file-size', '1000']);
  assert.equal(run.stderr, 'warning: big.ts: not read (over the size limit of 1,000 bytes)\n');
  assert.match(run.stdout, /1 file checked, 1 parsed, 1 skipped as too large\n$/);
});

test('a file whose switches use constants imported from another file of the tree is checked and fixed through the import', () => {
  const root = folder();
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'codes.ts'), `export enum TikTokError {\n  Spam = 'spam_risk_too_many_posts',\n  Token = 'access_token_invalid',\n  Limit = 'rate_limit_exceeded',\n}\n`);
  const handler = `import { TikTokError as E } from './codes';\n\nexport function f(e: E): number {\n  switch (e) {\n    case E.Spam:\n      return 1;\n    case E.Token:\n      return 2;\n  }\n  return 0;\n}\n`;
  writeFileSync(join(root, 'src', 'handler.ts'), handler);
  const { stdout } = cli(root, ['check', '--fail-on', 'none']);
  // The type as this file names it.
  assert.match(stdout, /^src\/handler\.ts:4:3: warning unhandled-codes: 1 member of E is not handled by this switch$/m);
  assert.match(stdout, /2 files checked, 2 parsed\n$/);
  assert.equal(cli(root, ['check', '--fix']).code, 0);
  assert.match(readFileSync(join(root, 'src', 'handler.ts'), 'utf8'), /\n {4}case E\.Limit:\n/);
});
