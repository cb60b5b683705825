// Which of V8's WebAssembly compilers a command-line run parses with.
import { setFlagsFromString } from 'node:v8';

/**
 * Below this much text to parse, V8's baseline WebAssembly code alone finishes first. By default hot
 * functions (a grammar's lexer above all) are compiled again by the optimising compiler in the background,
 * and Node waits for that work before it exits: about 70 ms that a short run never gets back. Over 9 MB,
 * optimised code parses about 20% faster; the two cross near 1 MB.
 */
export const BASELINE_ONLY_BELOW_CHARS = 1_000_000;

export type WasmTier = 'baseline only' | 'baseline, then optimised';

export function wasmTierFor(charsToParse: number): WasmTier {
  return charsToParse < BASELINE_ONLY_BELOW_CHARS ? 'baseline only' : 'baseline, then optimised';
}

/** Takes effect only before the parser's WebAssembly is compiled: call it before the first parse. */
export function chooseWasmTier(charsToParse: number): WasmTier {
  const tier = wasmTierFor(charsToParse);
  if (tier === 'baseline only') setFlagsFromString('--liftoff-only');
  return tier;
}
