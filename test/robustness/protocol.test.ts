// Protocol abuse against the bundled server over stdio: huge documents, odd line ends, bad settings,
// thousands of rapid changes and cancelled requests. The server must answer, log once, and keep serving.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { pathological } from '../../bench/generate';
import { startServer, type TestClient } from '../helpers/lspClient';

let client: TestClient;
before(async () => (client = await startServer()));
after(() => client.close());

const handler = `switch (c) {\n  case "spam_risk": break;\n  case "rate_limit_exceeded": break;\n}\n`;

async function hoverAt(uri: string, line: number, character: number): Promise<Hover | null> {
  return client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
}

test('a 50 MB document: not linted, one log line however often it changes, hover still works', async () => {
  const uri = 'file:///work/robustness/huge.ts';
  const filler = '// ' + 'x'.repeat(96) + '\n';
  const text = handler + filler.repeat(Math.ceil(50_000_000 / filler.length)) + 'const tail = "spam_risk_text";\n';
  const published = client.nextDiagnostics(uri, 1);
  await client.open(uri, 'typescript', text);
  assert.deepEqual(await published, []);
  for (let version = 2; version <= 4; version++) {
    const next = client.nextDiagnostics(uri, version);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }] });
    assert.deepEqual(await next, []);
  }
  assert.equal(client.logs.filter((l) => l.includes('huge.ts') && l.includes('maxFileSize')).length, 1, client.logs.join('\n'));
  const lastLine = text.split('\n').length - 2;
  const card = await hoverAt(uri, lastLine, 18);
  assert.match((card!.contents as MarkupContent).value, /^### `spam_risk_text`/);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

test('lone CR and mixed line ends: diagnostic and hover ranges count lines as LSP does', async () => {
  const uri = 'file:///work/robustness/mac.py';
  const text = 'match c:\r    case "spam_risk":\r\n        pass\n    case "rate_limit_exceeded":\r        pass\r';
  const published = client.nextDiagnostics(uri, 1);
  await client.open(uri, 'python', text);
  const [diagnostic] = await published;
  assert.deepEqual(diagnostic!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
  const card = await hoverAt(uri, 3, 14);
  assert.deepEqual(card!.range, { start: { line: 3, character: 10 }, end: { line: 3, character: 29 } });
});

test('astral characters: columns in UTF-16 code units', async () => {
  const uri = 'file:///work/robustness/emoji.ts';
  const text = 'const s = "😀😀"; const t = "spam_risk_text";\n';
  await client.open(uri, 'typescript', text);
  const card = await hoverAt(uri, 0, 30);
  // `const s = "` (11) + two emoji (2 units each) + `"; const t = "` (14) = 29.
  assert.deepEqual(card!.range, { start: { line: 0, character: 29 }, end: { line: 0, character: 43 } });
});

test('2,000 rapid one-character changes end in the same diagnostics as opening the final text', async () => {
  const uri = 'file:///work/robustness/typed.ts';
  const target = handler.repeat(5);
  await client.open(uri, 'typescript', '');
  let line = 0;
  let character = 0;
  let version = 1;
  const text = target.repeat(Math.ceil(2000 / target.length)).slice(0, 2000);
  for (const ch of text) {
    version++;
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: ch }] });
    if (ch === '\n') {
      line++;
      character = 0;
    } else character++;
  }
  const typed = await client.nextDiagnostics(uri, version);
  const freshUri = 'file:///work/robustness/fresh.ts';
  const fresh = client.nextDiagnostics(freshUri, 1);
  await client.open(freshUri, 'typescript', text);
  assert.deepEqual(typed, await fresh);
  assert.ok(typed.length > 0);
});

test('cancelled requests are answered or dropped, and the server goes on serving', async () => {
  const uri = 'file:///work/robustness/cancel.ts';
  await client.open(uri, 'typescript', 'const x = "spam_risk";\n');
  const source = new CancellationTokenSource();
  const pending = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 12 } }, source.token);
  source.cancel();
  await pending.catch((error: { code?: number }) => assert.equal(error.code, -32800));
  const coverage = new CancellationTokenSource();
  const scan = client.connection.sendRequest<{ cancelled: boolean }>('tiktokErrors/coverage', { folders: [process.cwd()] }, coverage.token);
  setTimeout(() => coverage.cancel(), 50);
  const result = await scan.catch((error: { code?: number }) => (assert.equal(error.code, -32800), { cancelled: true }));
  assert.equal(result.cancelled, true);
  assert.match(((await hoverAt(uri, 0, 12))!.contents as MarkupContent).value, /spam_risk/);
});

test('invalid settings: one warning each, defaults used, diagnostics still published', async () => {
  const before = client.logs.length;
  const uri = 'file:///work/robustness/settings.ts';
  await client.open(uri, 'typescript', handler);
  await client.nextDiagnostics(uri, 1);
  const again = client.nextDiagnostics(uri, 1);
  await client.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { tiktokErrors: { rules: { 'unhandled-codes': 'loud' }, switch: { minimumKnownCodes: -3 }, ignoreCodes: 'internal' } },
  });
  const diagnostics = await again;
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.severity, 2);
  const warnings = client.logs.slice(before).filter((l) => l.includes('tiktokErrors.'));
  assert.equal(warnings.length, 3, warnings.join('\n'));
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { tiktokErrors: {} } });
});

test('requests about documents never opened, and positions past the end, answer empty', async () => {
  assert.equal(await hoverAt('file:///never/opened.ts', 3, 3), null);
  assert.deepEqual(await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: 'file:///never/opened.ts' }, position: { line: 0, character: 0 } }), []);
  assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///never/opened.ts' }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 9 } }, context: { diagnostics: [] } }), []);
  assert.equal(await hoverAt('file:///work/robustness/cancel.ts', 1_000, 1_000), null);
  assert.equal(client.stderr(), '');
});

test('requests whose params are not what the protocol says are answered empty, not with an error, and logged once', async () => {
  const before = client.logs.length;
  const send = (method: string, params: unknown) => client.connection.sendRequest(method, params);
  for (let round = 0; round < 2; round++) {
    assert.equal(await send('textDocument/hover', {}), null);
    assert.equal(await send('textDocument/hover', { textDocument: { uri: 'file:///x.ts' }, position: { line: 'a', character: 0 } }), null);
    assert.deepEqual(await send('textDocument/completion', { textDocument: {} }), []);
    assert.deepEqual(await send('textDocument/codeAction', { textDocument: { uri: 'file:///x.ts' } }), []);
    assert.equal(await send('tiktokErrors/codeAt', {}), null);
    assert.equal(await send('tiktokErrors/details', { code: 5 }), null);
    assert.equal(await send('tiktokErrors/literal', null), null);
  }
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 5 } });
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///x.ts', version: 2 }, contentChanges: [{ range: { start: 1 }, text: '' }] });
  assert.match(((await hoverAt('file:///work/robustness/cancel.ts', 0, 12))!.contents as MarkupContent).value, /spam_risk/, 'still serving');
  const said = client.logs.slice(before).filter((l) => l.includes('params that are not what the protocol says'));
  assert.deepEqual(said.map((l) => l.replace(/^.*?\] /, '').split(':')[0]), ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'tiktokErrors/codeAt', 'tiktokErrors/details', 'tiktokErrors/literal', 'textDocument/didOpen', 'textDocument/didChange']);
  assert.equal(client.stderr(), '');
});

test('the coverage scan reads only the workspace folders the client declared, and what lies inside them', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'tiktok-outside-workspace-'));
  writeFileSync(join(outside, 'handler.ts'), handler);
  // A link inside the workspace to a folder outside it is outside too.
  const link = join('test', 'fixtures', 'workspace', 'link-out');
  symlinkSync(outside, link);
  try {
    const refused = await client.connection.sendRequest<{ filesScanned: number; outsideWorkspace: string[] }>('tiktokErrors/coverage', { folders: [outside, '/', link] });
    assert.deepEqual(refused.outsideWorkspace, [outside, '/', link]);
    assert.equal(refused.filesScanned, 0);
    assert.ok(client.logs.some((l) => l.includes(`coverage: not scanned, outside the workspace folders: ${outside}`)));
    const inside = await client.connection.sendRequest<{ filesScanned: number; outsideWorkspace: string[] }>('tiktokErrors/coverage', { folders: [resolve('test/fixtures/workspace')] });
    assert.deepEqual(inside.outsideWorkspace, []);
    assert.ok(inside.filesScanned > 0);
    // Folders may be URIs too (the browser's client sends those); on Node only file: URIs have a path.
    const byUri = await client.connection.sendRequest<{ filesScanned: number; outsideWorkspace: string[] }>('tiktokErrors/coverage', { folders: [pathToFileURL(resolve('test/fixtures/workspace')).href, 'vscode-vfs://github/o/r'] });
    assert.equal(byUri.filesScanned, inside.filesScanned);
    assert.deepEqual(byUri.outsideWorkspace, ['vscode-vfs://github/o/r']);
    // A folder added to the workspace later may be scanned.
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(outside).href, name: 'outside' }], removed: [] } });
    const added = await client.connection.sendRequest<{ filesScanned: number }>('tiktokErrors/coverage', { folders: [outside] });
    assert.equal(added.filesScanned, 1);
  } finally {
    rmSync(link);
  }
});

const minifiedText = (length: number) => pathological['minified JavaScript line with a switch, a chain and a map every 150 characters']!.make(length);

test('while a large document is analysed, hover on another is answered before that analysis ends', async () => {
  const small = 'file:///work/robustness/small-while-busy.ts';
  await client.open(small, 'typescript', 'const x = "spam_risk";\n');
  await hoverAt(small, 0, 12);
  // The grammar loaded first: its loading is a wait of its own, during which anything is answered.
  const warm = 'file:///work/robustness/warm.js';
  const warmed = client.nextDiagnostics(warm, 1);
  await client.open(warm, 'javascript', minifiedText(1_000));
  await warmed;
  const big = 'file:///work/robustness/busy.js';
  const order: string[] = [];
  const diagnostics = client.nextDiagnostics(big, 1).then((d) => (order.push('diagnostics'), d));
  const bigText = minifiedText(2_000_000);
  await client.open(big, 'javascript', bigText);
  const card = await hoverAt(small, 0, 12);
  order.push('hover');
  assert.match((card!.contents as MarkupContent).value, /spam_risk/);
  assert.ok((await diagnostics).length > 1000);
  assert.deepEqual(order, ['hover', 'diagnostics']);
  // The parse, which nothing can answer during, is said in the log with how long it took; short ones are not.
  const said = client.logs.filter((line) => / parsed [\d,]+ characters in [\d,]+ ms$/.test(line));
  assert.equal(said.length, 1, said.join('\n'));
  assert.ok(said[0]!.includes(`${big}: parsed ${bigText.length.toLocaleString('en')} characters in `), said[0]);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: big } });
});

test('a fix all that is cancelled stops and answers "cancelled"', async () => {
  const uri = 'file:///work/robustness/fix-all-cancelled.js';
  await client.open(uri, 'javascript', minifiedText(600_000));
  await client.nextDiagnostics(uri, 1);
  const source = new CancellationTokenSource();
  const request = client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.tiktokErrors'] } }, source.token);
  source.cancel();
  await assert.rejects(request, (error: { code?: number }) => error.code === -32800);
  // And the server goes on serving.
  const small = 'file:///work/robustness/after-cancel.ts';
  await client.open(small, 'typescript', 'const x = "spam_risk";\n');
  assert.match(((await hoverAt(small, 0, 12))!.contents as MarkupContent).value, /spam_risk/);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
});
