import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { once } from 'node:events';
import { readForAnalysis } from '../analysis/files/readForAnalysis';
import { readAllForAnalysis, startSecondThread } from './readInParallel';

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
