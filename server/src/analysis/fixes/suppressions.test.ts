import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageForId } from '../../languages/index';
import { analyzeParsed, analyzeText } from '../analyze';
import { loadGrammar, ParsedDocument } from '../parsing';
import { DEFAULT_SETTINGS } from '../settings';
import { disableFix } from './suppressions';
import { applyEdits } from '../text';
import { checkers, compile, hasTool } from '../../../../test/helpers/compilers';

/** A TikTok switch with a typo and a duplicate: one finding of each rule, on lines 2, 4 and 5. */
const SWITCH = ['switch (c) {', '  case "spam_risk_text": a(); break;', '  case "internal": b(); break;', '  case "spam_risk_txt": c(); break;', '  case "internal": d(); break;', '}'];

/** `lines` with `comment` put before line `before` (1-based), or appended to it with `onLine`. */
function withComment(comment: string, at: number, onLine = false): string {
  const lines = [...SWITCH];
  if (onLine) lines[at - 1] += ` ${comment}`;
  else lines.splice(at - 1, 0, comment);
  return lines.join('\n') + '\n';
}

async function rulesFound(text: string, language = 'typescript'): Promise<string[]> {
  const { findings } = await analyzeText(text, languageForId(language)!, DEFAULT_SETTINGS);
  return findings.map((f) => f.rule).sort();
}

const ALL = ['duplicate-case', 'unhandled-codes', 'unknown-code'];

const cases: Array<{ name: string; text: string; language?: string; left: string[] }> = [
  { name: 'no directive', text: withComment('// a comment', 1), left: ALL },
  { name: 'next-line, one rule named', text: withComment('// tiktok-errors-disable-next-line unhandled-codes', 1), left: ['duplicate-case', 'unknown-code'] },
  { name: 'next-line, no rule named: all rules', text: withComment('// tiktok-errors-disable-next-line', 4), left: ['duplicate-case', 'unhandled-codes'] },
  { name: 'two rules, a comma between', text: withComment('  // tiktok-errors-disable-next-line unknown-code, duplicate-case', 4), left: ['duplicate-case', 'unhandled-codes'] },
  { name: 'on the line itself', text: withComment('// tiktok-errors-disable-line duplicate-case', 5, true), left: ['unhandled-codes', 'unknown-code'] },
  { name: 'a reason after --', text: withComment('// tiktok-errors-disable-next-line unhandled-codes -- only retries matter here', 1), left: ['duplicate-case', 'unknown-code'] },
  { name: 'in a block comment', text: withComment('/* tiktok-errors-disable-next-line unhandled-codes */', 1), left: ['duplicate-case', 'unknown-code'] },
  {
    name: 'CRLF line endings',
    text: withComment('// tiktok-errors-disable-next-line unhandled-codes', 1).replace(/\n/g, '\r\n'),
    left: ['duplicate-case', 'unknown-code'],
  },
  { name: 'a misspelt rule turns nothing off', text: withComment('// tiktok-errors-disable-next-line unhandled-code', 1), left: ALL },
  { name: 'two lines above: not the next line', text: withComment('// tiktok-errors-disable-next-line\n', 1), left: ALL },
  { name: 'in a string it is data, not a directive', text: withComment('const s = "tiktok-errors-disable-next-line";', 1), left: ALL },
  {
    name: 'Python: a # comment',
    language: 'python',
    text: '# tiktok-errors-disable-next-line unhandled-codes\nmatch c:\n    case "spam_risk_text" | "internal":\n        pass\n',
    left: [],
  },
];

for (const c of cases) {
  test(`suppression: ${c.name}`, async () => {
    assert.deepEqual(await rulesFound(c.text, c.language), c.left);
  });
}

test('the disable fix writes the language\'s comment, indented as the line, with the rule', async () => {
  const python = languageForId('python')!;
  const text = 'def f(c):\n    match c:\n        case "spam_risk_text" | "internal":\n            pass\n';
  const doc = new ParsedDocument(await loadGrammar(python.grammarFile), text);
  try {
    const [finding] = analyzeParsed(doc, python, DEFAULT_SETTINGS).findings;
    const fix = disableFix(finding!, doc, python)!;
    assert.equal(fix.title, 'Disable unhandled-codes for this line');
    assert.equal(applyEdits(text, fix.edits), 'def f(c):\n    # tiktok-errors-disable-next-line unhandled-codes\n    match c:\n        case "spam_risk_text" | "internal":\n            pass\n');
  } finally {
    doc.dispose();
  }
});

test('no disable fix where the line starts inside a literal: a comment line there would be data', async () => {
  const ruby = languageForId('ruby')!;
  const text = 'if %w[spam_risk\n      spam_risk_txt].include?(code)\n  a\nelsif code == "internal"\n  b\nend\n';
  const doc = new ParsedDocument(await loadGrammar(ruby.grammarFile), text);
  try {
    const typo = analyzeParsed(doc, ruby, DEFAULT_SETTINGS).findings.find((f) => f.rule === 'unknown-code');
    assert.ok(typo, 'the typo on the second line of the %w[] is found');
    assert.equal(disableFix(typo, doc, ruby), undefined);
  } finally {
    doc.dispose();
  }
});

test('a file that starts with a byte order mark keeps it first: the directive goes after it, and Python still compiles the file', async (t) => {
  const python = languageForId('python')!;
  const text = '\uFEFFmatch c:\n    case "spam_risk":\n        pass\n    case "internal":\n        pass\n';
  const doc = new ParsedDocument(await loadGrammar(python.grammarFile), text);
  try {
    const [finding] = analyzeParsed(doc, python, DEFAULT_SETTINGS).findings;
    const fixed = applyEdits(text, disableFix(finding!, doc, python)!.edits);
    assert.equal(fixed, '\uFEFF# tiktok-errors-disable-next-line unhandled-codes\nmatch c:\n' + text.slice('\uFEFFmatch c:\n'.length));
    assert.deepEqual(await rulesFound(fixed, 'python'), []);
    if (!hasTool('python3')) return t.skip('python3 is not installed');
    assert.equal(compile(checkers.python!, 'bom.py', fixed), undefined);
  } finally {
    doc.dispose();
  }
});
