// The command line on a fixture tree: formats, exit codes, what the walk skips, --fix and --dry-run,
// configuration files, and the lookup, list and coverage commands. Runs the bundled dist/cli.js.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const CLI = resolve('dist/cli.js');

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-cli-'));
  // Switches in both languages, a lookup map in TypeScript and an if/elif chain in Python.
  const files = ['typescript/handlers.ts', 'typescript/mistakes.ts', 'typescript/maps.ts', 'python/handlers.py', 'python/mistakes.py', 'python/chains.py'];
  for (const file of files) cpSync(join('test/fixtures', file), join(root, file));
  writeFileSync(join(root, '.gitignore'), 'generated/\n');
  const stray = `switch (c) {\n  case "spam_risk":\n    break;\n}\n`;
  for (const dir of ['generated', 'node_modules/pkg']) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'stray.ts'), stray);
  }
  writeFileSync(join(root, 'blob.ts'), Buffer.concat([Buffer.from(stray), Buffer.from([0, 1, 2, 0])]));
  writeFileSync(join(root, 'README.md'), 'spam_risk and internal\n');
  return root;
}

function cli(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dir of ['typescript', 'python']) for (const f of readdirSync(join(root, dir))) out[`${dir}/${f}`] = readFileSync(join(root, dir, f), 'utf8');
  return out;
}

test('text: compiler-style lines, a summary with the skips, exit 1', () => {
  const { code, stdout, stderr } = cli(tree(), 'check');
  assert.equal(code, 1);
  assert.equal(stderr, '', 'no progress line off a terminal');
  assert.match(stdout, /^python\/handlers\.py:5:5: information unhandled-codes: 21 TikTok error codes are not handled by this match\n    refresh-token \(2\): scope_not_authorized, scope_permission_missed\n/m);
  assert.match(stdout, /^typescript\/mistakes\.ts:6:10: warning unknown-code: Unknown TikTok error code 'spam_risk_too_many_post'; did you mean 'spam_risk_too_many_posts'\?$/m);
  assert.doesNotMatch(stdout, /generated|node_modules|blob\.ts/);
  assert.match(stdout, /\n22 problems \(14 warnings, 8 information\) in 6 files; 7 files checked, 6 parsed, 1 skipped as binary\n$/);
});

test('a tree of more than a thousand files, read on two threads, gives what the small tree gives', () => {
  const root = tree();
  const small = JSON.parse(cli(root, 'check', '--format', 'json').stdout);
  // Filler sorts between blob.ts and the fixtures: skipped and parsed files stand at both ends of the list.
  for (let i = 0; i < 1_200; i++) {
    mkdirSync(join(root, `filler${i}`));
    writeFileSync(join(root, `filler${i}`, 'util.ts'), `export const n${i} = ${i}; // not "internal"\n`);
  }
  const large = JSON.parse(cli(root, 'check', '--format', 'json').stdout);
  assert.deepEqual(large.findings, small.findings);
  assert.deepEqual(large.counts, { ...small.counts, walked: small.counts.walked + 1_200 });
});

test('json: the same findings with positions and the counts', () => {
  const { code, stdout } = cli(tree(), 'check', '--format', 'json');
  assert.equal(code, 1);
  const { findings, counts } = JSON.parse(stdout);
  assert.equal(findings.length, 22);
  assert.deepEqual(findings[2], {
    path: 'python/handlers.py', rule: 'unhandled-codes', severity: 'information', line: 5, column: 5, endLine: 5, endColumn: 15,
    message: findings[2].message, fixable: true,
  });
  assert.deepEqual(counts, { walked: 7, parsed: 6, skippedLarge: 0, skippedBinary: 1, skippedUnreadable: 0, unsupported: 0 });
  assert.match(findings[0].message, /^19 TikTok error codes are not handled by this if\/else chain\n/);
  assert.ok(findings.some((f: { path: string; message: string }) => f.path === 'typescript/maps.ts' && /by this lookup map/.test(f.message)));
});

test('sarif: a 2.1.0 log that code scanning accepts, with rule help from the catalog and fixes', () => {
  const { code, stdout } = cli(tree(), 'check', '--format', 'sarif');
  assert.equal(code, 1);
  const log = JSON.parse(stdout);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const [run] = log.runs;
  const rules: Array<{ id: string; shortDescription: { text: string }; help: { text: string }; helpUri: string }> = run.tool.driver.rules;
  assert.equal(run.tool.driver.name, 'tiktok-errors');
  assert.deepEqual(rules.map((r) => r.id), ['unknown-code', 'duplicate-case', 'unhandled-codes']);
  assert.match(rules[2]!.help.text, /retry \(rate_limit_exceeded, too many requests, internal, internal_error, server_error, temporarily_unavailable\): Retry the same request later/);
  assert.equal(run.results.length, 22);
  for (const result of run.results) {
    assert.equal(rules[result.ruleIndex]!.id, result.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(result.level));
    assert.equal(typeof result.message.text, 'string');
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.match(artifactLocation.uri, /^(typescript|python)\/[\w.]+$/);
    assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
    assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endLine >= region.startLine);
    for (const fix of result.fixes ?? []) {
      assert.equal(typeof fix.description.text, 'string');
      for (const change of fix.artifactChanges) {
        assert.deepEqual(change.artifactLocation, artifactLocation);
        for (const r of change.replacements) assert.ok(r.deletedRegion.startLine >= 1 && typeof r.insertedContent.text === 'string');
      }
    }
  }
  assert.ok(run.results.every((r: { fixes?: unknown[] }) => r.fixes?.length === 1), 'every finding of the fixtures has a fix');
  assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/\/.+\/$/);
});

test('--fail-on decides the exit code; a clean tree exits 0', () => {
  const root = tree();
  assert.equal(cli(root, 'check', '--fail-on', 'error').code, 0);
  assert.equal(cli(root, 'check', '--fail-on', 'information').code, 1);
  assert.equal(cli(root, 'check', '--fail-on', 'none').code, 0);
  const clean = mkdtempSync(join(tmpdir(), 'tiktok-cli-clean-'));
  writeFileSync(join(clean, 'a.ts'), 'export const x = "spam_risk";\n');
  const { code, stdout } = cli(clean, 'check');
  assert.equal(code, 0);
  assert.equal(stdout, 'no problems; 1 file checked, 1 parsed\n');
});

test('a file whose only code is a shared word ("internal") is read, not parsed: it cannot hold TikTok handling', () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-cli-shared-'));
  writeFileSync(join(root, 'level.ts'), 'export const level = "internal";\nswitch (x) {\n  case "internal": break;\n  case "other": break;\n}\n');
  writeFileSync(join(root, 'handler.ts'), 'switch (c) {\n  case "internal": break;\n  case "invalid_params": break;\n}\n');
  const { counts, findings } = JSON.parse(cli(root, 'check', '--format', 'json', '--fail-on', 'none').stdout);
  assert.deepEqual([counts.walked, counts.parsed], [2, 1]);
  assert.deepEqual([...new Set(findings.map((f: { path: string }) => f.path))], ['handler.ts']);
});

test('codes inside longer words or in prose are no reason to parse; a file in UTF-8 that handles codes is parsed and placed right', () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-cli-prose-'));
  // Both shared codes appear, but neither where a label could be: as in bundled libraries and their docs.
  writeFileSync(join(root, 'bundle.js'), 'class InternalError {}\nconst internalState = {};\n// checks the file size, then retries when too many requests arrive\n');
  writeFileSync(join(root, 'handler.ts'), '// Gérer les erreurs — ça échoue ici\nswitch (c) {\n  case "file size": break;\n  case "internal": break;\n}\n');
  const { counts, findings } = JSON.parse(cli(root, 'check', '--format', 'json', '--fail-on', 'none').stdout);
  assert.deepEqual([counts.walked, counts.parsed], [2, 1]);
  assert.deepEqual(findings.map((f: { path: string; line: number; column: number }) => [f.path, f.line, f.column]), [['handler.ts', 2, 1]]);
});

test("files are listed in the same order on every machine, whatever its language: letters without their case, then as written", () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-cli-order-'));
  const handler = readFileSync('test/fixtures/typescript/mistakes.ts', 'utf8');
  for (const name of ['z.ts', 'ä.ts', 'B.ts', 'a.ts', 'b.ts']) writeFileSync(join(root, name), handler);
  const order = (locale: string) => {
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '.'], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: locale, LC_ALL: locale } });
    return [...new Set((JSON.parse(run.stdout) as { findings: Array<{ path: string }> }).findings.map((f) => f.path))];
  };
  // Swedish collation puts ä after z, English beside a: the report must not follow either.
  assert.deepEqual(order('sv_SE.UTF-8'), ['a.ts', 'B.ts', 'b.ts', 'z.ts', 'ä.ts']);
  assert.deepEqual(order('en_US.UTF-8'), ['a.ts', 'B.ts', 'b.ts', 'z.ts', 'ä.ts']);
});

test('usage and input errors exit 2 with one line on stderr', () => {
  const root = tree();
  for (const args of [['check', '--format', 'xml'], ['check', 'no/such/path'], ['check', '--bogus'], ['check', '--dry-run'], ['lookup', 'nope'], ['frobnicate'], ['check', '--max-file-size', '-1']]) {
    const { code, stderr, stdout } = cli(root, ...args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.match(stderr, /^tiktok-errors: [^\n]+\n$/, args.join(' '));
  }
});

test('files over --max-file-size are skipped and counted', () => {
  const { stdout } = cli(tree(), 'check', '--max-file-size', '700', '--format', 'json');
  const { counts } = JSON.parse(stdout);
  assert.ok(counts.skippedLarge >= 3, JSON.stringify(counts));
  assert.equal(counts.walked + counts.skippedLarge, 7);
});

test('a file that cannot be read is skipped, named on stderr and counted; the rest is checked', () => {
  const root = tree();
  const locked = join(root, 'typescript', 'locked.ts');
  writeFileSync(locked, readFileSync(join(root, 'typescript', 'mistakes.ts')));
  chmodSync(locked, 0o000);
  // Root reads every file whatever its mode: run as nobody then, over a tree nobody may walk.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) for (const dir of [root, join(root, 'typescript'), join(root, 'python')]) chmodSync(dir, 0o755);
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
  const text = run('check');
  assert.equal(text.status, 1, text.stderr);
  assert.equal(text.stderr, `warning: ${join('typescript', 'locked.ts')}: not read (EACCES: permission denied)\n`);
  assert.match(text.stdout, /\n22 problems \(14 warnings, 8 information\) in 6 files; 7 files checked, 6 parsed, 1 skipped as binary, 1 skipped as unreadable\n$/);
  const { counts } = JSON.parse(run('check', '--format', 'json').stdout);
  assert.deepEqual(counts, { walked: 7, parsed: 6, skippedLarge: 0, skippedBinary: 1, skippedUnreadable: 1, unsupported: 0 });
  const coverage = run('coverage');
  assert.equal(coverage.status, 0, coverage.stderr);
  assert.match(coverage.stdout, /\n7 files scanned, 1 skipped as unreadable\n$/);
});

test('symbolic links met in a folder are not followed; a link given as a path is', () => {
  const root = tree();
  const outside = mkdtempSync(join(tmpdir(), 'tiktok-outside-'));
  cpSync(join(root, 'typescript'), join(outside, 'typescript'), { recursive: true });
  symlinkSync(join(outside, 'typescript'), join(root, 'linked-folder'));
  symlinkSync(join(outside, 'typescript', 'mistakes.ts'), join(root, 'linked.ts'));
  const walked = JSON.parse(cli(root, 'check', '--format', 'json').stdout);
  assert.equal(walked.counts.walked, 7, 'the links are not walked');
  const given = JSON.parse(cli(root, 'check', '--format', 'json', 'linked.ts').stdout);
  assert.equal(given.counts.parsed, 1);
  assert.ok(given.findings.length > 0);
});

test('--fix --dry-run prints a unified diff and leaves every file as it was', () => {
  const root = tree();
  const before = snapshot(root);
  const { code, stdout } = cli(root, 'check', '--fix', '--dry-run');
  assert.equal(code, 1);
  assert.match(stdout, /^--- a\/python\/handlers\.py\n\+\+\+ b\/python\/handlers\.py\n@@ /m);
  assert.match(stdout, /^\+        case "spam_risk_too_many_posts":  # expect\[unknown-code spam_risk_too_many_posts\]$/m);
  assert.deepEqual(snapshot(root), before);
});

test('--fix rewrites the files, says what it changed, and the tree then checks clean', () => {
  const root = tree();
  const { code, stdout, stderr } = cli(root, 'check', '--fix');
  assert.equal(code, 0, stdout);
  assert.match(stderr, /^fixed python\/mistakes\.py \(5 problems\)$/m);
  assert.equal(stderr.trim().split('\n').length, 6);
  assert.match(stderr, /^fixed typescript\/maps\.ts \(3 problems\)$/m);
  assert.match(stdout, /^no problems; /);
  assert.equal(cli(root, 'check').code, 0);
  assert.deepEqual(readdirSync(join(root, 'python')).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
});

test('settings from tiktok-errors.json, and from .vscode/settings.json with comments', () => {
  const root = tree();
  writeFileSync(join(root, 'tiktok-errors.json'), JSON.stringify({ rules: { 'unhandled-codes': 'off', 'duplicate-case': 'off' } }));
  const { stdout } = cli(root, 'check', '--format', 'json');
  assert.deepEqual([...new Set(JSON.parse(stdout).findings.map((f: { rule: string }) => f.rule))], ['unknown-code']);

  const other = tree();
  mkdirSync(join(other, '.vscode'));
  writeFileSync(join(other, '.vscode', 'settings.json'), '{\n  // TikTok only\n  "tiktokErrors.rules": { "unknown-code": "error", },\n  "editor.tabSize": 2,\n}\n');
  const errors = JSON.parse(cli(other, 'check', '--format', 'json').stdout).findings.filter((f: { severity: string }) => f.severity === 'error');
  assert.equal(errors.length, 4);

  writeFileSync(join(other, 'tiktok-errors.json'), '{ not json');
  const broken = cli(other, 'check');
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /tiktok-errors\.json: not valid JSON/);
});

test('lookup, list and coverage', () => {
  const root = tree();
  const card = cli(root, 'lookup', 'too many requests');
  assert.equal(card.code, 0);
  assert.match(card.stdout, /^too many requests\n  category  Rate Limit\n  action    retry: Retry the same request later/);
  const retry = cli(root, 'list', '--action', 'retry').stdout.trim().split('\n');
  assert.deepEqual(retry.map((l) => l.split(/\s{2,}/)[0]), ['rate_limit_exceeded', 'too many requests', 'internal', 'internal_error', 'server_error', 'temporarily_unavailable']);
  assert.equal(cli(root, 'list').stdout.trim().split('\n').length, 43);
  const official = cli(root, 'lookup', 'invalid_publish_id');
  assert.equal(official.code, 0);
  assert.match(official.stdout, /^invalid_publish_id\n  category  Request\n  action    fix-request: .*\n  field     error\.code; HTTP 400\n  endpoints \/v2\/post\/publish\/status\/fetch\/ \(400\), \/v2\/post\/publish\/cancel\/ \(400\)\n  meaning   .*\(per TikTok's pages\)\n  sources   Content Posting API, Get Post Status/);
  const coverage = cli(root, 'coverage');
  assert.equal(coverage.code, 0);
  assert.match(coverage.stdout, /^\d+ of 25 handled; refresh-token \d\/3, retry \d\/3, user-error \d+\/19; documented error\.code \d+\/19, fail_reason \d+\/13, OAuth error 0\/10; \d+ constructs, \d+ of them missing codes\n\nreference: \d+\/25 \(the reference's codes\)\n  refresh-token /);
  assert.match(coverage.stdout, /\nfail_reason: \d+\/13 \(the fail_reason values TikTok documents\)\n/);
  assert.match(coverage.stdout, /✓ access_token_invalid\s+python\/chains\.py:5:16, python\/handlers\.py:6:14, python\/mistakes\.py:6:14, typescript\/handlers\.ts:6:10, typescript\/maps\.ts:15:3, typescript\/mistakes\.ts:4:10\n/);
});

test('a progress line on a terminal once the run has taken its delay, cleared at the end; none on a short run', (t) => {
  const script = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).stdout.trim();
  if (!script) return t.skip('no `script` (util-linux) to give the CLI a terminal');
  const root = mkdtempSync(join(tmpdir(), 'tiktok-cli-tty-'));
  const handler = `switch (c) {\n  case "spam_risk": break;\n  case "internal": break;\n}\n`;
  for (let i = 0; i < 50; i++) writeFileSync(join(root, `f${i}.ts`), handler);
  // `script` runs the CLI on a pseudo-terminal; stdout goes to /dev/null, so only stderr shows.
  const onTerminal = (after: string) =>
    spawnSync(script, ['-qec', `${process.execPath} ${CLI} check --fail-on none > /dev/null`, '/dev/null'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TIKTOK_ERRORS_PROGRESS_AFTER_MS: after },
    });
  const shown = onTerminal('0');
  assert.equal(shown.status, 0, shown.stdout);
  assert.match(shown.stdout, /\rchecking \d+\/50 files…/);
  assert.match(shown.stdout, /\r\x1b\[K/);
  // The default second is far longer than fifty small files take: no progress line then.
  const quiet = onTerminal('1000');
  assert.equal(quiet.status, 0, quiet.stdout);
  assert.doesNotMatch(quiet.stdout, /checking/);
});

test('a reader that stops early (`| head`) ends the run quietly: no stack trace, exit 0', () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-cli-pipe-'));
  const handler = `switch (c) {\n  case "spam_risk": break;\n  case "internal": break;\n}\n`;
  // Far more output than a pipe holds, so the CLI is still writing when the reader has gone.
  for (let i = 0; i < 400; i++) writeFileSync(join(root, `f${i}.ts`), handler);
  const run = spawnSync('bash', ['-c', `${process.execPath} ${CLI} check --format json --fail-on none | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.stdout, '0\n');
});

test('a switch with a default arm fails CI only when asked: --with-default warning, --fail-on information, or the setting', () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-cli-default-'));
  writeFileSync(join(root, 'h.py'), 'match code:\n    case "access_token_invalid" | "spam_risk_too_many_posts":\n        pass\n    case _:\n        pass\n');
  const quiet = cli(root, 'check');
  assert.equal(quiet.code, 0);
  assert.match(quiet.stdout, /^h\.py:1:1: information unhandled-codes: 23 TikTok error codes/m);
  assert.match(quiet.stdout, /1 problem \(1 information\) in 1 file/);
  const strict = cli(root, 'check', '--with-default', 'warning');
  assert.equal(strict.code, 1);
  assert.match(strict.stdout, /^h\.py:1:1: warning unhandled-codes: 23 TikTok error codes/m);
  assert.equal(cli(root, 'check', '--fail-on', 'information').code, 1);
  writeFileSync(join(root, 'tiktok-errors.json'), '{ "switch": { "severityWithDefault": "error" } }\n');
  assert.match(cli(root, 'check').stdout, /^h\.py:1:1: error unhandled-codes/m);
  const bad = cli(root, 'check', '--with-default', 'loud');
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, "tiktok-errors: --with-default: 'loud' is not error, warning, information, hint or off\n");
});

test("the team's stub templates from tiktok-errors.json write the fixed arms; a malformed one is named and the stub stays", () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-cli-templates-'));
  writeFileSync(join(root, 'h.py'), 'def f(code):\n    match code:\n        case "access_token_invalid":\n            return 1\n        case "spam_risk_too_many_posts":\n            return 2\n');
  writeFileSync(
    join(root, 'tiktok-errors.json'),
    JSON.stringify({ ignoreCodes: ['spam_risk', 'spam_risk_text'], stubs: { templates: { 'refresh-token': 'return refresh_and_retry(${subject})', retry: 'return retry_later(${nope})' } } }),
  );
  const run = cli(root, 'check', '--fix');
  assert.match(run.stderr, /^warning: tiktokErrors\.stubs\.templates\.retry: unknown placeholder \$\{nope\} .*; this action keeps the stub that throws$/m);
  const fixed = readFileSync(join(root, 'h.py'), 'utf8');
  assert.match(fixed, /\n {8}case "scope_not_authorized" \| "scope_permission_missed":\n {12}return refresh_and_retry\(code\)\n/);
  assert.match(fixed, /raise NotImplementedError\("TODO: handle these TikTok errors \(retry\)/);
  assert.equal(spawnSync('python3', ['-m', 'py_compile', join(root, 'h.py')]).status, 0);
});
