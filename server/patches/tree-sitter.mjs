// Speeds up @vscode/tree-sitter-wasm's JavaScript binding, where the analysis spends half its reading time.
// npm runs this after every install (package.json `postinstall`); running it again changes nothing.
//
// Four changes, all inside the binding, none in what it does:
// - Each Node kept its WebAssembly handle in a class field with the computed key `[0]`, which gives every
//   Node its own 17-slot elements store and the slowest kind of field initialiser. A named field does the
//   same job.
// - Every 32-bit value crossing into WebAssembly went through the generic `setValue`/`getValue` (a type
//   switch and a DataView call); they are now plain Int32Array reads and writes. Those read the host's own
//   byte order and WebAssembly's is little-endian, so a big-endian host keeps the generic calls.
// - In Node, the runtime took `createRequire` from `await import("module")`, whose first call sets up Node's
//   ES module loader: about 5 ms of a first parse. Node 20.16 and later hand the module over directly
//   (process.getBuiltinModule); older ones still import it.
// - descendantsOfType worked out the symbols of the types asked for on every call, reading each of the
//   language's few hundred types: now once per language and list of types (the analysis asks for the same
//   list for every small subtree that holds a code; about 8% of its time on top of the parse).
// Reading a Python `match` of five arms took 22 µs before and 10 µs after.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const MARKED = '/* patched by tiktok-api-errors: server/patches/tree-sitter.mjs';
/** The first line of a patched binding; the second version added descendantsOfType's symbols, the third getBuiltinModule. */
export const MARKER = `${MARKED} (3) */`;

/** Exact texts of the binding and what replaces them; each must be found exactly as often as said. */
const REPLACEMENTS = [
  {
    find: '  // @ts-expect-error: never read\n  [0] = 0;\n  // Internal handle for Wasm\n  /** @internal */\n  _children;',
    replace: '  _other = 0;\n  /** @internal */\n  _children;',
    times: 1,
  },
  { find: '    assertInternal(internal);\n    this[0] = other;\n    this.id = id;', replace: '    assertInternal(internal);\n    this._other = other;\n    this.id = id;', times: 1 },
  { find: 'C.setValue(address, node[0], "i32")', replace: 'C.setValue(address, node._other, "i32")', times: 1 },
  {
    find: 'const { createRequire } = await import("module");',
    replace: 'const { createRequire } = globalThis.process?.getBuiltinModule?.("module") ?? (await import("module"));',
    times: 1,
  },
  {
    find: [
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
      '',
    ].join('\n'),
    replace: '    const symbols = symbolsOfTypes(this.tree.language, types);\n',
    times: 1,
  },
];

/** What the patch puts before the binding: the byte order's test, and descendantsOfType's symbols, worked out once. */
const PRELUDE = `const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const SYMBOLS_OF_TYPES = new WeakMap();
function symbolsOfTypes(language, types) {
  let byTypes = SYMBOLS_OF_TYPES.get(language);
  if (!byTypes) SYMBOLS_OF_TYPES.set(language, (byTypes = new Map()));
  const key = types.join("\\0");
  let symbols = byTypes.get(key);
  if (!symbols) {
    symbols = [];
    const typesBySymbol = language.types;
    for (const node_type of types) {
      if (node_type == "ERROR") symbols.push(65535);
    }
    for (let i = 0, n = typesBySymbol.length; i < n; i++) {
      if (types.includes(typesBySymbol[i])) symbols.push(i);
    }
    byTypes.set(key, symbols);
  }
  return symbols;
}`;

const SET_I32 = /C\.setValue\(([^,;]+), ([^,;]+), "i32"\)/g;
const GET_I32 = /C\.getValue\(([^,;]+), "i32"\)/g;

/** The patched text of the binding's tree-sitter.js; throws, in one line, when the text is not the one this patch knows. */
export function patchTreeSitter(source) {
  if (source.startsWith(MARKER)) return source;
  // An install patched by an earlier version: the texts it changed are gone, and only a fresh copy can be patched.
  if (source.startsWith(MARKED)) throw new Error('tree-sitter.js was patched by an earlier version of server/patches/tree-sitter.mjs; reinstall it (npm ci)');
  let text = source;
  for (const { find, replace, times } of REPLACEMENTS) {
    const found = text.split(find).length - 1;
    if (found !== times) throw new Error(`tree-sitter.js: expected ${times} of ${JSON.stringify(find.split('\n')[0].trim())}, found ${found}; the binding changed, update server/patches/tree-sitter.mjs`);
    text = text.split(find).join(replace);
  }
  const sets = text.match(SET_I32)?.length ?? 0;
  const gets = text.match(GET_I32)?.length ?? 0;
  if (sets === 0 || gets === 0) throw new Error('tree-sitter.js: no C.setValue/C.getValue of "i32" found; the binding changed, update server/patches/tree-sitter.mjs');
  text = text
    .replace(SET_I32, '(LITTLE_ENDIAN_HOST ? (C.HEAP32[($1) >> 2] = $2) : C.setValue($1, $2, "i32"))')
    .replace(GET_I32, '(LITTLE_ENDIAN_HOST ? C.HEAP32[($1) >> 2] : C.getValue($1, "i32"))');
  const guarded = text.split('LITTLE_ENDIAN_HOST ?').length - 1;
  if (guarded !== sets + gets) throw new Error(`tree-sitter.js: ${sets + gets} C.setValue/C.getValue of "i32" found, ${guarded} patched; update server/patches/tree-sitter.mjs`);
  const patched = `${MARKER}\n${PRELUDE}\n${text}`;
  // Compiled, not run: a patch that broke the syntax fails the install, not the first parse.
  new Script(patched, { filename: 'tree-sitter.js' });
  return patched;
}

/** The binding's tree-sitter.js, as this package resolves it. */
export function bindingPath() {
  const path = createRequire(import.meta.url).resolve('@vscode/tree-sitter-wasm');
  if (basename(path) !== 'tree-sitter.js') throw new Error(`@vscode/tree-sitter-wasm resolves to ${path}, not tree-sitter.js; update server/patches/tree-sitter.mjs`);
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = bindingPath();
  try {
    const before = readFileSync(path, 'utf8');
    const after = patchTreeSitter(before);
    if (after !== before) writeFileSync(path, after);
  } catch (error) {
    console.error(`tiktok-api-errors postinstall: ${error.message}`);
    process.exit(1);
  }
}
