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
  'var ZERO_POINT = { row: 0, column: 0 };',
  'var SomeNode = class {',
  '  descendantsOfType(types, startPosition = ZERO_POINT, endPosition = ZERO_POINT) {',
  '    if (!Array.isArray(types)) types = [types];',
  '    const symbols = [];',
  '    const typesBySymbol = this.tree.language.types;',
  '    for (const node_type of types) {',
  '      if (node_type == "ERROR") {',
  '        symbols.push(65535);',
  '      }',
  '    }',
  '    for (let i2 = 0, n = typesBySymbol.length; i2 < n; i2++) {',
  '      if (types.includes(typesBySymbol[i2])) {',
  '        symbols.push(i2);',
  '      }',
  '    }',
  '    return symbols;',
  '  }',
  '};',
  'async function loadRuntime() {',
  '  if (ENVIRONMENT_IS_NODE) {',
  '    const { createRequire } = await import("module");',
  '    var require = createRequire(getCurrentScriptUrl());',
  '  }',
  '  return require;',
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
    assert.match(text, /\.HEAP32\[\(?address\)? >> 2\] = node\._other/, bundle);
    assert.match(text, /const symbols = symbolsOfTypes\(this\.tree\.language, types\);/, bundle);
    assert.match(text, /const \{ createRequire \} = globalThis\.process\?\.getBuiltinModule\?\.\("module"\) \?\? \(?await import\("module"\)\)?;/, bundle);
  }
});

test('the patch names the Node handle, and reads and writes 32-bit values straight from the heap on a little-endian host', () => {
  const patched = patch(SAMPLE);
  assert.ok(patched.startsWith(`${MARKER}\nconst LITTLE_ENDIAN_HOST = `));
  assert.match(patched, /\n  _other = 0;\n  \/\*\* @internal \*\/\n  _children;/);
  assert.match(patched, /this\._other = other;/);
  assert.ok(patched.includes('(LITTLE_ENDIAN_HOST ? (C.HEAP32[(address) >> 2] = node.id) : C.setValue(address, node.id, "i32"));'));
  assert.ok(patched.includes('(LITTLE_ENDIAN_HOST ? (C.HEAP32[(address) >> 2] = node._other) : C.setValue(address, node._other, "i32"));'));
  assert.ok(
    patched.includes(
      'return (LITTLE_ENDIAN_HOST ? C.HEAP32[(address += SIZE_OF_INT) >> 2] : C.getValue(address += SIZE_OF_INT, "i32")) + (LITTLE_ENDIAN_HOST ? C.HEAP32[(TRANSFER_BUFFER) >> 2] : C.getValue(TRANSFER_BUFFER, "i32"));',
    ),
  );
  assert.doesNotMatch(patched, /\[0\] = 0|node\[0\]/);
});

test('the heap reads and writes see the values the generic calls would, in either byte order', () => {
  // The patched sample run against a stand-in heap: the fast path on this host, and the generic calls when
  // the host is taken to be big-endian.
  const body = patch(SAMPLE).replace(/^.*\n.*\n/, '');
  for (const littleEndian of [true, false]) {
    const memory = new ArrayBuffer(64);
    const view = new DataView(memory);
    const C = {
      HEAP32: new Int32Array(memory),
      setValue: (address: number, value: number) => view.setInt32(address, value, true),
      getValue: (address: number) => view.getInt32(address, true),
    };
    const run = new Function('C', 'LITTLE_ENDIAN_HOST', 'TRANSFER_BUFFER', 'SIZE_OF_NODE', 'SIZE_OF_INT', 'assertInternal', `${body}\nreturn { marshalNode, unmarshalVersion };`);
    const { marshalNode, unmarshalVersion } = run(C, littleEndian, 8, 20, 4, () => {});
    marshalNode({ id: -7, _other: 123456 }, 0);
    assert.equal(view.getInt32(8, true), 123456, 'the handle, written last at the same address');
    view.setInt32(12, 40, true);
    assert.equal(unmarshalVersion(8), 40 + 123456);
  }
});

test("descendantsOfType works out a list of types' symbols once per language, and the same symbols as before", () => {
  const original = new Function(`${SAMPLE}\nreturn SomeNode;`)();
  const patched = new Function('C', 'TRANSFER_BUFFER', 'SIZE_OF_NODE', 'SIZE_OF_INT', 'assertInternal', `${patch(SAMPLE)}\nreturn SomeNode;`)({}, 0, 20, 4, () => {});
  let reads = 0;
  const language = (types: string[]) => ({
    get types() {
      reads++;
      return types;
    },
  });
  const typescript = language(['end', 'identifier', 'switch_statement', 'object', 'if_statement', 'object']);
  const python = language(['end', 'match_statement', 'if_statement']);
  const ask = (nodeClass: { prototype: object }, lang: object, types: unknown): number[] => Object.assign(Object.create(nodeClass.prototype), { tree: { language: lang } }).descendantsOfType(types);
  const lists: unknown[] = [['switch_statement', 'object'], ['ERROR', 'if_statement'], 'identifier', [], ['missing_type']];
  for (const types of lists) {
    for (const lang of [typescript, python]) assert.deepEqual(ask(patched, lang, types), ask(original, lang, types), JSON.stringify(types));
  }
  reads = 0;
  ask(patched, typescript, ['switch_statement', 'if_statement']);
  ask(patched, typescript, ['switch_statement', 'if_statement']);
  ask(patched, typescript, ['switch_statement', 'if_statement'].slice());
  assert.equal(reads, 1, 'the same list, again or in another array: its symbols are known');
  ask(patched, typescript, ['if_statement']);
  ask(patched, python, ['switch_statement', 'if_statement']);
  assert.equal(reads, 3, 'another list, or another language: worked out afresh');
});

test("in Node the runtime takes `module` without setting up Node's ES module loader, and imports it where Node cannot hand it over", async () => {
  const body = patch(SAMPLE);
  const load = (processObject: unknown, importModule: (id: string) => Promise<unknown>) =>
    new Function('process', 'importModule', 'ENVIRONMENT_IS_NODE', 'getCurrentScriptUrl', 'TRANSFER_BUFFER', 'SIZE_OF_NODE', 'SIZE_OF_INT', 'assertInternal',
      `const globalThis = { process };\n${body.replace('await import("module")', 'await importModule("module")')}\nreturn loadRuntime();`,
    )(processObject, importModule, true, () => 'file:///x/tree-sitter.js', 0, 20, 4, () => {});
  const imported: string[] = [];
  const importModule = async (id: string) => {
    imported.push(id);
    return { createRequire: () => 'required by import' };
  };
  assert.equal(await load({ getBuiltinModule: (id: string) => (id === 'module' ? { createRequire: () => 'required directly' } : undefined) }, importModule), 'required directly');
  assert.deepEqual(imported, []);
  assert.equal(await load({}, importModule), 'required by import', 'a Node before 20.16 has no getBuiltinModule');
  assert.deepEqual(imported, ['module']);
});

test('patching twice changes nothing', () => {
  const once = patch(SAMPLE);
  assert.equal(patch(once), once);
});

test('a binding patched by an earlier version of the patch fails the install with one line that says to reinstall', () => {
  const earlier = patch(SAMPLE).replace(/^.*\n/, '/* patched by tiktok-api-errors: server/patches/tree-sitter.mjs */\n');
  assert.throws(() => patch(earlier), (error: Error) => !error.message.includes('\n') && /patched by an earlier version .*; reinstall it \(npm ci\)$/.test(error.message));
});

test('a binding that changed fails the install with one line that says what to update', () => {
  assert.throws(
    () => patch(SAMPLE.replace('this[0] = other;', 'this.handle = other;')),
    (error: Error) => !error.message.includes('\n') && /expected 1 of "assertInternal\(internal\);", found 0; the binding changed, update server\/patches\/tree-sitter\.mjs/.test(error.message),
  );
});
