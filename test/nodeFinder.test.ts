// The walk for node types that stands in for a query of node types (parsing.ts, nodeFinder): over every
// fixture of every language, it finds what the compiled query captures, in the same order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileQuery, loadGrammar, nodeFinder, ParsedDocument, typePatterns } from '../server/src/analysis/parsing';
import { languages } from '../server/src/languages';
import { fixturesOf } from './helpers/fixtures';

test('queries of node types take the walk; a query with structure or a type captured twice keeps the query', () => {
  assert.deepEqual([...typePatterns('(switch_statement) @construct\n[(object) (array)] @map')!], [['switch_statement', 'construct'], ['object', 'map'], ['array', 'map']]);
  assert.equal(typePatterns('(composite_literal type: (map_type)) @map'), undefined);
  assert.equal(typePatterns('(module (expression_statement (assignment) @declaration))'), undefined);
  assert.equal(typePatterns('(if_statement) @chain\n(if_statement) @other'), undefined);
  assert.equal(typePatterns('(if_statement)'), undefined);
});

test('over every fixture, the walk captures what the query captures, in order, at the top and below', async () => {
  let compared = 0;
  for (const language of languages) {
    const grammar = await loadGrammar(language.grammarFile);
    const sources = [language.constructQuery, language.chains?.query, language.maps?.query, language.declarations?.query].filter((s): s is string => s !== undefined);
    for (const fixture of fixturesOf(language)) {
      const doc = new ParsedDocument(grammar, fixture.text);
      try {
        for (const source of [...sources, sources.join('\n')]) {
          if (!typePatterns(source)) continue;
          const query = compileQuery(grammar, source);
          const finder = nodeFinder(grammar, source);
          const stack = [doc.tree.rootNode];
          for (let node = stack.pop(); node; node = stack.pop()) {
            const describe = (captures: ReturnType<typeof finder.captures>) => captures.map((c) => `${c.name}@${c.node.startIndex}-${c.node.endIndex}`);
            assert.deepEqual(describe(finder.captures(node)), describe(query.captures(node)), `${fixture.name}: ${source} under ${node.type}@${node.startIndex}`);
            assert.deepEqual(describe(finder.captures(node, { maxStartDepth: 0 })), describe(query.captures(node, { maxStartDepth: 0 })), `${fixture.name}: ${source} at ${node.type}@${node.startIndex}`);
            compared++;
            if (node.startIndex < 4000) stack.push(...node.namedChildren.filter((c) => c !== null));
          }
        }
      } finally {
        doc.dispose();
      }
    }
  }
  assert.ok(compared > 1000, `compared ${compared} nodes`);
});
