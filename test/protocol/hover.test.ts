// Hover cards over real JSON-RPC on stdio, against the bundled dist/server.js.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../helpers/lspClient';

let client: TestClient;
before(async () => (client = await startServer()));
after(() => client.close());

function positionOf(text: string, needle: string, plus = 0) {
  const offset = text.indexOf(needle) + plus;
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

async function hover(uri: string, text: string, needle: string, plus = 2): Promise<Hover | null> {
  return client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, plus) });
}

test('hover on a code in a TypeScript string shows its card over exactly the code', async () => {
  const uri = 'file:///work/hover/post.ts';
  const text = `const ok = 1;\nif (error.code === "rate_limit_exceeded") {\n  retry();\n}\n`;
  await client.open(uri, 'typescript', text);
  const result = await hover(uri, text, 'rate_limit_exceeded', 5);
  assert.ok(result, 'no hover');
  const card = (result.contents as MarkupContent).value;
  assert.equal((result.contents as MarkupContent).kind, 'markdown');
  assert.match(card, /^### `rate_limit_exceeded`/);
  assert.match(card, /\*\*Rate Limit\*\* · `retry`/);
  // The reference's words are labelled as the reference's; our guidance as guidance for the reader's code.
  assert.match(card, /\n\n\*\*The reference says:\*\* TikTok rate limit exceeded\. Please try again in a few moments\.\n\n/);
  assert.match(card, /\*\*The reference's solution:\*\* You've made too many requests too quickly/);
  assert.match(card, /\*\*TikTok documents it\*\* for `\/v2\/post\/publish\/video\/init\/` \(429\)/);
  assert.match(card, /`error\.code` · HTTP 429/);
  assert.match(card, /\*\*Guidance for your code \(retry\):\*\* Retry the same request later with exponential backoff/);
  assert.deepEqual(result.range, { start: positionOf(text, 'rate_limit_exceeded'), end: positionOf(text, 'rate_limit_exceeded', 'rate_limit_exceeded'.length) });
});

test('hover on a code only TikTok documents (not in the reference) shows its card, naming its pages, endpoints and status', async () => {
  const uri = 'file:///work/hover/status.ts';
  const text = `if (error.code === "publish_not_cancellable") {\n  done();\n}\n`;
  await client.open(uri, 'typescript', text);
  const result = await hover(uri, text, 'publish_not_cancellable', 3);
  const card = (result!.contents as MarkupContent).value;
  assert.match(card, /^### `publish_not_cancellable`/);
  assert.match(card, /\*\*Per TikTok's pages:\*\* The post can no longer be cancelled\./);
  assert.match(card, /`\/v2\/post\/publish\/cancel\/` \(400\)\. Pages: Content Posting API, Cancel Post\./);
  assert.doesNotMatch(card, /reference/);
});

test('hover elsewhere returns null', async () => {
  const uri = 'file:///work/hover/post.ts';
  const text = `const ok = 1;\nif (error.code === "rate_limit_exceeded") {\n  retry();\n}\n`;
  assert.equal(await hover(uri, text, 'retry()', 1), null);
  assert.equal(await hover(uri, text, 'const ok', 1), null);
});

test('hover works in plain text, Markdown and untitled documents, and not on prose words', async () => {
  const log = 'untitled:Untitled-1';
  const logText = '12:00:01 publish failed: internal\n12:00:02 publish failed: spam_risk_user_banned_from_posting\n';
  await client.open(log, 'log', logText);
  assert.equal(await hover(log, logText, 'internal'), null, 'an everyday word in prose is no code');
  const banned = await hover(log, logText, 'spam_risk_user_banned_from_posting');
  assert.match((banned!.contents as MarkupContent).value, /Account banned from posting/);

  const md = 'file:///work/hover/README.md';
  const mdText = 'When TikTok answers `"too many requests"`, back off.\n';
  await client.open(md, 'markdown', mdText);
  const card = await hover(md, mdText, 'too many', 3);
  assert.match((card!.contents as MarkupContent).value, /^### `too many requests`/);
});

test('hover on a document never opened, or past its end, answers null without an error', async () => {
  assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.ts' }, position: { line: 0, character: 0 } }), null);
  const uri = 'file:///work/hover/short.py';
  await client.open(uri, 'python', 'x = "internal"\n');
  assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 99, character: 99 } }), null);
  assert.equal(client.stderr(), '');
});

test("hover on a constant's name shows the card of the code it holds, over the whole name", async () => {
  const uri = 'file:///work/hover/constants.ts';
  const text = `enum TikTokError {\n  Spam = 'spam_risk_too_many_posts',\n  Limit = 'rate_limit_exceeded',\n}\nexport function f(e: TikTokError) {\n  switch (e) {\n    case TikTokError.Spam:\n      return 1;\n  }\n  return 0;\n}\n`;
  const published = client.nextDiagnostics(uri, 1);
  await client.open(uri, 'typescript', text);
  await published;
  const at = text.indexOf('TikTokError.Spam:');
  const result = await hover(uri, text, 'TikTokError.Spam:', 13);
  assert.match((result!.contents as MarkupContent).value, /^### `spam_risk_too_many_posts`/);
  assert.deepEqual(result!.range, { start: positionOf(text, 'TikTokError.Spam:'), end: positionOf(text, 'TikTokError.Spam:', 'TikTokError.Spam'.length) });
  assert.ok(at > 0);
  // A name that holds no code shows nothing.
  assert.equal(await hover(uri, text, 'switch (e)', 8), null);
});

test('codes in a line of terminal output: where hover would find them in plain text, and nowhere in prose', async () => {
  const ask = (line: string) => client.connection.sendRequest<Array<{ code: string; start: number; end: number }>>('tiktokErrors/codesInLine', { line });
  const log = '2026-12-01T17:00:00Z ERROR publish failed {"error":{"code":"spam_risk_too_many_posts","message":"x"}}';
  assert.deepEqual(await ask(log), [{ code: 'spam_risk_too_many_posts', start: log.indexOf('spam_risk'), end: log.indexOf('spam_risk') + 'spam_risk_too_many_posts'.length }]);
  // A code that is also a common word counts only between quotes.
  assert.deepEqual(await ask('the internal state was reset'), []);
  assert.deepEqual((await ask('retrying after "internal"')).map((c) => c.code), ['internal']);
  assert.deepEqual(await ask('x'.repeat(5_000) + ' spam_risk_text'), []);
});
