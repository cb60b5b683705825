// Insert Error Handler in every language that has a switch: the reference's 25 codes, grouped by action, in a
// switch written at the cursor, which the language's own tools accept and the analysis finds complete.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../server/src/analysis/analyze';
import { catalog } from '../server/src/analysis/catalog/catalog';
import { newHandler } from '../server/src/analysis/fixes/newHandler';
import { DEFAULT_SETTINGS } from '../server/src/analysis/settings';
import { applyEdits } from '../server/src/analysis/text';
import { languageForId, languages } from '../server/src/languages';
import { checkers, compile, hasTool } from './helpers/compilers';

/** A function around a blank line (`§`, where the cursor stands), the subject, and the file name to compile. */
const hosts: Record<string, { file: string; subject: string; text: string }> = {
  typescript: { file: 'handler.ts', subject: 'code', text: 'export function handle(code: string): number {\n  §\n  return 0;\n}\n' },
  tsx: { file: 'handler.tsx', subject: 'code', text: 'export function handle(code: string): number {\n  §\n  return 0;\n}\n' },
  javascript: { file: 'handler.js', subject: 'code', text: 'export function handle(code) {\n  §\n  return 0;\n}\n' },
  python: { file: 'handler.py', subject: 'code', text: 'def handle(code):\n    §\n    return 0\n' },
  go: { file: 'handler.go', subject: 'code', text: 'package m\n\nfunc Handle(code string) int {\n\t§\n\treturn 0\n}\n' },
  java: { file: 'Handler.java', subject: 'code', text: 'public class Handler {\n    static int handle(String code) {\n        §\n        return 0;\n    }\n}\n' },
  csharp: { file: 'Handler.cs', subject: 'code', text: 'public static class Handler\n{\n    public static int Handle(string code)\n    {\n        §\n        return 0;\n    }\n}\n' },
  php: { file: 'handler.php', subject: '$code', text: '<?php\nfunction handle(string $code): int\n{\n    §\n    return 0;\n}\n' },
  ruby: { file: 'handler.rb', subject: 'code', text: 'def handle(code)\n  §\n  0\nend\n' },
  rust: { file: 'handler.rs', subject: 'code', text: 'pub fn handle(code: &str) -> i32 {\n    §\n    0\n}\n' },
};

const reference = catalog.set('reference').codes;

for (const [id, host] of Object.entries(hosts)) for (const shape of ['switch', 'chain', 'map'] as const) {
  test(`${id}: a ${shape} for the reference's 25 codes, written at the cursor, is complete and compiles`, async (t) => {
    const language = languages.find((l) => l.name === id)!;
    const at = host.text.indexOf('§');
    const text = host.text.replace('§', '');
    const edit = newHandler(text, at, language, shape === 'map' ? language.handler!.map!.name : host.subject, reference, catalog, {}, shape);
    assert.ok(edit, `no handler for ${id}`);
    const written = applyEdits(text, [edit]);
    // Every line within 100 columns, at the cursor line's indentation and below; but a map's message longer
    // than that, which stands on a line of its own.
    const messages = new Set(reference.map((code) => catalog.get(code)!.message));
    for (const line of written.split('\n')) {
      const alone = [...messages].some((m) => /^["']/.test(line.trim()) && line.trim().slice(1).startsWith(m));
      assert.ok(line.replace(/\t/g, '    ').length <= 100 || (shape === 'map' && alone), line);
    }
    const { findings } = await analyzeText(written, language, DEFAULT_SETTINGS);
    assert.deepEqual(findings.map((f) => f.message.split('\n')[0]), [], written);
    const checker = checkers[id];
    if (!checker) return t.skip(`no compiler for ${id} here`);
    if (!hasTool(checker.tool)) return t.skip(`${checker.tool} is not installed`);
    assert.equal(compile(checker, host.file, written), undefined);
  });
}

test("a handler follows the team's templates and the file's quotes, and goes below a line that is not blank", () => {
  const language = languageForId('typescript')!;
  const text = "async function f(err: { code: string }) {\n  const code = err.code;\n  log('seen', 'code');\n}\n";
  const edit = newHandler(text, text.indexOf('const code'), language, 'code', ['access_token_invalid', 'internal'], catalog, { templates: { retry: 'return retry(${codes});' } })!;
  assert.equal(
    applyEdits(text, [edit]),
    "async function f(err: { code: string }) {\n  const code = err.code;\n  switch (code) {\n    // refresh-token: send the user through TikTok OAuth again\n    case 'access_token_invalid':\n      throw new Error('TODO: handle these TikTok errors (refresh-token)');\n    // retry: retry later with exponential backoff\n    case 'internal':\n      return retry('internal');\n  }\n  log('seen', 'code');\n}\n",
  );
});
