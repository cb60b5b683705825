// A client stream that breaks LSP's base protocol ends the server, with one line on stderr and exit code 1,
// so that the client restarts it: before, a bad Content-Length or binary junk left it running, deaf.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';

const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
const framed = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

const streams: Record<string, string | Buffer> = {
  'a Content-Length that is not a number': 'Content-Length: abc\r\n\r\n{}',
  'a negative Content-Length': 'Content-Length: -5\r\n\r\n{}',
  'a Content-Length beyond any message': 'Content-Length: 99999999999\r\n\r\n{}',
  'a Content-Length shorter than the body': 'Content-Length: 2\r\n\r\n' + initialize,
  'binary junk': Buffer.from([0, 1, 2, 255, 254, 10, 13, 10, 13]),
  'a 50 MB header': 'X-Junk: ' + 'a'.repeat(50_000_000),
  'a header without Content-Length': 'Content-Type: application/vscode-jsonrpc\r\n\r\n{}',
  'JSON with no header': initialize,
  'a valid message, then junk': framed(initialize) + 'garbage\u0000',
};

for (const [name, input] of Object.entries(streams)) {
  // The timeout only guards against the hang this test is about; nothing is timed.
  test(`${name}: one line on stderr, exit code 1`, { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, ['dist/server.js', '--stdio']);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    child.stdin.on('error', () => {});
    child.stdin.write(input);
    const [code] = await once(child, 'exit');
    assert.equal(code, 1);
    assert.match(stderr, /^\[tiktok-errors\] stopped: the client's stream breaks the protocol: [^\n]+\n$/);
  });
}

test('well-framed messages in pieces of one byte are read as one message each', { timeout: 30_000 }, async () => {
  const child = spawn(process.execPath, ['dist/server.js', '--stdio']);
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const message = Buffer.from(framed(initialize));
  for (const byte of message) child.stdin.write(Buffer.from([byte]));
  while (!stdout.includes('"id":1')) await once(child.stdout, 'data');
  assert.match(stdout, /"capabilities"/);
  child.stdin.end(framed(JSON.stringify({ jsonrpc: '2.0', method: 'exit' })));
  const [code] = await once(child, 'exit');
  assert.equal(code, 1, 'exit without shutdown is exit code 1, as LSP says');
});
