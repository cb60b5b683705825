import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparePaths } from './displayPath';

test('paths sort by their letters without case, then as written, the same under any locale', () => {
  const names = ['src/Zeta.ts', 'src/alpha.ts', 'src/B.ts', 'src/b.ts', 'src/ä.ts', 'src/a/x.ts', 'src/a.ts', 'src/_x.ts', 'src/10.ts', 'src/9.ts'];
  assert.deepEqual([...names].sort(comparePaths), ['src/10.ts', 'src/9.ts', 'src/_x.ts', 'src/a.ts', 'src/a/x.ts', 'src/alpha.ts', 'src/B.ts', 'src/b.ts', 'src/Zeta.ts', 'src/ä.ts']);
  assert.equal(comparePaths('a.ts', 'a.ts'), 0);
  assert.ok(comparePaths('B.ts', 'b.ts') < 0 && comparePaths('b.ts', 'B.ts') > 0, 'a tie without case is broken by the text as written');
});
