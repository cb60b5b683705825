// Long work in steps: the analysis and "fix all" are generators that pause now and then. Run to their end they
// are the plain synchronous functions (the command line, tests); run in slices, the server answers hover and
// reads cancellations between slices, and stops work whose document changed under it.

/** Work stopped before its end: cancelled, or its document changed. */
export class Cancelled extends Error {
  constructor(why = 'cancelled') {
    super(why);
  }
}

/** Steps of work returning T; each `yield` is a place where it may pause. */
export type Steps<T> = Generator<void, T, void>;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The event loop's next turn, after what is waiting: a timer, which fires after the messages read meanwhile
 * have been handled (a request is handled on an immediate; resuming on one would run a slice first).
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A turn of the event loop for loops over files (walks, reads, the index): an immediate on Node, which waits
 * less than a timer; a timer in a browser's worker, which has no immediates.
 */
export const passTurn: () => Promise<void> =
  typeof setImmediate === 'function' ? () => new Promise((resolve) => setImmediate(resolve)) : () => new Promise((resolve) => setTimeout(resolve, 0));

export interface SliceOptions {
  /** How long a slice runs before the event loop gets a turn. */
  readonly sliceMs?: number;
  /** Asked after every turn, before the work touches its data again: true stops it with Cancelled. */
  readonly shouldStop?: () => boolean;
}

/** A slice: short enough that a hover waiting behind one is not felt. */
export const SLICE_MS = 20;

export async function runInSlices<T>(steps: Steps<T>, { sliceMs = SLICE_MS, shouldStop }: SliceOptions = {}): Promise<T> {
  let sliceStart = performance.now();
  try {
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - sliceStart < sliceMs) continue;
      await nextTurn();
      if (shouldStop?.()) throw new Cancelled();
      sliceStart = performance.now();
    }
  } finally {
    // A generator left mid-way runs its `finally` blocks (freeing a parser, a cursor).
    steps.return(undefined as never);
  }
}
