// Every language against its fixtures: the findings match the fixtures' annotations, every fix applies to a
// text that re-parses clean and re-analyses as fixed, in CRLF and with swapped indentation too, the fix that
// disables a rule for a line turns off just that, and the fixed fixture still compiles with the language's own
// compiler.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeParsed, analyzeText, fixAllText, type Analysis } from '../server/src/analysis/analyze';
import { groupByAction } from '../server/src/analysis/catalog/catalog';
import { loadGrammar, ParsedDocument } from '../server/src/analysis/parsing';
import { DEFAULT_SETTINGS } from '../server/src/analysis/settings';
import { disableFix } from '../server/src/analysis/fixes/suppressions';
import { applyEdits } from '../server/src/analysis/text';
import { languages } from '../server/src/languages';
import type { LanguageSupport } from '../server/src/languages/language';
import { checkers, compile, hasTool } from './helpers/compilers';
import { describeFindings, expectedFindings, fixturesOf, swapIndentation } from './helpers/fixtures';

async function syntaxErrors(language: LanguageSupport, text: string): Promise<boolean> {
  const doc = new ParsedDocument(await loadGrammar(language.grammarFile), text);
  try {
    return doc.tree.rootNode.hasError;
  } finally {
    doc.dispose();
  }
}

function constructAt(analysis: Analysis, headStart: number) {
  return analysis.constructs.find((c) => c.shape.head.start === headStart);
}

/** Applies every fix of every finding, one at a time, and checks what each promises. */
async function checkEveryFix(language: LanguageSupport, text: string): Promise<number> {
  const before = await analyzeText(text, language, DEFAULT_SETTINGS);
  let applied = 0;
  for (const finding of before.findings) {
    for (const [index, fix] of finding.fixes.entries()) {
      const fixed = applyEdits(text, fix.edits);
      const where = `${finding.rule} at ${finding.span.start}, fix "${fix.title}"`;
      assert.equal(await syntaxErrors(language, fixed), false, `${where} leaves a syntax error:\n${fixed}`);
      const after = await analyzeText(fixed, language, DEFAULT_SETTINGS);
      if (finding.rule === 'unhandled-codes') {
        const construct = constructAt(before, finding.span.start)!;
        const groups = groupByAction(construct.missing);
        const added = index === 0 ? construct.missing : groups[index - 1]!.codes;
        const still = constructAt(after, finding.span.start)?.missing ?? [];
        assert.deepEqual(
          still,
          construct.missing.filter((c) => !added.includes(c)),
          `${where}: codes still missing afterwards`,
        );
      } else {
        const count = (a: Analysis) => a.findings.filter((f) => f.rule === finding.rule).length;
        assert.equal(count(after), count(before) - 1, `${where}: the finding is still there`);
      }
      applied++;
    }
  }
  return applied;
}

/** Applies the disable fix to each finding in turn: the text parses, and only that rule's findings on that line go. */
async function checkDisableFixes(language: LanguageSupport, text: string): Promise<number> {
  const grammar = await loadGrammar(language.grammarFile);
  const doc = new ParsedDocument(grammar, text);
  let applied = 0;
  try {
    const lineOf = (t: string, offset: number) => t.slice(0, offset).split('\n').length;
    const before = analyzeParsed(doc, language, DEFAULT_SETTINGS).findings;
    for (const finding of before) {
      const fix = disableFix(finding, doc, language);
      if (!fix) continue;
      const fixed = applyEdits(text, fix.edits);
      const after = new ParsedDocument(grammar, fixed);
      try {
        assert.equal(after.tree.rootNode.hasError, false, `${fix.title} leaves a syntax error:\n${fixed}`);
        const line = lineOf(text, finding.span.start);
        // Lines from the finding's on move down by the one inserted above it.
        const expected = before
          .filter((f) => !(f.rule === finding.rule && lineOf(text, f.span.start) === line))
          .map((f) => `${f.rule}:${lineOf(text, f.span.start) + (lineOf(text, f.span.start) >= line ? 1 : 0)}`);
        const actual = analyzeParsed(after, language, DEFAULT_SETTINGS).findings.map((f) => `${f.rule}:${lineOf(fixed, f.span.start)}`);
        assert.deepEqual(actual, expected, `${fix.title} at line ${line}`);
      } finally {
        after.dispose();
      }
      applied++;
    }
  } finally {
    doc.dispose();
  }
  return applied;
}

async function checkFixAll(language: LanguageSupport, text: string): Promise<string> {
  const fixed = await fixAllText(text, language, DEFAULT_SETTINGS);
  assert.equal(await syntaxErrors(language, fixed), false, `fix all leaves a syntax error:\n${fixed}`);
  const after = await analyzeText(fixed, language, DEFAULT_SETTINGS);
  assert.deepEqual(after.findings.map((f) => f.message.split('\n')[0]), [], `fix all leaves findings:\n${fixed}`);
  return fixed;
}

for (const language of languages) {
  const fixtures = fixturesOf(language);

  test(`${language.name}: has fixtures`, () => assert.ok(fixtures.length >= 2, `test/fixtures/${language.name}/`));

  for (const fixture of fixtures) {
    const name = `${language.name}/${fixture.name}`;

    test(`${name}: findings match the expect[] annotations`, async () => {
      assert.equal(await syntaxErrors(language, fixture.text), false, 'the fixture itself must parse clean');
      const { findings } = await analyzeText(fixture.text, language, DEFAULT_SETTINGS);
      assert.deepEqual(describeFindings(fixture.text, findings), expectedFindings(fixture.text));
    });

    test(`${name}: every fix re-parses clean and fixes what it says`, async () => {
      assert.ok((await checkEveryFix(language, fixture.text)) > 0, 'the fixture offers no fix');
    });

    test(`${name}: CRLF line endings are kept and findings are unchanged`, async () => {
      const crlf = fixture.text.replace(/\r?\n/g, '\r\n');
      const { findings } = await analyzeText(crlf, language, DEFAULT_SETTINGS);
      assert.deepEqual(describeFindings(crlf, findings), expectedFindings(crlf));
      await checkEveryFix(language, crlf);
      const fixed = await checkFixAll(language, crlf);
      assert.doesNotMatch(fixed, /[^\r]\n/, 'a bare LF was inserted into a CRLF document');
    });

    test(`${name}: "Disable … for this line" turns off just that rule on that line`, async () => {
      assert.ok((await checkDisableFixes(language, fixture.text)) > 0, 'no finding offers the fix');
    });

    test(`${name}: inserted code follows the document's tabs or spaces`, async () => {
      const swapped = swapIndentation(fixture.text);
      const fixed = await checkFixAll(language, swapped);
      const usesTabs = /^\t/m.test(swapped);
      const inserted = fixed.split('\n').filter((line) => !swapped.includes(line));
      assert.ok(inserted.length > 0);
      for (const line of inserted) {
        const indent = /^[ \t]*/.exec(line)![0];
        if (usesTabs) assert.doesNotMatch(indent, /^ /, `space-indented line in a tab document: ${JSON.stringify(line)}`);
        else assert.doesNotMatch(indent, /\t/, `tab-indented line in a space document: ${JSON.stringify(line)}`);
      }
    });

    const checker = checkers[language.name];
    const available = checker !== undefined && hasTool(checker.tool);
    // CI installs every compiler (.ci/run); only a developer's machine may lack one.
    const skip = checker === undefined ? `no compiler for ${language.name} can be had on these machines` : !available && !process.env.CI ? `${checker.tool} is not installed` : false;
    test(`${name}: compiles before and after "fix all"`, { skip }, async () => {
      assert.ok(checker && available, `${checker?.tool} must be installed in CI`);
      assert.equal(compile(checker, fixture.name, fixture.text), undefined, 'the fixture itself must compile');
      const fixed = await checkFixAll(language, fixture.text);
      assert.equal(compile(checker, fixture.name, fixed), undefined, `after fix all:\n${fixed}`);
    });
  }
}
