// What a Node host does before it parses: say where the grammars are (server/src/grammarsOnDisk.ts). Loaded by
// test/run-tests.mjs (--import) ahead of every test file. Worker threads a test starts inherit the flag, but
// parse nothing and have no TypeScript loader: they skip it.
if (require('node:worker_threads').isMainThread) require('../../server/src/grammarsOnDisk.ts');
