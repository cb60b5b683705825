// Grammars load when a document of their language is analysed, one at a time: opening a Swift file reads the
// Swift grammar and no other (the README says so; the .vsix carries twelve).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { grammarsOnDisk } from '../server/src/grammarsOnDisk';
import { analyzeText } from '../server/src/analysis/analyze';
import { useGrammarFiles } from '../server/src/analysis/parsing';
import { DEFAULT_SETTINGS } from '../server/src/analysis/settings';
import { languageForId } from '../server/src/languages';

test('each grammar is read the first time a document of its language is analysed, and no other', async () => {
  const read: string[] = [];
  useGrammarFiles({ locate: grammarsOnDisk.locate, read: (file) => (read.push(file), grammarsOnDisk.read(file)) });
  await analyzeText('switch code {\ncase "internal":\n    break\ndefault:\n    break\n}\n', languageForId('swift')!, DEFAULT_SETTINGS);
  assert.deepEqual(read, ['tree-sitter-swift.wasm']);
  await analyzeText('val x = when (code) {\n    "internal" -> 1\n    else -> 2\n}\n', languageForId('kotlin')!, DEFAULT_SETTINGS);
  await analyzeText('switch code {\ndefault:\n    break\n}\n', languageForId('swift')!, DEFAULT_SETTINGS);
  assert.deepEqual(read, ['tree-sitter-swift.wasm', 'tree-sitter-kotlin.wasm']);
});
