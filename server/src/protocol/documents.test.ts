import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../analysis/analyze';
import { DEFAULT_SETTINGS } from '../analysis/settings';
import { DocumentStore } from './documents';

const handler = (n: number) => `switch (c${n}) {\n  case "spam_risk": break;\n  case "internal": break;\n}\n`;
const describe = (findings: ReadonlyArray<{ span: unknown; message: string }>) => findings.map((f) => [f.span, f.message]);

test('only the documents used last keep their trees; the others parse again when used, with the same results', async () => {
  const size = handler(0).length;
  // Room for the trees of two documents, not three.
  const store = new DocumentStore(() => {}, size * 2 + 20);
  const docs = [0, 1, 2].map((n) => store.open(`file:///d${n}.ts`, 'typescript', 1, handler(n)));
  await Promise.all(docs.map((d) => d.ready));
  const first = docs.map((d) => d.analysis(DEFAULT_SETTINGS)!.findings);
  assert.deepEqual(docs.map((d) => d.holdsTree), [false, true, true]);

  // Used again, the first parses afresh and the one used longest ago gives up its tree.
  const tree = docs[0]!.tree!.tree;
  assert.ok(tree.rootNode.descendantForIndex(handler(0).indexOf('spam_risk'))?.type.includes('string'));
  assert.deepEqual(docs.map((d) => d.holdsTree), [true, false, true]);

  // An edit to a document without a tree lands in its text, and its analysis is that of the new text.
  const text = docs[1]!.text.getText();
  const at = text.indexOf('"internal"');
  docs[1]!.applyChanges([{ range: { start: docs[1]!.text.positionAt(at), end: docs[1]!.text.positionAt(at + '"internal"'.length) }, text: '"spam_risk_text"' }], 2);
  const edited = docs[1]!.analysis(DEFAULT_SETTINGS)!.findings;
  const fresh = await analyzeText(docs[1]!.text.getText(), docs[1]!.language!, DEFAULT_SETTINGS);
  assert.deepEqual(describe(edited), describe(fresh.findings));
  assert.notDeepEqual(describe(edited), describe(first[1]!));
  assert.deepEqual(docs.map((d) => d.holdsTree), [true, true, false]);

  // A closed document is forgotten: the two left fit.
  store.close('file:///d0.ts');
  docs[2]!.analysis({ ...DEFAULT_SETTINGS });
  assert.deepEqual([docs[1]!.holdsTree, docs[2]!.holdsTree], [true, true]);
});

test('a document larger than the whole budget still gets its tree while it is the one in use', async () => {
  const store = new DocumentStore(() => {}, 10);
  const doc = store.open('file:///big.ts', 'typescript', 1, handler(0));
  await doc.ready;
  assert.equal(doc.analysis(DEFAULT_SETTINGS)!.findings.length, 1);
  assert.equal(doc.holdsTree, true);
});
