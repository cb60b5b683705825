// Reads and sifts many files on two threads. Over a large tree, `check` spends most of its time in system
// calls and in the sift, one file after another; a second thread takes files from the same counter, so the
// two share the work whatever each file costs. The thread starts while the main thread walks, once the walk
// has found a few hundred files, as it takes about 25 ms to start; small runs neither start nor use it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { readForAnalysis, type ReadForAnalysis, type ReadSettings } from '../analysis/files/readForAnalysis';
import type { ReadWork, ReadWorkerReply } from './readWorker';

/** From this many files on, the second thread helps: below, it would be ready about when the reading is done. */
export const PARALLEL_FROM = 1_000;

/**
 * A walk that has found this many files starts the second thread, which boots while the walk goes on; a
 * smaller tree, as most are, never pays for a thread it would not use.
 */
export const START_SECOND_THREAD_AT = PARALLEL_FROM / 4;

/** A started second thread, waiting for files. */
export interface SecondThread {
  readonly worker: Worker;
}

/**
 * Starts the second thread, or nothing where there can be none. Its script is a bundle of its own beside this
 * one (tests name dist's); run from the sources, there is none.
 */
export function startSecondThread(script = join(__dirname, 'readWorker.js')): SecondThread | undefined {
  if (!existsSync(script)) return undefined;
  try {
    // Loaded here: a run that starts no thread does not load Node's threads (a few milliseconds of its start).
    const { Worker: Thread } = require('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new Thread(script);
    // Held only while it reads: the process never waits for a thread it did not use, whatever went wrong.
    worker.unref();
    return { worker };
  } catch {
    return undefined; // where threads are not allowed (node --permission), one thread does it all
  }
}

export interface ReadAll {
  /** In the order of the files given. */
  readonly results: ReadForAnalysis[];
  /** How many files the second thread read: 0 when it did not help. */
  readonly readByWorker: number;
}

export interface ReadAllOptions {
  readonly second?: SecondThread;
  /** Called after each file the main thread reads, with how many files have been taken so far. */
  readonly onRead?: (taken: number) => void;
  readonly parallelFrom?: number;
}

export async function readAllForAnalysis(files: readonly string[], settings: ReadSettings, options: ReadAllOptions = {}): Promise<ReadAll> {
  const { second, onRead, parallelFrom = PARALLEL_FROM } = options;
  const results = new Array<ReadForAnalysis | undefined>(files.length);
  const next = new SharedArrayBuffer(4);
  const counter = new Int32Array(next);
  let replied: Promise<ReadWorkerReply> | undefined;
  if (second && files.length >= parallelFrom) {
    const { worker } = second;
    worker.ref();
    replied = new Promise<ReadWorkerReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      // Once it has replied this changes nothing; before, the files it took would be lost.
      worker.once('exit', () => reject(new Error('the second reading thread ended without its files')));
    }).finally(() => worker.unref());
    const work: ReadWork = { files, settings: { maxFileSize: settings.maxFileSize, minimumKnownCodes: settings.minimumKnownCodes }, next };
    worker.postMessage(work);
  } else {
    second?.worker.postMessage(null);
  }
  for (let index = Atomics.add(counter, 0, 1); index < files.length; index = Atomics.add(counter, 0, 1)) {
    results[index] = readForAnalysis(files[index]!, settings);
    onRead?.(index + 1);
  }
  let readByWorker = 0;
  if (replied) {
    const reply = await replied;
    if ('error' in reply) throw new Error(reply.error);
    for (const [index, result] of reply.read) results[index] = result;
    readByWorker = reply.taken;
  }
  // What the worker read and did not send back has no handling.
  for (let i = 0; i < results.length; i++) results[i] ??= { skipped: 'no handling' };
  return { results: results as ReadForAnalysis[], readByWorker };
}
