// Inputs no real project should hold, but a workspace may: none may crash the analysis or lose a finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathological } from '../../bench/generate';
import { analyzeParsed, analyzeText, fixAllText } from '../../server/src/analysis/analyze';
import { loadGrammar, ParsedDocument } from '../../server/src/analysis/parsing';
import { codesInText } from '../../server/src/analysis/catalog/codeOccurrences';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings';
import { languageForId, languages } from '../../server/src/languages';

const DEPTH = 10_000;

test('10,000 nested brackets in every language: no stack overflow', async () => {
  for (const language of languages) {
    for (const nested of ['('.repeat(DEPTH) + ')'.repeat(DEPTH), '{'.repeat(DEPTH) + '}'.repeat(DEPTH), '['.repeat(DEPTH) + ']'.repeat(DEPTH)]) {
      await assert.doesNotReject(analyzeText(nested, language, DEFAULT_SETTINGS), language.name);
    }
  }
});

test('10,000 nested blocks as the last statement of a case: no stack overflow, and the case still ends', async () => {
  const typescript = languageForId('typescript')!;
  const body = '{'.repeat(DEPTH) + 'break;' + '}'.repeat(DEPTH);
  const text = `switch (c) {\n  case "spam_risk": ${body}\n  case "rate_limit_exceeded": break;\n}\n`;
  const { findings } = await analyzeText(text, typescript, DEFAULT_SETTINGS);
  assert.match(findings[0]!.message, /^23 TikTok error codes/);
});

test('a 5 MB minified single line is analysed, and its switch found', async () => {
  const javascript = languageForId('javascript')!;
  const filler = 'var a=1,b="x",c=function(d){return d+1};'.repeat(125_000);
  const text = `${filler}switch(e.code){case"spam_risk":f();break;case"rate_limit_exceeded":g();break}${filler}`;
  assert.ok(text.length > 5_000_000);
  const { findings } = await analyzeText(text, javascript, DEFAULT_SETTINGS);
  assert.equal(findings.length, 1);
  assert.equal(text.slice(findings[0]!.span.start, findings[0]!.span.end), 'switch(e.code)');
});

test('CRLF, lone CR and mixed line endings: spans are right and inserted lines use the first break', async () => {
  const python = languageForId('python')!;
  for (const eol of ['\r\n', '\r', '\n']) {
    const lines = ['match c:', '    case "spam_risk":', '        pass', '    case "rate_limit_exceeded":', '        pass', ''];
    // Mixed: the first break decides; the rest alternate.
    const text = lines.map((l, i) => l + (i === lines.length - 1 ? '' : i % 2 === 0 ? eol : '\n')).join('');
    const { findings } = await analyzeText(text, python, DEFAULT_SETTINGS);
    assert.equal(findings.length, 1, JSON.stringify(eol));
    assert.equal(text.slice(findings[0]!.span.start, findings[0]!.span.end), 'match c');
  }
  assert.deepEqual(codesInText('a\rspam_risk\r\ninternal_x\n"internal"').map((o) => o.entry.code), ['spam_risk', 'internal']);
});

test('astral characters before a code: spans count UTF-16 units', async () => {
  const typescript = languageForId('typescript')!;
  const text = `const s = "😀𝄞😀"; switch (c) { case "spam_risk": break; case "rate_limit_exceeded": break; }`;
  const { findings } = await analyzeText(text, typescript, DEFAULT_SETTINGS);
  assert.equal(text.slice(findings[0]!.span.start, findings[0]!.span.end), 'switch (c)');
});

test('a minified line of many switches, chains and maps: every one found, and fix all leaves it clean', async () => {
  const javascript = languageForId('javascript')!;
  const { language, make } = pathological['minified JavaScript line with a switch, a chain and a map every 150 characters']!;
  assert.equal(language, 'javascript');
  const text = make(150_000);
  const units = text.split('switch').length - 1;
  const { findings } = await analyzeText(text, javascript, DEFAULT_SETTINGS);
  assert.equal(findings.length, units * 3);
  const fixed = await fixAllText(text, javascript, DEFAULT_SETTINGS);
  assert.deepEqual((await analyzeText(fixed, javascript, DEFAULT_SETTINGS)).findings, []);
});

test('maps nested thousands deep: found at every level without asking any node for its parent, and fixed', async () => {
  for (const [name, depth] of [['Python dict nested N deep, a code key at each level', 3_000], ['TypeScript object nested N deep, a code key at each level', 3_000]] as const) {
    const { language: id, make } = pathological[name]!;
    const language = languageForId(id)!;
    const text = make(depth);
    // A node's parent costs a walk from the root: asked for each of thousands of nested maps, it was quadratic.
    const doc = new ParsedDocument(await loadGrammar(language.grammarFile), text);
    const prototype = Object.getPrototypeOf(doc.tree.rootNode) as object;
    const parent = Object.getOwnPropertyDescriptor(prototype, 'parent')!;
    let asked = 0;
    Object.defineProperty(prototype, 'parent', { ...parent, get() { asked++; return parent.get!.call(this); } });
    try {
      assert.equal(analyzeParsed(doc, language, DEFAULT_SETTINGS).findings.length, depth, name);
    } finally {
      Object.defineProperty(prototype, 'parent', parent);
      doc.dispose();
    }
    assert.equal(asked, 0, name);
    const fixed = await fixAllText(make(200), language, DEFAULT_SETTINGS);
    assert.deepEqual((await analyzeText(fixed, language, DEFAULT_SETTINGS)).findings, [], name);
  }
});

test('fix all over 20,000 duplicate cases and 20,000 typos ends with one case of each code', async () => {
  const typescript = languageForId('typescript')!;
  for (const name of ['TypeScript switch of N duplicate cases', 'TypeScript switch of N typos']) {
    const fixed = await fixAllText(pathological[name]!.make(20_000), typescript, DEFAULT_SETTINGS);
    assert.deepEqual((await analyzeText(fixed, typescript, DEFAULT_SETTINGS)).findings, [], name);
    assert.ok(fixed.length < 20_000, name);
  }
});
