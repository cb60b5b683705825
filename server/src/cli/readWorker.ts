// The second thread of readInParallel.ts. It starts while the main thread walks; once given the files, it takes
// them from the shared counter and reads them as the main thread does, then sends back what is not "no
// handling" (most files are, and need not cross). Given nothing, it ends.
import { parentPort } from 'node:worker_threads';
import { readForAnalysis, type ReadForAnalysis, type ReadSettings } from '../analysis/files/readForAnalysis';

export interface ReadWork {
  readonly files: readonly string[];
  readonly settings: ReadSettings;
  /** One Int32: the index of the next file nobody has taken. */
  readonly next: SharedArrayBuffer;
}

export type ReadWorkerReply = { readonly read: Array<[index: number, result: ReadForAnalysis]>; readonly taken: number } | { readonly error: string };

function readShare({ files, settings, next }: ReadWork): ReadWorkerReply {
  const counter = new Int32Array(next);
  const read: Array<[number, ReadForAnalysis]> = [];
  let taken = 0;
  try {
    for (let index = Atomics.add(counter, 0, 1); index < files.length; index = Atomics.add(counter, 0, 1), taken++) {
      const result = readForAnalysis(files[index]!, settings);
      if (result.skipped !== 'no handling') read.push([index, result]);
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  return { read, taken };
}

parentPort!.once('message', (work: ReadWork | null) => {
  if (work) parentPort!.postMessage(readShare(work));
  parentPort!.close();
});
