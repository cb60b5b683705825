// The web host's paths: a URI made a path that posix functions walk (as path-browserify does in the browser's
// bundle), and back. Imports resolve over these, so `../codes` must stay within the same repository.
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { test } from 'node:test';
import { pathOfUri, uriOfPath } from '../../server/src/protocol/webHost';

test('a URI becomes a path whose first segment is its scheme and authority, and comes back the same', () => {
  for (const uri of [
    'vscode-vfs://github/owner/repo/src/handler.ts',
    'vscode-remote://localhost:8080/home/me/app/codes.py',
    'vscode-test-web://mount/a%20b/c.go',
    'file:///tmp/x.ts',
  ]) {
    const path = pathOfUri(uri)!;
    assert.ok(path.startsWith('/'), path);
    assert.equal(path.split('/').filter(Boolean)[0]!.includes('/'), false);
    assert.equal(uriOfPath(path), uri);
  }
  assert.equal(pathOfUri('vscode-vfs://github/owner/repo/src/handler.ts'), '/vscode-vfs%3A%2F%2Fgithub/owner/repo/src/handler.ts');
});

test('relative imports resolve within the URI, with the functions the import resolver uses', () => {
  const from = pathOfUri('vscode-vfs://github/owner/repo/src/api/handler.ts')!;
  assert.equal(uriOfPath(posix.resolve(posix.dirname(from), '../codes.ts')), 'vscode-vfs://github/owner/repo/src/codes.ts');
  assert.equal(uriOfPath(posix.join(posix.dirname(from), 'errors', 'index.ts')), 'vscode-vfs://github/owner/repo/src/api/errors/index.ts');
  // Climbing above the repository ends at its scheme and authority, then at the root: no URI of another.
  const top = posix.resolve(posix.dirname(from), '../../../../../../codes.ts');
  assert.equal(uriOfPath(top), '/codes.ts');
});

test('what has no authority (untitled documents) or is not a URI has no path', () => {
  assert.equal(pathOfUri('untitled:Untitled-1'), undefined);
  assert.equal(pathOfUri('not a uri'), undefined);
  assert.equal(uriOfPath('/plain/path.ts'), '/plain/path.ts');
});
