// The speed patch of the tree-sitter binding (server/patches/tree-sitter.mjs): applied by npm's postinstall,
// shipped in the bundles, idempotent, and loud when the binding it knows has changed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs install script, without types
import { bindingPath, MARKER, patchTreeSitter } from '../server/patches/tree-sitter.mjs';

const patch = patchTreeSitter as (source: string) => string;

/** The parts of the binding the patch touches, as version 0.3.1 writes them. */
const SAMPLE = [
  'var Node = class {',
  '  /** @internal */',
  '  // @ts-expect-error: never read',
  '  [0] = 0;',
  '  // Internal handle for Wasm',
  '  /** @internal */',
  '  _children;',
  '  constructor(internal, { id, other }) {',
  '    assertInternal(internal);',
  '    this[0] = other;',
  '    this.id = id;',
  '  }',
  '};',
  'function marshalNode(node, index = 0) {',
  '  let address = TRANSFER_BUFFER + index * SIZE_OF_NODE;',
  '  C.setValue(address, node.id, "i32");',
  '  C.setValue(address, node[0], "i32");',
  '}',
  'function unmarshalVersion(address) {',
  '  return C.getValue(address += SIZE_OF_INT, "i32") + C.getValue(TRANSFER_BUFFER, "i32");',
  '}',
].join('\n');

test('the installed binding is patched, and the bundles carry the patched code', () => {
  assert.ok(readFileSync(bindingPath() as string, 'utf8').startsWith(MARKER), 'npm ci runs the postinstall script');
  for (const bundle of ['dist/server.js', 'dist/cli.js']) {
    const text = readFileSync(bundle, 'utf8');
    assert.match(text, /this\._other = other/, bundle);
    assert.doesNotMatch(text, /C\.setValue\([^;]*"i32"\)/, bundle);
  }
});

test('the patch names the Node handle, and reads and writes 32-bit values straight from the heap', () => {
  const patched = patch(SAMPLE);
  assert.ok(patched.startsWith(`${MARKER}\n`));
  assert.match(patched, /\n  _other = 0;\n  \/\*\* @internal \*\/\n  _children;/);
  assert.match(patched, /this\._other = other;/);
  assert.match(patched, /C\.HEAP32\[\(address\) >> 2\] = node\.id;/);
  assert.match(patched, /C\.HEAP32\[\(address\) >> 2\] = node\._other;/);
  assert.match(patched, /return C\.HEAP32\[\(address \+= SIZE_OF_INT\) >> 2\] \+ C\.HEAP32\[\(TRANSFER_BUFFER\) >> 2\];/);
  assert.doesNotMatch(patched, /\[0\] = 0|node\[0\]|setValue|getValue/);
});

test('patching twice changes nothing', () => {
  const once = patch(SAMPLE);
  assert.equal(patch(once), once);
});

test('a binding that changed fails the install with one line that says what to update', () => {
  assert.throws(
    () => patch(SAMPLE.replace('this[0] = other;', 'this.handle = other;')),
    (error: Error) => !error.message.includes('\n') && /expected 1 of "assertInternal\(internal\);", found 0; the binding changed, update server\/patches\/tree-sitter\.mjs/.test(error.message),
  );
});
