import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageForId } from '../languages';
import { loadGrammar, ParsedDocument, type Node } from './parsing';

async function open(languageId: string, text: string): Promise<ParsedDocument> {
  return new ParsedDocument(await loadGrammar(languageForId(languageId)!.grammarFile), text);
}

/** Every node's type and span in rows and columns, depth first. */
function positions(node: Node, out: string[] = []): string[] {
  out.push(`${node.type} ${node.startPosition.row}:${node.startPosition.column}-${node.endPosition.row}:${node.endPosition.column}`);
  for (const child of node.children) if (child) positions(child, out);
  return out;
}

test('edits re-parse incrementally to the same tree as a parse from scratch', async () => {
  const text = 'switch (c) {\n  case "spam_risk": break;\n}\nconst s = "😀 internal";\n';
  const doc = await open('typescript', text);
  doc.tree; // parse once, so later edits reuse the tree
  const edits: Array<[string, string]> = [
    ['"spam_risk"', '"spam_risk_text"'],
    ['break;', 'break;\n  case "internal": break;'],
    ['😀', ''],
    ['\n}', '\n  default: f();\n}'],
  ];
  for (const [from, to] of edits) {
    const at = doc.text.indexOf(from);
    doc.applyEdit(at, at + from.length, to);
    const fresh = await open('typescript', doc.text);
    assert.equal(doc.tree.rootNode.toString(), fresh.tree.rootNode.toString(), `after replacing ${from}`);
    fresh.dispose();
  }
  assert.match(doc.text, /case "spam_risk_text": break;\n  case "internal": break;/);
  doc.dispose();
});

test('an edit before astral characters keeps node offsets in UTF-16 units', async () => {
  const doc = await open('python', 's = "😀"\nt = "internal"\n');
  doc.tree;
  doc.applyEdit(0, 0, '# 😀😀\n');
  const strings = doc.tree.rootNode.descendantsOfType('string');
  const last = strings[strings.length - 1]!;
  assert.equal(doc.text.slice(last.startIndex, last.endIndex), '"internal"');
  doc.dispose();
});

test('grammars load once and are shared', async () => {
  const grammar = languageForId('go')!.grammarFile;
  assert.equal(await loadGrammar(grammar), await loadGrammar(grammar));
});

test('edits that make a lone CR half of a CRLF, and back, re-parse like a fresh parse', async () => {
  const doc = await open('python', 'match c:\r    case "spam_risk":\r        pass\r');
  doc.tree;
  const steps: Array<[number, number, string]> = [
    [9, 9, '\n'], // the first CR becomes a CRLF
    [9, 10, ''], // and a lone CR again
    [8, 9, '\n'], // the CR becomes an LF
    [8, 9, '\r\n'], // and a CRLF
  ];
  for (const [start, end, text] of steps) {
    doc.applyEdit(start, end, text);
    const fresh = await open('python', doc.text);
    assert.equal(doc.tree.rootNode.toString(), fresh.tree.rootNode.toString(), JSON.stringify(doc.text));
    assert.equal(doc.tree.rootNode.hasError, false, JSON.stringify(doc.text));
    fresh.dispose();
  }
  doc.dispose();
});

test('edits before, at and after the last one keep the row and column of every node right', async () => {
  const lines = Array.from({ length: 40 }, (_, i) => `const v${i} = "line ${i}";`);
  const doc = await open('typescript', lines.join('\n') + '\n');
  doc.tree;
  // Typing moves forward and back; line breaks come and go above and below the last edit.
  const edits: Array<[number, string]> = [[20, 'x'], [20, '\n'], [35, 'y\n\n'], [5, '\n// note\n'], [36, 'z'], [0, '\n']];
  for (const [line, inserted] of edits) {
    const at = doc.text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 4 : 0);
    doc.applyEdit(at, at, inserted);
    const fresh = await open('typescript', doc.text);
    assert.deepEqual(positions(doc.tree.rootNode), positions(fresh.tree.rootNode), `after inserting ${JSON.stringify(inserted)} on line ${line}`);
    fresh.dispose();
  }
  doc.dispose();
});

test('a released tree parses again in full, and edits after that keep the row and column of every node right', async () => {
  const lines = Array.from({ length: 40 }, (_, i) => `const v${i} = "line ${i}";`);
  const doc = await open('typescript', lines.join('\n') + '\n');
  const same = async (after: string) => {
    const fresh = await open('typescript', doc.text);
    assert.deepEqual(positions(doc.tree.rootNode), positions(fresh.tree.rootNode), after);
    fresh.dispose();
  };
  doc.tree;
  const line30 = doc.text.indexOf('const v30');
  doc.applyEdit(line30, line30, 'x');
  await same('an edit on line 30');
  doc.releaseTree();
  assert.equal(doc.holdsTree, false);
  // Lines come above the last edit while no tree is held: what was known about line 30 no longer holds.
  doc.applyEdit(0, 0, '\n\n\n');
  await same('lines inserted while no tree was held');
  const line35 = doc.text.indexOf('"line 35"');
  doc.applyEdit(line35, doc.text.indexOf('v36') + 1, '"joined";\nlet w');
  await same('an edit across two lines below the earlier one, after the full parse');
  doc.dispose();
});
