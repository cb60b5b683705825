import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageForId } from '../languages';
import { analyzeParsed, analyzeText, fixAllText } from './analyze';
import { loadGrammar, ParsedDocument } from './parsing';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';

const handler = `switch (c) {\n  case "spam_risk": break;\n  case "internal": break;\n}\n`;

test('a syntax error in the declaration that holds the construct keeps the diagnostic but withholds its fixes', async () => {
  const typescript = languageForId('typescript')!;
  const inFunction = (body: string) => `function handle(c: string) {\n${body}}\n`;
  const clean = await analyzeText(inFunction(handler), typescript, DEFAULT_SETTINGS);
  assert.equal(clean.findings.length, 1);
  assert.ok(clean.findings[0]!.fixes.length > 0);
  // An error after it in its function, and one before it.
  for (const broken of [inFunction(handler + 'const x = (((;\n'), inFunction('if (c {\n' + handler)]) {
    const found = await analyzeText(broken, typescript, DEFAULT_SETTINGS);
    assert.equal(found.findings.length, 1, broken);
    assert.equal(found.findings[0]!.message, clean.findings[0]!.message);
    assert.deepEqual(found.findings[0]!.fixes, [], broken);
  }
});

test('a syntax error in another top-level declaration takes no fix away', async () => {
  const typescript = languageForId('typescript')!;
  for (const text of [`function handle(c: string) {\n${handler}}\n\nfunction other( {\n}\n`, handler + 'function (((\n']) {
    const found = await analyzeText(text, typescript, DEFAULT_SETTINGS);
    assert.equal(found.findings.length, 1);
    assert.ok(found.findings[0]!.fixes.some((fix) => fix.inFixAll), text);
  }
  // Kotlin's grammar misreads a one-line interface whose function has no body: a when elsewhere keeps its fixes.
  const kotlin = languageForId('kotlin')!;
  const when = 'fun handle(code: String): Int =\n    when (code) {\n        "spam_risk" -> 1\n        "internal" -> 2\n        else -> 0\n    }\n';
  const misread = await analyzeText(`${when}\ninterface Api { fun call(): Int }\n`, kotlin, DEFAULT_SETTINGS);
  assert.ok(misread.findings[0]!.fixes.length > 0);
  const fixed = fixAllText(`${when}\ninterface Api { fun call(): Int }\n`, kotlin, DEFAULT_SETTINGS);
  assert.match(await fixed, /"spam_risk_text",?/);
});

test('after edits and a change of settings, re-analysis from the last one equals analysing the text from scratch', async () => {
  const typescript = languageForId('typescript')!;
  const grammar = await loadGrammar(typescript.grammarFile);
  // Enough functions that the file splits into subtrees, each read once and then found again after edits.
  const fn = (i: number) => `export function h${i}(c: string) {\n  switch (c) {\n    case "spam_risk": return ${i};\n    case "internal": return 0;\n    case "spam_risk_tex": return 1;\n  }\n}\n`;
  const doc = new ParsedDocument(grammar, Array.from({ length: 120 }, (_, i) => fn(i)).join('\n'));
  const ignoring = readSettings({ ignoreCodes: ['rate_limit_exceeded', 'access_token_invalid'], rules: { 'unknown-code': 'off' } }).settings;
  const same = async (settings: Settings) => {
    const incremental = analyzeParsed(doc, typescript, settings).findings;
    const fresh = (await analyzeText(doc.text, typescript, settings)).findings;
    assert.deepEqual(
      incremental.map((f) => [f.rule, f.span, f.message, f.fixes.map((x) => x.edits)]),
      fresh.map((f) => [f.rule, f.span, f.message, f.fixes.map((x) => x.edits)]),
    );
    return incremental;
  };
  try {
    assert.equal((await same(DEFAULT_SETTINGS)).length, 240);
    const middle = doc.text.indexOf('export function h60');
    doc.applyEdit(middle, middle, '// moved down\n\n');
    await same(DEFAULT_SETTINGS);
    const label = doc.text.indexOf('"internal"', middle);
    doc.applyEdit(label, label + '"internal"'.length, '"spam_risk"');
    const duplicated = await same(DEFAULT_SETTINGS);
    assert.equal(duplicated.filter((f) => f.rule === 'duplicate-case').length, 1);
    assert.equal((await same(ignoring)).length, 121);
    doc.applyEdit(0, 0, '\n');
    await same(ignoring);
    await same(DEFAULT_SETTINGS);
  } finally {
    doc.dispose();
  }
});

test('fix all over a match with a guarded arm adds the missing cases; a fix that would change nothing is never chosen', async () => {
  const python = languageForId('python')!;
  const text = 'match c:\n    case "spam_risk" if n:\n        pass\n    case "internal":\n        pass\n';
  const fixed = await fixAllText(text, python, DEFAULT_SETTINGS);
  assert.match(fixed, /"spam_risk_text"/);
  assert.equal(fixed.split('"spam_risk"').length - 1, 2, 'the guarded code gets an unguarded case of its own');
  assert.deepEqual((await analyzeText(fixed, python, DEFAULT_SETTINGS)).findings.map((f) => f.rule), []);
});

test('a collection read again from a subtree that moved still takes new codes where it now stands', async () => {
  const typescript = languageForId('typescript')!;
  // Large enough that the chain and the collection sit in subtrees of their own, which the cache keeps.
  const filler = Array.from({ length: 120 }, (_, i) => `export function f${i}(x: number): number {\n  return x + ${i};\n}\n`).join('\n');
  const text = `${filler}\nconst RETRYABLE = new Set(['internal', 'rate_limit_exceeded']);\nconst TOKEN = ['access_token_invalid', 'scope_not_authorized'];\n\n${filler}\nexport function g(code: string) {\n  if (RETRYABLE.has(code)) return 1;\n  else if (TOKEN.includes(code)) return 2;\n  return 0;\n}\n`;
  const settings = readSettings({ ignoreCodes: ['spam_risk'] }).settings;
  const doc = new ParsedDocument(await loadGrammar(typescript.grammarFile), text);
  const fixFor = (findings: ReturnType<typeof analyzeParsed>['findings']) =>
    findings.find((f) => f.rule === 'unhandled-codes')!.fixes.find((x) => x.title === 'Add 1 missing retry code to RETRYABLE')!.edits;
  try {
    fixFor(analyzeParsed(doc, typescript, settings).findings);
    doc.applyEdit(0, 0, '// moved down\n\n');
    const edits = fixFor(analyzeParsed(doc, typescript, settings).findings);
    assert.equal(edits.length, 1);
    assert.equal(doc.text.slice(edits[0]!.start - "'rate_limit_exceeded'".length, edits[0]!.start), "'rate_limit_exceeded'");
    assert.equal(edits[0]!.newText, ", 'too many requests'");
  } finally {
    doc.dispose();
  }
  // The collection declared after the chain, and the edit between them: the chain stays, the collection moves.
  const after = `${filler}\nexport function g(code: string) {\n  if (RETRYABLE.has(code)) return 1;\n  else if (TOKEN.includes(code)) return 2;\n  return 0;\n}\n${filler}\nconst RETRYABLE = new Set(['internal', 'rate_limit_exceeded']);\nconst TOKEN = ['access_token_invalid', 'scope_not_authorized'];\n`;
  const later = new ParsedDocument(await loadGrammar(typescript.grammarFile), after);
  try {
    fixFor(analyzeParsed(later, typescript, settings).findings);
    const between = later.text.indexOf('const RETRYABLE');
    later.applyEdit(between, between, '// moved down\n\n');
    const edits = fixFor(analyzeParsed(later, typescript, settings).findings);
    assert.equal(later.text.slice(edits[0]!.start - "'rate_limit_exceeded'".length, edits[0]!.start), "'rate_limit_exceeded'");
  } finally {
    later.dispose();
  }
});

test('a type of codes in a file of its own is told what it leaves out, once, whether or not a switch of the file uses it', async () => {
  const typescript = languageForId('typescript')!;
  const codes = `export type CreatorInfoError = 'ok' | 'spam_risk_too_many_posts' | 'spam_risk_user_banned_from_posting';\n`;
  const alone = await analyzeText(codes, typescript, DEFAULT_SETTINGS);
  assert.deepEqual(
    alone.findings.map((f) => [f.severity, f.message, codes.slice(f.span.start, f.span.end), f.fixes.map((x) => x.title)]),
    [['information', 'The type CreatorInfoError leaves out 1 code of the codes TikTok documents for /v2/post/publish/creator_info/query/: reached_active_user_cap', 'CreatorInfoError', ['Add 1 code to CreatorInfoError']]],
  );
  const withSwitches = codes + `function f(e: CreatorInfoError) {\n  switch (e) {\n    case 'ok': return 0;\n  }\n}\nfunction g(e: CreatorInfoError) {\n  switch (e) {\n    case 'ok': return 0;\n  }\n}\n`;
  const onType = (await analyzeText(withSwitches, typescript, DEFAULT_SETTINGS)).findings.filter((f) => f.message.startsWith('The type'));
  assert.equal(onType.length, 1);
});
