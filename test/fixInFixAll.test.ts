// The fix "fix all" takes of a finding (findings.ts, fixInFixAll): `--fix`, JSON, SARIF and the editor's
// fix-all ask for it alone, and a missing-codes finding then writes that fix without the groups'. Over every
// fixture of every language it is the fix of `fixes` marked for fix all, whichever is asked first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../server/src/analysis/analyze';
import { fixInFixAll } from '../server/src/analysis/findings';
import { DEFAULT_SETTINGS } from '../server/src/analysis/settings';
import { languages } from '../server/src/languages';
import { fixturesOf } from './helpers/fixtures';

test('over every fixture, the fix asked for alone is the fix-all fix of the finding\'s fixes, and writing those after it keeps it', async () => {
  let withFix = 0;
  for (const language of languages) {
    for (const fixture of fixturesOf(language)) {
      const asked = (await analyzeText(fixture.text, language, DEFAULT_SETTINGS)).findings;
      const written = (await analyzeText(fixture.text, language, DEFAULT_SETTINGS)).findings;
      assert.equal(asked.length, written.length);
      asked.forEach((finding, i) => {
        const where = `${fixture.path}, finding ${i} (${finding.rule})`;
        const expected = written[i]!.fixes.find((f) => f.inFixAll);
        const alone = fixInFixAll(finding);
        assert.deepEqual(alone, expected, where);
        // The fixes written afterwards are those of a finding that wrote them first, the fix-all one among them.
        assert.deepEqual(finding.fixes, written[i]!.fixes, where);
        if (alone) assert.equal(finding.fixes.find((f) => f.inFixAll), alone, where);
        assert.equal(fixInFixAll(written[i]!), expected, `${where}: once the fixes are written, the fix-all one is theirs`);
        if (expected) withFix++;
      });
    }
  }
  assert.ok(withFix >= 100, `findings with a fix-all fix: ${withFix}`);
});
