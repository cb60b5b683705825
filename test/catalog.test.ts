// The catalog against its schema and against the reference it was taken from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv';
import fc from 'fast-check';
import { buildCatalog, catalog, codeMentions, codeMentionsSteps, groupByAction, namesEnoughCodes } from '../server/src/analysis/catalog/catalog';

const json = JSON.parse(readFileSync('data/tiktok-errors.json', 'utf8'));
const schema = JSON.parse(readFileSync('data/tiktok-errors.schema.json', 'utf8'));

test('the catalog validates against its JSON Schema', () => {
  const validate = new Ajv({ allErrors: true }).compile(schema);
  assert.equal(validate(json), true, JSON.stringify(validate.errors, null, 2));
});

test('the schema rejects an entry with an unknown action', () => {
  const validate = new Ajv().compile(schema);
  const broken = structuredClone(json);
  broken.errors[0].action = 'panic';
  assert.equal(validate(broken), false);
});

const reference = catalog.entries.filter((e) => e.reference);

test("the reference's 25 codes in 7 categories, as the reference counts them", () => {
  assert.equal(reference.length, 25);
  const perCategory = Object.fromEntries(catalog.categories.map((c) => [c.name, reference.filter((e) => e.category === c.name).length]).filter(([, n]) => (n as number) > 0));
  assert.deepEqual(perCategory, {
    Authentication: 3,
    Spam: 6,
    'Video Format': 6,
    Media: 3,
    'Rate Limit': 2,
    'App Status': 3,
    Server: 2,
  });
});

test("per action, the reference's: 3 refresh-token, 3 retry, 19 user-error", () => {
  const count = (action: string) => reference.filter((e) => e.action === action).length;
  assert.deepEqual(
    catalog.actions.map((a) => [a.id, count(a.id)]),
    [
      ['refresh-token', 3],
      ['retry', 3],
      ['user-error', 19],
      ['fix-request', 0],
    ],
  );
});

test("the reference's 25 entries are its own words: code, category, action, message and solution, as its text gives them", () => {
  // The reference as the user gave it (shared/seeds/tiktok-error-reference.txt, copied beside the fixtures).
  const lines = readFileSync('test/fixtures/reference/tiktok-error-reference.txt', 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const parsed: Array<{ code: string; category: string; action: string; message: string; solution: string }> = [];
  let category = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#(.+)$/.exec(lines[i]!);
    if (heading) category = heading[1]!;
    const entry = /^(.+?)(refresh-token|retry|user-error)$/.exec(lines[i]!);
    if (!entry || !category || lines[i + 2] !== 'Solution:') continue;
    parsed.push({ code: entry[1]!, category, action: entry[2]!, message: lines[i + 1]!, solution: lines[i + 3]! });
  }
  assert.equal(parsed.length, 25);
  assert.deepEqual(
    reference.map(({ code, category, action, message, solution }) => ({ code, category, action, message, solution })),
    parsed,
  );
});

test("names other protocols use (TLS's alerts, OAuth's errors) make no file worth parsing, with a shared code beside them", () => {
  // As a TLS library lists its alerts, beside a comment that says "internal".
  const tls = 'const alerts = { internal_error: 80, access_denied: 49 };\n// see "internal"\n';
  assert.equal(namesEnoughCodes(tls, 2), false);
  assert.equal(namesEnoughCodes(Buffer.from(tls), 2), false);
  assert.equal(namesEnoughCodes(tls + 'x = "rate_limit_exceeded";\n', 2), true);
});

test('every code TikTok documents is known, with the field it arrives in; the OAuth names are generic', () => {
  for (const code of ['invalid_param', 'publish_not_cancellable', 'auth_removed', 'internal_error', 'invalid_publish_id', 'token_not_authorized_for_specified_publish_id', 'app_version_check_failed', 'publish_cancelled']) {
    const entry = catalog.get(code);
    assert.ok(entry && !entry.reference && entry.documentedBy.length > 0, code);
  }
  assert.deepEqual(catalog.set('fail_reason').codes.length, 13);
  assert.deepEqual(catalog.set('oauth').codes.length, 10);
  assert.ok(catalog.set('oauth').codes.every((code) => catalog.get(code)!.generic));
  assert.deepEqual(catalog.set('reference').codes, reference.map((e) => e.code));
  // TikTok's pages do not list these three of the reference's.
  assert.deepEqual(reference.filter((e) => e.documentedBy.length === 0).map((e) => e.code), ['video duration', 'file size', 'too many requests']);
  assert.equal(catalog.get('invalid_publish_id')!.http, 400);
  assert.deepEqual(catalog.get('spam_risk_too_many_posts')!.fields, ['error.code', 'fail_reason']);
});

test('no duplicate codes, and the three codes with spaces are kept as written', () => {
  const codes = catalog.entries.map((e) => e.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const spaced of ['video duration', 'file size', 'too many requests']) assert.ok(catalog.get(spaced), spaced);
});

test("every entry names a defined category and action, and has a message; the reference's have a solution", () => {
  const categories = new Set(catalog.categories.map((c) => c.name));
  for (const entry of catalog.entries) {
    assert.ok(categories.has(entry.category), `${entry.code}: category ${entry.category}`);
    assert.ok(catalog.action(entry.action), `${entry.code}: action ${entry.action}`);
    assert.ok(entry.message.length > 0 && (!entry.reference || (entry.solution ?? '').length > 0), entry.code);
  }
});

test('the everyday words are marked whole-string-only and shared', () => {
  const words = catalog.entries.filter((e) => e.wholeStringOnly).map((e) => e.code).sort();
  assert.deepEqual(words, ['file size', 'internal', 'too many requests', 'video duration']);
  for (const code of ['access_token_invalid', 'invalid_params', 'rate_limit_exceeded', 'internal']) assert.equal(catalog.get(code)?.shared, true, code);
});

test('the codes outside the catalog are not catalog codes themselves', () => {
  for (const code of catalog.otherKnownCodes) assert.equal(catalog.get(code), undefined, code);
});

test('best practices and prevention tips come from the reference', () => {
  assert.equal(catalog.bestPractices.length, 4);
  assert.equal(catalog.preventionTips.length, 4);
});

test('the build refuses a broken catalog and names the bad entry, before touching dist/', async () => {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const broken = structuredClone(json);
  broken.errors[7].action = 'panic';
  broken.errors[9].code = broken.errors[8].code;
  const file = join(mkdtempSync(join(tmpdir(), 'tiktok-catalog-')), 'broken.json');
  writeFileSync(file, JSON.stringify(broken));
  const run = spawnSync(process.execPath, ['esbuild.mjs'], { env: { ...process.env, TIKTOK_CATALOG: file }, encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, new RegExp(`${file}/errors/7/action: must be equal to one of the allowed values`));
  assert.match(run.stderr, new RegExp(`${file}/errors/9: duplicate code 'reached_active_user_cap'`));
});

test('a text names enough codes for a TikTok construct with a code only TikTok uses, or as many codes as the threshold', () => {
  const [first, second] = catalog.entries.filter((e) => e.shared).map((e) => e.code);
  const own = catalog.entries.find((e) => !e.shared)!.code;
  assert.equal(namesEnoughCodes('nothing here', 1), false);
  assert.equal(namesEnoughCodes(`level = "${first}"`, 2), false);
  assert.equal(namesEnoughCodes(`"${first}", "${first}"`, 2), false, 'the same code twice is one code');
  assert.equal(namesEnoughCodes(`"${first}", "${second}"`, 2), true);
  assert.equal(namesEnoughCodes(`"${first}", "${second}"`, 3), false);
  assert.equal(namesEnoughCodes(`"${first}"`, 1), true);
  assert.equal(namesEnoughCodes(`"${own}"`, 2), true);
});

test('the code named is the longest one written: a TikTok-only code that begins with a shared one counts as itself', () => {
  const json = JSON.parse(readFileSync('data/tiktok-errors.json', 'utf8'));
  const base = json.errors[0];
  const made = buildCatalog({
    ...json,
    errors: [
      { ...base, code: 'alpha', shared: true },
      { ...base, code: 'alpha_only', shared: false },
    ],
  });
  assert.equal(namesEnoughCodes('"alpha_only"', 2, made), true);
  assert.equal(namesEnoughCodes('"alpha"', 2, made), false);
});

test('a code counts only where it could be a label: never inside a longer word, and a spaced code only between delimiters', () => {
  // [text, minimumKnownCodes, names enough codes, why]
  const cases: Array<[text: string, minimum: number, expected: boolean, why: string]> = [
    [`case 'internal': case 'rate_limit_exceeded':`, 2, true, 'string labels'],
    ['{ internal: 1, rate_limit_exceeded: 2 }', 2, true, 'identifier keys'],
    ['%w[internal rate_limit_exceeded].include?(code)', 2, true, 'Ruby words'],
    ['when :internal, :rate_limit_exceeded', 2, true, 'Ruby symbols'],
    ['const internalState = rate_limit_exceeded_total;', 2, false, 'both inside longer identifiers'],
    ['InternalError, internal_rate_limit_exceeded', 2, false, 'codes are case-sensitive, and a code inside a word is none'],
    ['// the file size is checked; too many requests get a 429', 2, false, 'spaced codes in prose'],
    ['"file size", "too many requests"', 2, true, 'spaced codes as strings'],
    ['%q(file size) or `too many requests`', 2, true, 'other string delimiters'],
    ['file size', 1, false, 'the edge of the text is no delimiter'],
    ['"spam_risk_textual"', 2, false, 'a TikTok-only code inside a longer word'],
    ['"spam_risk_text"', 2, true, 'a TikTok-only code on its own'],
    ['xspam_risk_text', 1, false, 'a word character before the code'],
    ['\u00a0file size\u00a0 «too many requests»', 1, false, 'no delimiter past ASCII'],
  ];
  for (const [text, minimum, expected, why] of cases) assert.equal(namesEnoughCodes(text, minimum), expected, `${why}: ${text}`);
});

test("a file's bytes, as they are or read as Latin-1, name the same codes as its decoded text", () => {
  // Pieces that put codes next to ASCII, spaces and characters whose UTF-8 bytes look like Latin-1 spaces (à is C3 A0).
  const piece = fc.constantFrom(...catalog.entries.map((e) => e.code), '"', "'", ' ', '\u00a0', 'à', '一', '😀', 'x', '_', '(', ':', '\n', '\ufffd');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 1, max: 3 }), (pieces, minimum) => {
      const text = pieces.join('');
      const bytes = Buffer.from(text, 'utf8');
      const asLatin1 = bytes.toString('latin1');
      for (const view of [bytes, asLatin1]) {
        assert.equal(namesEnoughCodes(view, minimum), namesEnoughCodes(text, minimum), JSON.stringify(text));
        assert.equal(codeMentions(view).length, codeMentions(text).length, JSON.stringify(text));
      }
    }),
    { numRuns: 2000 },
  );
});

/** The rule codeMentions follows, written plainly: at each place from the left, the longest code that could be a label there. */
function mentionsByDefinition(text: string, codes: readonly string[]): number[] {
  const word = /[A-Za-z0-9_]/;
  const delimiter = /[!-~]/;
  const byLength = [...codes].sort((a, b) => b.length - a.length);
  const found: number[] = [];
  for (let at = 0; at < text.length; ) {
    const before = text[at - 1] ?? '';
    const code = byLength.find((c) => {
      const after = text[at + c.length] ?? '';
      if (!text.startsWith(c, at) || word.test(before) || word.test(after)) return false;
      return !c.includes(' ') || (delimiter.test(before) && !word.test(before) && delimiter.test(after) && !word.test(after));
    });
    if (code) found.push(at);
    at += code?.length ?? 1;
  }
  return found;
}

test('the mention search finds what the rule says, wherever codes overlap, repeat or are cut short', () => {
  const short = buildCatalog({
    ...json,
    errors: ['ab', 'abc', 'b a', 'b ab', 'bab', 'ca_b', 'abcab'].map((code) => ({ ...json.errors[0], code })),
  });
  for (const cat of [catalog, short]) {
    const codes = cat.entries.map((e) => e.code);
    // Whole codes, their halves (so that a window often ends inside a code), and what stands around codes.
    const halves = codes.flatMap((c) => [c.slice(0, c.length >> 1), c.slice(c.length >> 1)]);
    const piece = fc.constantFrom(...codes, ...halves, '"', ' ', 'x', '_', ':', '\n', 'é', '一');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        const expected = mentionsByDefinition(text, codes);
        assert.deepEqual(codeMentions(text, cat), expected, JSON.stringify(text));
        // Bytes give the same offsets where the text is ASCII.
        if (/^[\x00-\x7f]*$/.test(text)) assert.deepEqual(codeMentions(Buffer.from(text), cat), expected, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  }
});

test('a catalog code the search cannot hold is refused with its name', () => {
  const made = buildCatalog({ ...json, errors: [{ ...json.errors[0], code: 'x' }] });
  assert.throws(() => codeMentions('x', made), /catalog: the code 'x' must be two or more printable ASCII characters/);
});

test('where the longest code written is inside a word, a shorter code it begins with may still stand alone', () => {
  const json = JSON.parse(readFileSync('data/tiktok-errors.json', 'utf8'));
  const base = json.errors[0];
  const made = buildCatalog({
    ...json,
    errors: [
      { ...base, code: 'alpha', shared: true },
      { ...base, code: 'alpha-beta', shared: true },
    ],
  });
  assert.deepEqual(codeMentions('x = alpha-betax; y = "alpha-beta"', made), [4, 22]);
  assert.deepEqual(codeMentions('alphax alpha-betax', made), [7]);
});

test('codes grouped by action: actions in catalog order, each group in catalog order, once each, strangers left out', () => {
  const cases: Array<[codes: string[], groups: Array<[action: string, codes: string[]]>]> = [
    [[], []],
    [['spam_risk', 'rate_limit_exceeded', 'spam_risk_text', 'scope_not_authorized', 'access_token_invalid'], [
      ['refresh-token', ['access_token_invalid', 'scope_not_authorized']],
      ['retry', ['rate_limit_exceeded']],
      ['user-error', ['spam_risk_text', 'spam_risk']],
    ]],
    [['spam_risk', 'spam_risk', 'not_a_code', 'spam_risk_text'], [['user-error', ['spam_risk_text', 'spam_risk']]]],
    [['internal'], [['retry', ['internal']]]],
  ];
  for (const [codes, groups] of cases) {
    assert.deepEqual(groupByAction(codes).map((g) => [g.action.id, g.codes]), groups, codes.join(', '));
  }
});

test('indexOf gives where a code stands in the catalog, and nothing for a stranger', () => {
  assert.equal(catalog.indexOf(catalog.entries[0]!.code), 0);
  assert.equal(catalog.indexOf(catalog.entries[24]!.code), 24);
  assert.equal(catalog.indexOf('not_a_code'), undefined);
});

test("the server's search for codes pauses every 64k characters and finds what the search in one go finds, codes across a pause included", () => {
  const codes = catalog.entries.map((e) => e.code);
  // Codes every few hundred characters, quoted, some overlapping (`spam_risk` inside
  // `spam_risk_too_many_posts`), and one written across each 64k boundary.
  let text = '';
  let n = 0;
  for (let k = 1; k <= 5; k++) {
    const boundary = k * 65_536;
    while (text.length < boundary - 400) text += ` case '${codes[n++ % codes.length]}': f(${n});` + (n % 7 === 0 ? ' "spam_risk_too_many_posts" ' : '') + ' '.repeat(n % 200);
    text += ' '.repeat(boundary - 5 - text.length) + "'access_token_invalid';";
  }
  const steps = codeMentionsSteps(text);
  let pauses = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) pauses++;
  assert.deepEqual(step.value, codeMentions(text));
  assert.ok(step.value.length > 1000, `${step.value.length} mentions`);
  assert.ok(pauses >= Math.floor(text.length / 65_536) - 1, `${pauses} pauses over ${text.length} characters`);
  const straddling = step.value.filter((at) => Math.floor(at / 65_536) !== Math.floor((at + 8) / 65_536));
  assert.equal(straddling.length, 5, 'the codes across each pause are found');
});
