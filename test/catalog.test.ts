// The catalog against its schema and against the reference it was taken from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv';
import { buildCatalog, catalog, groupByAction, namesEnoughCodes } from '../server/src/analysis/catalog';

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

test('25 codes in 7 categories, as the reference counts them', () => {
  assert.equal(catalog.entries.length, 25);
  const perCategory = Object.fromEntries(catalog.categories.map((c) => [c.name, catalog.entries.filter((e) => e.category === c.name).length]));
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

test('per action: 3 refresh-token, 3 retry, 19 user-error', () => {
  const count = (action: string) => catalog.entries.filter((e) => e.action === action).length;
  assert.deepEqual(
    catalog.actions.map((a) => [a.id, count(a.id)]),
    [
      ['refresh-token', 3],
      ['retry', 3],
      ['user-error', 19],
    ],
  );
});

test('no duplicate codes, and the three codes with spaces are kept as written', () => {
  const codes = catalog.entries.map((e) => e.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const spaced of ['video duration', 'file size', 'too many requests']) assert.ok(catalog.get(spaced), spaced);
});

test('every entry names a defined category and action, and has a message and a solution', () => {
  const categories = new Set(catalog.categories.map((c) => c.name));
  for (const entry of catalog.entries) {
    assert.ok(categories.has(entry.category), `${entry.code}: category ${entry.category}`);
    assert.ok(catalog.action(entry.action), `${entry.code}: action ${entry.action}`);
    assert.ok(entry.message.length > 0 && entry.solution.length > 0, entry.code);
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
