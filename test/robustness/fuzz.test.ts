// Property-based fuzzing of the analysis in every language: random text, mutated fixtures and random edit
// sequences. Seeded and bounded here; `npm run fuzz` runs many more cases (FUZZ_RUNS).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeParsed, analyzeText } from '../../server/src/analysis/analyze';
import { loadGrammar, ParsedDocument, type Node } from '../../server/src/analysis/parsing';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings';
import { applyEdits } from '../../server/src/analysis/text';
import { languages } from '../../server/src/languages';
import type { LanguageSupport } from '../../server/src/languages/language';
import { describeFindings, fixturesOf } from '../helpers/fixtures';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const params = { numRuns: RUNS, seed: SEED };

/** Fragments that steer random text towards the constructs the analysis reads. */
const TOKENS = ['switch (c) {', 'case "spam_risk":', "case 'internal':", 'default:', 'break;', '}', '{', 'match c:', '    case "a" | "b":',
  'when "rate_limit_exceeded"', '"access_token_invalid" =>', '_ =>', ',', '\n', '\r\n', '\r', '\t', '"', "'", '`', '😀', '\u0301', '\u202e', '\0', 'end', '->', ':'];

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((parts) => parts.join(' ')),
);

function errorCount(node: Node): number {
  let count = node.isError || node.isMissing ? 1 : 0;
  for (const child of node.children) if (child) count += errorCount(child);
  return count;
}

async function errorsIn(language: LanguageSupport, source: string): Promise<number> {
  const doc = new ParsedDocument(await loadGrammar(language.grammarFile), source);
  try {
    return errorCount(doc.tree.rootNode);
  } finally {
    doc.dispose();
  }
}

async function checkInvariants(language: LanguageSupport, source: string): Promise<void> {
  const { findings } = await analyzeText(source, language, DEFAULT_SETTINGS);
  for (const f of findings) {
    assert.ok(0 <= f.span.start && f.span.start <= f.span.end && f.span.end <= source.length, `span ${f.span.start}-${f.span.end} outside ${source.length}`);
    for (const fix of f.fixes) for (const e of fix.edits) assert.ok(0 <= e.start && e.start <= e.end && e.end <= source.length);
  }
  // A fix never leaves the text parsing worse than before.
  const before = await errorsIn(language, source);
  for (const fix of findings.flatMap((f) => f.fixes)) {
    assert.ok((await errorsIn(language, applyEdits(source, fix.edits))) <= before, `"${fix.title}" made the parse worse`);
  }
}

/** A mutation of a fixture: some of it cut, some of it replaced by fuzz. */
const mutation = (length: number) =>
  fc.array(fc.record({ at: fc.nat({ max: length }), cut: fc.nat({ max: 40 }), insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })) }), {
    minLength: 1,
    maxLength: 6,
  });

function mutate(source: string, edits: ReadonlyArray<{ at: number; cut: number; insert: string }>): string {
  let out = source;
  for (const { at, cut, insert } of edits) {
    const start = Math.min(at, out.length);
    out = out.slice(0, start) + insert + out.slice(Math.min(out.length, start + cut));
  }
  return out;
}

for (const language of languages) {
  const fixture = fixturesOf(language)[0]!;

  test(`fuzz ${language.name}: random text never throws, and results stay inside the text`, async () => {
    await fc.assert(fc.asyncProperty(text, (source) => checkInvariants(language, source)), params);
  });

  test(`fuzz ${language.name}: truncated and mutated fixtures`, async () => {
    await fc.assert(
      fc.asyncProperty(mutation(fixture.text.length), fc.nat({ max: fixture.text.length }), async (edits, cutAt) => {
        await checkInvariants(language, fixture.text.slice(0, cutAt));
        await checkInvariants(language, mutate(fixture.text, edits));
      }),
      { ...params, numRuns: Math.max(5, Math.floor(RUNS / 2)) },
    );
  });

  test(`fuzz ${language.name}: incremental re-parsing after random edits equals analysing the final text from scratch`, async () => {
    const grammar = await loadGrammar(language.grammarFile);
    await fc.assert(
      fc.asyncProperty(mutation(fixture.text.length), async (edits) => {
        const doc = new ParsedDocument(grammar, fixture.text);
        try {
          doc.tree;
          for (const { at, cut, insert } of edits) {
            const start = Math.min(at, doc.text.length);
            doc.applyEdit(start, Math.min(doc.text.length, start + cut), insert);
            doc.tree;
          }
          const incremental = analyzeParsed(doc, language, DEFAULT_SETTINGS);
          const fresh = await analyzeText(doc.text, language, DEFAULT_SETTINGS);
          assert.deepEqual(describeFindings(doc.text, incremental.findings), describeFindings(doc.text, fresh.findings));
          assert.deepEqual(
            incremental.findings.map((f) => [f.span, f.message]),
            fresh.findings.map((f) => [f.span, f.message]),
          );
        } finally {
          doc.dispose();
        }
      }),
      params,
    );
  });
}
