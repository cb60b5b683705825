import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathological } from '../../../bench/generate';
import { languageForId } from '../languages';
import { analysisSteps, analyzeParsed, fixAllText, fixAllTextInSlices } from './analyze';
import { loadGrammar, ParsedDocument } from './parsing';
import { DEFAULT_SETTINGS } from './settings';
import { Cancelled, runInSlices } from './slices';

const minified = pathological['minified JavaScript line with a switch, a chain and a map every 150 characters']!;

test('in slices, the analysis and fix all give what they give in one go', async () => {
  const javascript = languageForId('javascript')!;
  const text = minified.make(30_000);
  const doc = new ParsedDocument(await loadGrammar(javascript.grammarFile), text);
  try {
    let turns = 0;
    const sliced = await runInSlices(analysisSteps(doc, javascript, DEFAULT_SETTINGS), { sliceMs: 0, shouldStop: () => (turns++, false) });
    assert.ok(turns > 10, `the work paused ${turns} times`);
    const whole = analyzeParsed(doc, javascript, DEFAULT_SETTINGS);
    assert.deepEqual(sliced.findings.map((f) => [f.span, f.message]), whole.findings.map((f) => [f.span, f.message]));
  } finally {
    doc.dispose();
  }
  assert.equal(await fixAllTextInSlices(text, javascript, DEFAULT_SETTINGS, { sliceMs: 0 }), await fixAllText(text, javascript, DEFAULT_SETTINGS));
});

test('fix all stops at the first turn after it is asked to, having done no more', async () => {
  const javascript = languageForId('javascript')!;
  const text = minified.make(30_000);
  let asked = 0;
  await assert.rejects(
    fixAllTextInSlices(text, javascript, DEFAULT_SETTINGS, { sliceMs: 0, shouldStop: () => ++asked === 3 }),
    (error: unknown) => error instanceof Cancelled,
  );
  assert.equal(asked, 3, 'not asked again once stopped');
});
