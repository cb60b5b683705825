// Safety: the server works with spawning, file writing and workers forbidden by Node's permission model,
// and our own sources use no eval, no network and no process modules.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { Hover, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

// Reading is allowed; spawning a process, writing a file and starting a worker are not.
const LOCKED = ['--experimental-permission', '--allow-fs-read=*', '--no-warnings'];

test('the permission flags really forbid spawning on this Node', () => {
  const run = spawnSync(process.execPath, [...LOCKED, '-e', "require('child_process').execSync('true')"], { encoding: 'utf8' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /ERR_ACCESS_DENIED/);
});

test('hover, diagnostics, quick-fixes, completion and coverage need no spawning, no writing, no workers', async () => {
  const child = spawn(process.execPath, [...LOCKED, 'dist/server.js', '--stdio']);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(process.cwd()).href, capabilities: {} });
    await connection.sendNotification('initialized', {});
    const diagnostics = new Promise<PublishDiagnosticsParams>((r) => connection.onNotification('textDocument/publishDiagnostics', r));
    const uri = 'file:///locked/handler.py';
    const text = 'match c:\n    case "spam_risk":\n        pass\n    case "":\n        pass\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const [diagnostic] = (await diagnostics).diagnostics;
    assert.equal(diagnostic!.code, 'unhandled-codes');
    const hover = await connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 12 } });
    assert.match((hover.contents as MarkupContent).value, /spam_risk/);
    const actions = await connection.sendRequest<unknown[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic!.range, context: { diagnostics: [diagnostic] } });
    assert.ok(actions.length > 0);
    const items = await connection.sendRequest<unknown[]>('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 10 } });
    assert.equal(items.length, 43);
    const coverage = await connection.sendRequest<{ summary: string }>('tiktokErrors/coverage', { folders: [resolve('test/fixtures/workspace')] });
    assert.match(coverage.summary, /^8 of 25 handled/);
    assert.equal(stderr, '');
  } finally {
    connection.dispose();
    child.kill();
  }
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('ruleTester') ? [path] : [];
  });
}

test('our sources use no eval, no network and no process modules; threads only for the command line\'s reading', () => {
  const modules = (also: string) => new RegExp(`\\beval\\(|new Function\\(|\\bfetch\\(|XMLHttpRequest|WebSocket|from 'node:(child_process|net|http|https|http2|dgram|tls|vm${also})'|require\\('(child_process|net|http|https)'\\)`);
  // The command line reads large trees on two threads, the second running our own bundle (dist/readWorker.js);
  // the server starts none (the permission test above runs it where threads are forbidden).
  const threadsAllowed = new Set([join('server/src/cli/readInParallel.ts'), join('server/src/cli/readWorker.ts')]);
  // A web extension served over https (vscode.dev) has no file system for its own folder: the client fetches
  // the server's script and grammars from the extension's address. That one fetch, in that one file, of a URI
  // it was given, and only for http(s); the server itself fetches nothing.
  const webFiles = join('client/src/webFiles.ts');
  for (const file of [...sources('server/src'), ...sources('client/src')]) {
    let text = readFileSync(file, 'utf8');
    if (file === webFiles) {
      assert.equal(text.match(/\bfetch\(/g)?.length, 1, 'webFiles.ts fetches once');
      assert.match(text, /if \(uri\.scheme !== 'http' && uri\.scheme !== 'https'\) return vscode\.workspace\.fs\.readFile\(uri\);\n  const response = await fetch\(uri\.toString\(true\)\);/);
      text = text.replace('await fetch(uri.toString(true))', '');
    }
    assert.doesNotMatch(text, modules(threadsAllowed.has(file) ? '' : '|worker_threads'), file);
  }
});
