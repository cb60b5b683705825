import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageForId } from '../languages';
import { analyzeText } from './analyze';
import { DEFAULT_SETTINGS } from './settings';

const handler = `switch (c) {\n  case "spam_risk": break;\n  case "internal": break;\n}\n`;

test('a syntax error elsewhere in the file keeps the diagnostic but withholds its fixes', async () => {
  const typescript = languageForId('typescript')!;
  const clean = await analyzeText(handler, typescript, DEFAULT_SETTINGS);
  assert.equal(clean.findings.length, 1);
  assert.ok(clean.findings[0]!.fixes.length > 0);
  const broken = await analyzeText(handler + 'function (((\n', typescript, DEFAULT_SETTINGS);
  assert.equal(broken.findings.length, 1);
  assert.equal(broken.findings[0]!.message, clean.findings[0]!.message);
  assert.deepEqual(broken.findings[0]!.fixes, []);
});
