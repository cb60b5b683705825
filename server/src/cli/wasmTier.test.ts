import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASELINE_ONLY_BELOW_CHARS, wasmTierFor } from './wasmTier';

test('a short run parses with baseline code only; a long one lets V8 optimise', () => {
  const cases: Array<[chars: number, tier: ReturnType<typeof wasmTierFor>]> = [
    [0, 'baseline only'],
    [80_000, 'baseline only'],
    [BASELINE_ONLY_BELOW_CHARS - 1, 'baseline only'],
    [BASELINE_ONLY_BELOW_CHARS, 'baseline, then optimised'],
    [9_000_000, 'baseline, then optimised'],
  ];
  for (const [chars, tier] of cases) assert.equal(wasmTierFor(chars), tier, `${chars} characters`);
});
