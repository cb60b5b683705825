// Diagnostics and code actions over real JSON-RPC on stdio: TypeScript and Python, edits sent incrementally.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../helpers/lspClient';

let client: TestClient;
before(async () => (client = await startServer()));
after(() => client.close());

const tsText = `export function handle(code: string) {
  switch (code) {
    case 'access_token_invalid':
      return 'reconnect';
    case 'spam_risk_text':
      return 'show';
  }
}
`;

const pyText = `def handle(code):
    match code:
        case "spam_risk_text" | "rate_limit_exceeded":
            return "show"
        case "spam_risk_too_many_post":
            return "wait"
        case _:
            return "other"
`;

async function codeActions(uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
  });
}

/** Applies an action's edits to our copy and sends them to the server as incremental changes. */
async function apply(doc: TextDocument, action: CodeAction): Promise<TextDocument> {
  const edits: TextEdit[] = action.edit!.changes![doc.uri]!;
  const version = doc.version + 1;
  const next = TextDocument.create(doc.uri, doc.languageId, version, TextDocument.applyEdits(doc, edits));
  const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: doc.uri, version },
    contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
  });
  return next;
}

test('TypeScript: unhandled-codes warning on the switch, fixed by the quick-fixes step by step', async () => {
  const uri = 'file:///work/protocol/handle.ts';
  const published = client.nextDiagnostics(uri, 1);
  await client.open(uri, 'typescript', tsText);
  const [diagnostic, ...rest] = await published;
  assert.equal(rest.length, 0);
  assert.equal(diagnostic!.source, 'tiktok-errors');
  assert.equal(diagnostic!.code, 'unhandled-codes');
  assert.equal(diagnostic!.severity, 2);
  assert.ok(diagnostic!.codeDescription?.href.endsWith('/docs/rules/unhandled-codes.md'));
  assert.match(diagnostic!.message as string, /^23 TikTok error codes are not handled by this switch\nrefresh-token \(2\): scope_not_authorized, scope_permission_missed\nretry \(3\)/);
  assert.deepEqual(diagnostic!.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 15 } });

  const actions = await codeActions(uri, diagnostic!);
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind, a.isPreferred]),
    [
      ['Add all 23 missing TikTok error cases', 'quickfix', true],
      ['Add 2 missing refresh-token cases', 'quickfix', false],
      ['Add 3 missing retry cases', 'quickfix', false],
      ['Add 18 missing user-error cases', 'quickfix', false],
      ['Disable unhandled-codes for this line', 'quickfix', false],
    ],
  );

  let doc = TextDocument.create(uri, 'typescript', 1, tsText);
  doc = await apply(doc, actions.find((a) => a.title === 'Add 3 missing retry cases')!);
  const afterRetry = await client.nextDiagnostics(uri, doc.version);
  assert.match(afterRetry[0]!.message as string, /^20 TikTok error codes/);
  assert.match(doc.getText(), /\/\/ retry: retry later with exponential backoff\n    case 'rate_limit_exceeded':\n    case 'too many requests':\n    case 'internal':\n      throw new Error\(/);

  const addAll = (await codeActions(uri, afterRetry[0]!)).find((a) => a.isPreferred)!;
  assert.equal(addAll.title, 'Add all 20 missing TikTok error cases');
  doc = await apply(doc, addAll);
  assert.deepEqual(await client.nextDiagnostics(uri, doc.version), []);
});

test('"Disable … for this line" writes a directive above the line, and the diagnostic goes', async () => {
  const uri = 'file:///work/protocol/disable.ts';
  const published = client.nextDiagnostics(uri, 1);
  await client.open(uri, 'typescript', tsText);
  const [diagnostic] = await published;
  const disable = (await codeActions(uri, diagnostic!)).find((a) => a.title === 'Disable unhandled-codes for this line')!;
  const doc = await apply(TextDocument.create(uri, 'typescript', 1, tsText), disable);
  assert.match(doc.getText(), /^export function handle\(code: string\) \{\n  \/\/ tiktok-errors-disable-next-line unhandled-codes\n  switch \(code\) \{\n/);
  assert.deepEqual(await client.nextDiagnostics(uri, doc.version), []);
});

test('Python: a typo and the missing cases, with "fix all" as a source action', async () => {
  const uri = 'file:///work/protocol/handle.py';
  const published = client.nextDiagnostics(uri, 1);
  await client.open(uri, 'python', pyText);
  const diagnostics = await published;
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
    [
      ['unknown-code', 2, 4],
      ['unhandled-codes', 3, 1],
    ],
  );
  assert.equal(diagnostics[0]!.message, "Unknown TikTok error code 'spam_risk_too_many_post'; did you mean 'spam_risk_too_many_posts'?");
  const [change] = await codeActions(uri, diagnostics[0]!);
  assert.equal(change!.title, "Change to 'spam_risk_too_many_posts'");

  const fixAll = await codeActions(uri, diagnostics[1]!, ['source.fixAll']);
  assert.deepEqual(fixAll.map((a) => a.kind), ['source.fixAll.tiktokErrors']);
  const doc = await apply(TextDocument.create(uri, 'python', 1, pyText), fixAll[0]!);
  assert.deepEqual(await client.nextDiagnostics(uri, doc.version), []);
  assert.match(doc.getText(), /case "spam_risk_too_many_posts":/);
  assert.equal(doc.getText().match(/spam_risk_too_many_posts/g)!.length, 1, 'the fixed typo must not be added again');
  assert.match(doc.getText(), /        # refresh-token: send the user through TikTok OAuth again\n        case "access_token_invalid" \| "scope_not_authorized" \| "scope_permission_missed":\n            raise NotImplementedError\(/);
});

test("C# under the language ids other editors send: Neovim's filetype `cs`, Helix's `c-sharp`", async () => {
  const csText = 'class H {\n  static string Handle(string code) {\n    switch (code) {\n      case "access_token_invalid": return "reconnect";\n      case "spam_risk_text": return "show";\n      default: return "other";\n    }\n  }\n}\n';
  for (const languageId of ['csharp', 'cs', 'c-sharp']) {
    const uri = `file:///work/protocol/Handle-${languageId}.cs`;
    const published = client.nextDiagnostics(uri, 1);
    await client.open(uri, languageId, csText);
    assert.deepEqual((await published).map((d) => [d.code, d.range.start.line]), [['unhandled-codes', 2]], languageId);
  }
});

test('settings pushed by the client turn a rule off and re-check open documents', async () => {
  const uri = 'file:///work/protocol/quiet.ts';
  const first = client.nextDiagnostics(uri, 1);
  await client.open(uri, 'typescript', tsText);
  assert.equal((await first).length, 1);
  const again = client.nextDiagnostics(uri, 1);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { tiktokErrors: { rules: { 'unhandled-codes': 'off' } } } });
  assert.deepEqual(await again, []);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { tiktokErrors: {} } });
});

test('the catalog request returns every known code with its action and fields, the reference\'s 25 marked', async () => {
  const result = await client.connection.sendRequest<{ errors: Array<{ code: string; action: string; reference: boolean; fields: string[] }>; actions: unknown[] }>('tiktokErrors/catalog');
  assert.equal(result.errors.filter((e) => e.reference).length, 25);
  assert.ok(result.errors.some((e) => e.code === 'publish_not_cancellable' && !e.reference && e.fields.includes('error.code')));
  assert.equal(result.actions.length, 4);
  assert.ok(result.errors.some((e) => e.code === 'spam_risk_too_many_pending_share' && e.action === 'user-error'));
});

test("each diagnostic links to its rule's own page, a file shipped in the .vsix beside dist/", async () => {
  const uri = 'file:///work/protocol/linked.ts';
  const published = client.nextDiagnostics(uri, 1);
  await client.open(uri, 'typescript', `switch (c) {\n  case "spam_risk_text": break;\n  case "rate_limit_exceeded": break;\n  case "rate_limit_exceeded": break;\n  case "spam_risk_txet": break;\n}\n`);
  const diagnostics = await published;
  assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['duplicate-case', 'unhandled-codes', 'unknown-code']);
  const packaged = execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n');
  for (const d of diagnostics) {
    const href = d.codeDescription!.href;
    assert.match(href, /^file:\/\//);
    const file = fileURLToPath(href);
    assert.ok(existsSync(file), file);
    // The server runs from dist/: the page is docs/rules/RULE.md under the package's root, as in the .vsix.
    assert.equal(relative(process.cwd(), file).split(sep).join('/'), `docs/rules/${String(d.code)}.md`);
    assert.ok(packaged.includes(`docs/rules/${String(d.code)}.md`));
    assert.match(readFileSync(file, 'utf8'), new RegExp(`^# \`${String(d.code)}\``));
  }
});

test('a switch over constants imported from another file: read through the import, and checked again when that file changes, open or on disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiktok-imports-'));
  const codesPath = join(dir, 'codes.ts');
  const codes = (members: string) => `export enum TikTokError {\n${members}}\n`;
  writeFileSync(codesPath, codes(`  Spam = 'spam_risk_too_many_posts',\n  Token = 'access_token_invalid',\n  Limit = 'rate_limit_exceeded',\n`));
  const handlerUri = pathToFileURL(join(dir, 'handler.ts')).href;
  const handler = `import { TikTokError } from './codes';\n\nexport function f(e: TikTokError): number {\n  switch (e) {\n    case TikTokError.Spam:\n      return 1;\n    case TikTokError.Token:\n      return 2;\n  }\n  return 0;\n}\n`;
  const first = client.nextDiagnostics(handlerUri, 1);
  await client.open(handlerUri, 'typescript', handler);
  assert.deepEqual((await first).map((d) => String(d.message).split('\n')[0]), ['1 member of TikTokError is not handled by this switch']);
  // Hovering an imported constant shows the card of the code it holds.
  const card = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: handlerUri }, position: { line: 4, character: 22 } })) as { contents: { value: string } } | null;
  assert.match(card?.contents.value ?? '', /spam_risk_too_many_posts/);

  // The source opened and edited: one more member, one more missing.
  const codesUri = pathToFileURL(codesPath).href;
  await client.open(codesUri, 'typescript', readFileSync(codesPath, 'utf8'));
  const second = client.nextDiagnostics(handlerUri, 1);
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: codesUri, version: 2 },
    contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: "  Internal = 'internal',\n" }],
  });
  assert.deepEqual((await second).map((d) => String(d.message).split('\n')[0]), ['2 members of TikTokError are not handled by this switch']);

  // Closed, then changed on disk: the watcher's notification re-checks the importer.
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: codesUri } });
  await client.nextDiagnostics(handlerUri, 1);
  writeFileSync(codesPath, codes(`  Spam = 'spam_risk_too_many_posts',\n  Token = 'access_token_invalid',\n`));
  const third = client.nextDiagnostics(handlerUri, 1);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: codesUri, type: 2 }] });
  assert.deepEqual(await third, []);
});

test('Go: constants of another file of the package are read, and a file added to the package re-checks its switches', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiktok-package-'));
  writeFileSync(join(dir, 'codes.go'), 'package tiktok\n\nconst (\n\tErrSpam  = "spam_risk_too_many_posts"\n\tErrToken = "access_token_invalid"\n)\n');
  const handlerUri = pathToFileURL(join(dir, 'handler.go')).href;
  const handler = 'package tiktok\n\nfunc Handle(code string) int {\n\tswitch code {\n\tcase ErrSpam:\n\t\treturn 1\n\tcase ErrToken:\n\t\treturn 2\n\tcase ErrLimit:\n\t\treturn 3\n\t}\n\treturn 0\n}\n';
  const first = client.nextDiagnostics(handlerUri, 1);
  await client.open(handlerUri, 'go', handler);
  assert.deepEqual((await first).map((d) => String(d.message).split('\n')[0]), ['23 TikTok error codes are not handled by this switch']);

  // ErrLimit appears in a new file of the package: the watcher says so, and the switch handles one more.
  const limitsPath = join(dir, 'limits.go');
  writeFileSync(limitsPath, 'package tiktok\n\nconst ErrLimit = "rate_limit_exceeded"\n');
  const second = client.nextDiagnostics(handlerUri, 1);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(limitsPath).href, type: 1 }] });
  assert.deepEqual((await second).map((d) => String(d.message).split('\n')[0]), ['22 TikTok error codes are not handled by this switch']);
});

test("the workspace's declarations are indexed ahead: a file imports from the index, which the watcher keeps current", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiktok-index-'));
  writeFileSync(join(dir, 'codes.go'), 'package tiktok\n\nconst (\n\tErrSpam  = "spam_risk_too_many_posts"\n\tErrToken = "access_token_invalid"\n)\n');
  writeFileSync(join(dir, 'util.go'), 'package tiktok\n\nfunc Twice(x int) int { return 2 * x }\n');
  writeFileSync(join(dir, 'codes.py'), 'SPAM = "spam_risk_too_many_posts"\nTOKEN = "access_token_invalid"\n');
  writeFileSync(join(dir, 'notes.md'), 'spam_risk_too_many_posts\n');
  const indexed = await startServer(undefined, {}, dir);
  try {
    const deadline = Date.now() + 20_000;
    while (!indexed.logs.some((l) => l.includes('indexed the declarations')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.match(indexed.logs.find((l) => l.includes('indexed the declarations')) ?? '', /indexed the declarations of 3 files \(2 declare codes\) in \d+ ms$/);
    // Gone from the disk, and nobody said so: the index still holds what it declared.
    const codesPath = join(dir, 'codes.go');
    unlinkSync(codesPath);
    const handlerUri = pathToFileURL(join(dir, 'handler.go')).href;
    const handler = 'package tiktok\n\nfunc Handle(code string) int {\n\tswitch code {\n\tcase ErrSpam:\n\t\treturn 1\n\tcase ErrToken:\n\t\treturn 2\n\t}\n\treturn 0\n}\n';
    const first = indexed.nextDiagnostics(handlerUri, 1);
    await indexed.open(handlerUri, 'go', handler);
    assert.deepEqual((await first).map((d) => String(d.message).split('\n')[0]), ['23 TikTok error codes are not handled by this switch']);
    // The watcher says it was deleted: the switch names no code any more.
    const second = indexed.nextDiagnostics(handlerUri, 1);
    await indexed.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(codesPath).href, type: 3 }] });
    assert.deepEqual(await second, []);
  } finally {
    await indexed.close();
  }
});

test('Insert Error Handler in the light bulb: a client that resolves edits gets them only for the action it chooses, written as eagerly', async () => {
  const lazy = await startServer(undefined, { textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } });
  try {
    const uri = 'file:///work/protocol/insert-handler-lazy.ts';
    const text = 'export function f(err: { code: string }): number {\n  const seen = err.code;\n  return seen.length;\n}\n';
    await lazy.open(uri, 'typescript', text);
    const at = { line: 1, character: text.split('\n')[1]!.indexOf('err.code') + 5 };
    const ask = () => lazy.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
    const offered = (await ask()).filter((a) => a.title.startsWith('Insert a TikTok error handler for err.code'));
    assert.deepEqual(offered.map((a) => a.title), ['Insert a TikTok error handler for err.code', 'Insert a TikTok error handler for err.code as an if/else chain']);
    assert.ok(offered.every((a) => a.edit === undefined), 'no handler is written before one is chosen');
    const eager = (await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: 'file:///work/protocol/insert-handler-eager.ts' }, range: { start: at, end: at }, context: { diagnostics: [] } }));
    assert.deepEqual(eager, [], 'the eager client has not opened that document');
    await client.open('file:///work/protocol/insert-handler-eager.ts', 'typescript', text);
    const written = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: 'file:///work/protocol/insert-handler-eager.ts' }, range: { start: at, end: at }, context: { diagnostics: [] } });
    for (const action of offered) {
      const resolved = await lazy.connection.sendRequest<CodeAction>('codeAction/resolve', action);
      const same = written.find((a) => a.title === action.title)!;
      assert.deepEqual(resolved.edit!.changes![uri], same.edit!.changes!['file:///work/protocol/insert-handler-eager.ts']);
    }
    // Chosen after the document changed: no edit over text it was not written for.
    await lazy.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `// edited\n${text}` }] });
    const stale = await lazy.connection.sendRequest<CodeAction>('codeAction/resolve', offered[0]);
    assert.equal(stale.edit, undefined);
  } finally {
    await lazy.close();
  }
});

test('Insert Error Handler: a code action on a name that holds a code, and a request for any set, write a complete switch', async () => {
  const uri = 'file:///work/protocol/insert-handler.ts';
  const text = 'export function f(err: { code: string }): number {\n  const seen = err.code;\n  return seen.length;\n}\n';
  await client.open(uri, 'typescript', text);
  const at = { line: 1, character: text.split('\n')[1]!.indexOf('err.code') + 5 };
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
  const insert = actions.find((a) => a.title === 'Insert a TikTok error handler for err.code');
  assert.ok(insert, actions.map((a) => a.title).join(' | '));
  assert.equal(insert.kind, 'refactor.tiktokErrors.insertHandler');
  const written = TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 1, text), insert.edit!.changes![uri]!);
  assert.match(written, /\n  const seen = err\.code;\n  switch \(err\.code\) \{\n    \/\/ refresh-token: send the user through TikTok OAuth again\n    case "access_token_invalid":\n/);
  const check = client.nextDiagnostics(uri, 2);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: written }] });
  assert.deepEqual(await check, []);
  // The light bulb offers the if/else chain too, over the same name, as complete.
  const asChain = actions.find((a) => a.title === 'Insert a TikTok error handler for err.code as an if/else chain');
  assert.ok(asChain, actions.map((a) => a.title).join(' | '));
  const chained = TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 1, text), asChain.edit!.changes![uri]!);
  assert.match(chained, /\n  const seen = err\.code;\n  if \(err\.code === "access_token_invalid" \|\|\n      err\.code === "scope_not_authorized"/);
  assert.equal(chained.match(/"[a-z_ ]+"/g)!.length, 25, 'every code of the reference once');
  // No such action on a name that holds no code, nor inside a string.
  const plain = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 17 }, end: { line: 0, character: 17 } }, context: { diagnostics: [] } });
  assert.ok(!plain.some((a) => a.title.startsWith('Insert a TikTok error handler')));
  // The palette's request: another set, another subject.
  const answer = await client.connection.sendRequest<{ subject: string; edit: TextEdit }>('tiktokErrors/insertHandler', { textDocument: { uri }, position: { line: 1, character: 0 }, set: 'fail_reason', subject: 'status.fail_reason' });
  assert.equal(answer.subject, 'status.fail_reason');
  assert.match(answer.edit.newText, /switch \(status\.fail_reason\) \{/);
  assert.equal(answer.edit.newText.match(/^\s*case /gm)!.length, 13);
  const chain = await client.connection.sendRequest<{ subject: string; edit: TextEdit }>('tiktokErrors/insertHandler', { textDocument: { uri }, position: { line: 1, character: 0 }, set: 'fail_reason', subject: 'reason', shape: 'chain' });
  assert.match(chain.edit.newText, /^\n  if \(reason === "auth_removed"\) \{\n/);
  assert.match(chain.edit.newText, /\n  \} else if \(/);
  const map = await client.connection.sendRequest<{ subject: string; edit: TextEdit }>('tiktokErrors/insertHandler', { textDocument: { uri }, position: { line: 1, character: 0 }, set: 'reference', shape: 'map' });
  assert.equal(map.subject, 'tiktokErrorMessages');
  assert.match(map.edit.newText, /^\n  const tiktokErrorMessages: Record<string, string> = \{\n    \/\/ refresh-token: send the user through TikTok OAuth again\n    "access_token_invalid": "TikTok access token is invalid/);
});

test("a fix's lines end at the editor's ruler where the client has one", async () => {
  const ruled = await startServer(undefined, { workspace: { configuration: true } }, process.cwd(), (section) => (section === 'editor.rulers' ? [72] : {}));
  try {
    const uri = 'file:///work/protocol/ruler.py';
    const text = 'match code:\n    case "access_token_invalid":\n        pass\n    case "spam_risk_too_many_posts":\n        pass\n';
    const shown = ruled.nextDiagnostics(uri, 1);
    await ruled.open(uri, 'python', text);
    await shown;
    const actions = await ruled.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    const all = actions.find((a) => a.title.startsWith('Add all'))!;
    const written = TextDocument.applyEdits(TextDocument.create(uri, 'python', 1, text), all.edit!.changes![uri]!);
    const longest = Math.max(...written.split('\n').filter((l) => l.includes('raise')).map((l) => l.length));
    assert.ok(longest <= 72, `a stub line of ${longest} columns`);
    assert.match(written, /# retry: retry later with exponential backoff\n.*\n        raise NotImplementedError\("TODO: handle these TikTok errors"\)/);
  } finally {
    await ruled.close();
  }
});
