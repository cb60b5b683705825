// Where a code is recognised, and where it is not: one table per kind of document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageForId } from '../../languages/index';
import { codeAtInText, codeAtInTree, codesInText, codesInTree } from './codeOccurrences';
import { loadGrammar, ParsedDocument } from '../parsing';

async function codesIn(languageId: string, text: string): Promise<string[]> {
  const language = languageForId(languageId);
  if (!language) return codesInText(text).map((o) => o.entry.code);
  const doc = new ParsedDocument(await loadGrammar(language.grammarFile), text);
  try {
    return codesInTree(doc, language).map((o) => o.entry.code);
  } finally {
    doc.dispose();
  }
}

const cases: Array<{ name: string; languageId: string; text: string; codes: string[] }> = [
  // Found
  { name: 'TS: whole string literal', languageId: 'typescript', text: `if (e.code === 'spam_risk_text') {}`, codes: ['spam_risk_text'] },
  { name: 'TS: token inside a string', languageId: 'typescript', text: `log("got spam_risk_text from TikTok")`, codes: ['spam_risk_text'] },
  { name: 'TS: token inside a comment', languageId: 'typescript', text: `// retry on rate_limit_exceeded\nf();`, codes: ['rate_limit_exceeded'] },
  { name: 'TS: object key', languageId: 'typescript', text: `const m = { spam_risk_text: 1, "file size": 2 };`, codes: ['spam_risk_text', 'file size'] },
  { name: 'TS: everyday word as a whole string', languageId: 'typescript', text: `const a = "internal"; const b = 'too many requests';`, codes: ['internal', 'too many requests'] },
  { name: 'Python: strings and comments', languageId: 'python', text: `# handles scope_not_authorized\nif code == "video duration":\n    pass\n`, codes: ['scope_not_authorized', 'video duration'] },
  { name: 'Python: dict key', languageId: 'python', text: `MESSAGES = {"spam_risk": "x"}\n`, codes: ['spam_risk'] },
  { name: 'Go: interpreted and raw strings', languageId: 'go', text: 'package m\nvar a = "photo_pull_failed"\nvar b = `internal`\n', codes: ['photo_pull_failed', 'internal'] },
  { name: 'plain text: whole words', languageId: 'plaintext', text: `2026-11-25 ERROR publish failed: spam_risk_too_many_posts (retrying)`, codes: ['spam_risk_too_many_posts'] },
  { name: 'JSON: a quoted everyday word', languageId: 'json', text: `{"error": {"code": "internal"}}`, codes: ['internal'] },
  { name: 'Markdown: a code span', languageId: 'markdown', text: 'On `url_ownership_unverified`, verify the domain.', codes: ['url_ownership_unverified'] },
  // Not found
  { name: 'TS: upper case is not TikTok', languageId: 'typescript', text: `const c = "ACCESS_TOKEN_INVALID";`, codes: [] },
  { name: 'TS: prefix of a longer identifier', languageId: 'typescript', text: `const c = "spam_risk_textual"; const d = "xspam_risk";`, codes: [] },
  { name: 'TS: identifier outside strings', languageId: 'typescript', text: `const spam_risk_text = 1; f(spam_risk_text);`, codes: [] },
  { name: 'TS: everyday words in prose', languageId: 'typescript', text: `// internal helper for file size checks\nconst s = "an internal error";`, codes: [] },
  { name: 'Python: everyday word in a comment', languageId: 'python', text: `# too many requests here\n`, codes: [] },
  { name: 'plain text: everyday words in prose', languageId: 'plaintext', text: `The internal file size check failed after too many requests.`, codes: [] },
  { name: 'plain text: upper case and longer words', languageId: 'plaintext', text: `SPAM_RISK spam_risk_textual spam_risk2`, codes: [] },
];

for (const c of cases) {
  test(`recognition — ${c.name}`, async () => {
    assert.deepEqual(await codesIn(c.languageId, c.text), c.codes);
  });
}

test('the code at an offset covers exactly the code, in a tree and in text', async () => {
  const language = languageForId('typescript')!;
  const text = `const x = { code: "picture_size_check_failed" };`;
  const doc = new ParsedDocument(await loadGrammar(language.grammarFile), text);
  const start = text.indexOf('picture');
  const hit = codeAtInTree(doc, language, start + 3);
  doc.dispose();
  assert.deepEqual(hit && { code: hit.entry.code, ...hit.span }, { code: 'picture_size_check_failed', start, end: start + 'picture_size_check_failed'.length });
  const log = 'WARN spam_risk_text\nINFO ok';
  assert.equal(codeAtInText(log, 8)?.entry.code, 'spam_risk_text');
  assert.equal(codeAtInText(log, 22), undefined);
});

test('offsets count UTF-16 code units past astral characters', async () => {
  const text = `const s = "😀 internal_x"; const t = "😀😀"; const u = "file size";`;
  const language = languageForId('typescript')!;
  const doc = new ParsedDocument(await loadGrammar(language.grammarFile), text);
  const at = text.indexOf('file size');
  assert.equal(codeAtInTree(doc, language, at)?.span.start, at);
  doc.dispose();
});
