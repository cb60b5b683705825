import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
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

test('property: the tree and the served text stay the same text through any changes, reversed and out-of-range ones too', async () => {
  const position = fc.record({ line: fc.nat({ max: 8 }), character: fc.nat({ max: 40 }) });
  const change = fc.oneof(
    { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: fc.constantFrom('', 'x', '\n', '\r\n', '"spam_risk"', 'case "internal":\n', '😀') }) },
    { weight: 1, arbitrary: fc.record({ text: fc.constantFrom(handler(1), '') }) },
  );
  await fc.assert(
    fc.asyncProperty(fc.array(change, { maxLength: 12 }), async (changes) => {
      const store = new DocumentStore(() => {});
      const doc = store.open('file:///fuzz.ts', 'typescript', 1, handler(0) + handler(2));
      await doc.ready;
      let version = 1;
      for (const c of changes) {
        doc.applyChanges([c], ++version);
        assert.equal(doc.tree!.text, doc.text.getText());
      }
      // What the server reports is what the served text holds.
      const fresh = await analyzeText(doc.text.getText(), doc.language!, DEFAULT_SETTINGS);
      assert.deepEqual(describe(doc.analysis(DEFAULT_SETTINGS)!.findings), describe(fresh.findings));
      store.close('file:///fuzz.ts');
    }),
    { numRuns: 300, seed: 20261201 },
  );
});

test('a reversed range deletes what lies between its ends, as the served text does', async () => {
  const store = new DocumentStore(() => {});
  const doc = store.open('file:///reversed.ts', 'typescript', 1, 'a\nb\nc\nd\ne\n');
  await doc.ready;
  doc.applyChanges([{ range: { start: { line: 4, character: 0 }, end: { line: 2, character: 0 } }, text: '' }], 2);
  assert.equal(doc.text.getText(), 'a\nb\ne\n');
  assert.equal(doc.tree!.text, 'a\nb\ne\n');
});
