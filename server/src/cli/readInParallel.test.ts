import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { once } from 'node:events';
import { readForAnalysis } from '../analysis/files/readForAnalysis';
import { walkSourceFiles } from '../analysis/files/workspaceFiles';
import { collectFiles } from './checkFiles';
import { readAllForAnalysis, START_SECOND_THREAD_AT, startSecondThread } from './readInParallel';

const settings = { maxFileSize: 1_000, minimumKnownCodes: 2 };

/** A tree of every kind of file the reader tells apart, many times over. */
function tree(): string[] {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-parallel-'));
  const kinds = [
    'const total = 1;\n', // no code
    'switch (e) { case "access_token_invalid": break; }\n', // worth parsing
    '"internal"\n', // a shared code alone: no handling
    'x'.repeat(1_001), // large
    'a\0b', // binary
  ];
  const files: string[] = [];
  for (let i = 0; i < 400; i++) {
    mkdirSync(join(root, `d${i}`));
    const file = join(root, `d${i}`, `f.ts`);
    writeFileSync(file, kinds[i % kinds.length]!);
    files.push(file);
  }
  return files;
}

test('two threads read what one reads, each file once, in the order given', async () => {
  const files = tree();
  const second = startSecondThread(resolve('dist/readWorker.js'));
  assert.ok(second, 'dist/readWorker.js is built by npm test');
  // The thread is held only while it reads; the test holds it while waiting for it to start.
  second.worker.ref();
  await once(second.worker, 'online');
  second.worker.unref();
  let first = true;
  const onRead = () => {
    // The main thread stops after its first file, so that the second thread surely takes some.
    if (first) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    first = false;
  };
  const { results, readByWorker } = await readAllForAnalysis(files, settings, { second, onRead, parallelFrom: 2 });
  assert.ok(readByWorker > 0 && readByWorker < files.length, `the second thread read ${readByWorker} of ${files.length}`);
  assert.deepEqual(results, files.map((file) => readForAnalysis(file, settings)));
});

test('without a second thread, or below the threshold (1,000 files), one thread reads everything', async () => {
  const files = tree().slice(0, 10);
  const alone = await readAllForAnalysis(files, settings);
  assert.equal(alone.readByWorker, 0);
  assert.deepEqual(alone.results, files.map((file) => readForAnalysis(file, settings)));
  // Ten files are too few to share; the waiting thread is sent away and the process does not wait for it.
  const second = startSecondThread(resolve('dist/readWorker.js'))!;
  second.worker.ref();
  const [{ readByWorker }] = await Promise.all([readAllForAnalysis(files, settings, { second }), once(second.worker, 'exit')]);
  assert.equal(readByWorker, 0);
});

test('from the sources, where no worker bundle stands beside the module, there is no second thread', () => {
  assert.equal(startSecondThread(join(__dirname, 'readWorker.js')), undefined);
});

test('the second thread starts only for a tree of hundreds of files, once, while the walk goes on', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-walk-'));
  const small = join(root, 'small');
  const large = join(root, 'large');
  mkdirSync(small);
  for (let i = 0; i < 20; i++) writeFileSync(join(small, `f${i}.ts`), 'const x = 1;\n');
  // Ten folders: the walk has found enough files before it ends, and tells so once.
  for (let d = 0; d < 10; d++) {
    mkdirSync(join(large, `d${d}`), { recursive: true });
    for (let i = 0; i < START_SECOND_THREAD_AT / 5; i++) writeFileSync(join(large, `d${d}`, `f${i}.ts`), 'const x = 1;\n');
  }
  let calls = 0;
  const collected = await collectFiles([small], () => calls++);
  assert.equal(collected.files.length, 20);
  assert.equal(calls, 0, 'a small tree starts no thread');
  const result = await collectFiles([small, large], () => calls++);
  assert.equal(result.files.length, 20 + 10 * (START_SECOND_THREAD_AT / 5));
  assert.equal(calls, 1, 'told once');
  // The walk says how many it has found after each folder: the thread is asked for half-way through this one.
  const counts: number[] = [];
  await walkSourceFiles([large], { onFound: (count) => counts.push(count) });
  assert.deepEqual(counts, [...Array.from({ length: 10 }, (_, d) => (d + 1) * (START_SECOND_THREAD_AT / 5)), 10 * (START_SECOND_THREAD_AT / 5)], 'each folder below, then the root');
  // Named files count too: as many as that, given one by one, start it.
  calls = 0;
  const named = result.files.slice(0, START_SECOND_THREAD_AT);
  await collectFiles(named, () => calls++);
  assert.equal(calls, 1);
  await collectFiles(named.slice(1), () => calls++);
  assert.equal(calls, 1, 'one file fewer: no thread');
});
