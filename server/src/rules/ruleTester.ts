// A small rule tester in the manner of ESLint's: tables of valid and invalid code, one rule at a time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalog } from '../analysis/catalog/catalog';
import { findTikTokConstructs } from '../analysis/constructs/constructs';
import type { Finding } from '../analysis/findings';
import { loadGrammar, ParsedDocument } from '../analysis/parsing';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../analysis/settings';
import { applyEdits } from '../analysis/text';
import { languageForId } from '../languages';
import type { Rule } from './rule';

export interface ValidCase {
  readonly name: string;
  readonly language: string;
  readonly code: string;
  readonly settings?: Record<string, unknown>;
  /** The code is meant not to parse. */
  readonly allowSyntaxErrors?: boolean;
}

export interface InvalidCase extends ValidCase {
  /** Each finding: its message's first line (or a part of it), its severity, and the text it covers. */
  readonly errors: ReadonlyArray<{ message: string | RegExp; severity?: string; covers?: string }>;
  /** The text after the first finding's first fix. */
  readonly output?: string;
  /** The titles of the first finding's fixes. */
  readonly fixTitles?: readonly string[];
}

/** Every catalog code but these, for settings that leave a small, readable set missing. */
export function ignoreAllBut(...codes: string[]): string[] {
  return catalog.entries.map((e) => e.code).filter((c) => !codes.includes(c));
}

async function run(rule: Rule, c: ValidCase): Promise<Finding[]> {
  const language = languageForId(c.language);
  assert.ok(language, `no language ${c.language}`);
  const { settings, problems } = c.settings ? readSettings(c.settings) : { settings: DEFAULT_SETTINGS as Settings, problems: [] };
  assert.deepEqual(problems, []);
  const doc = new ParsedDocument(await loadGrammar(language.grammarFile), c.code);
  try {
    assert.equal(doc.tree.rootNode.hasError, c.allowSyntaxErrors === true, `the case's code ${c.allowSyntaxErrors ? 'parses' : 'does not parse'}:\n${c.code}`);
    return findTikTokConstructs(doc, language, settings).flatMap((construct) =>
      rule.check(construct, { text: c.code, language, settings, catalog }),
    );
  } finally {
    doc.dispose();
  }
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  for (const c of cases.valid) {
    test(`${rule.id} valid: ${c.name}`, async () => {
      assert.deepEqual((await run(rule, c)).map((f) => f.message), []);
    });
  }
  for (const c of cases.invalid) {
    test(`${rule.id} invalid: ${c.name}`, async () => {
      const findings = await run(rule, c);
      assert.equal(findings.length, c.errors.length, findings.map((f) => f.message).join('\n---\n'));
      c.errors.forEach((expected, i) => {
        const finding = findings[i]!;
        const first = finding.message.split('\n')[0]!;
        if (typeof expected.message === 'string') assert.ok(first.includes(expected.message), `"${first}" lacks "${expected.message}"`);
        else assert.match(finding.message, expected.message);
        if (expected.severity) assert.equal(finding.severity, expected.severity);
        if (expected.covers) assert.equal(c.code.slice(finding.span.start, finding.span.end), expected.covers);
      });
      if (c.fixTitles !== undefined) assert.deepEqual(findings[0]?.fixes.map((f) => f.title), c.fixTitles);
      if (c.output !== undefined) {
        const fix = findings[0]?.fixes[0];
        assert.ok(fix, 'no fix offered');
        assert.equal(applyEdits(c.code, fix.edits), c.output);
      }
    });
  }
}
