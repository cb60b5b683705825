import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, readSettings } from './settings';

test('no settings: the defaults, silently', () => {
  assert.deepEqual(readSettings(undefined), { settings: DEFAULT_SETTINGS, problems: [] });
  assert.deepEqual(readSettings({}), { settings: DEFAULT_SETTINGS, problems: [] });
});

test('valid settings are taken', () => {
  const { settings, problems } = readSettings({
    rules: { 'unknown-code': 'error', 'duplicate-case': false },
    switch: { severityWithDefault: 'hint', minimumKnownCodes: 3 },
    ignoreCodes: ['internal'],
    languages: ['python'],
    maxFileSize: 1000,
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(settings.rules, { 'unhandled-codes': 'warning', 'unknown-code': 'error', 'duplicate-case': 'off' });
  assert.equal(settings.severityWithDefault, 'hint');
  assert.equal(settings.minimumKnownCodes, 3);
  assert.deepEqual(settings.ignoreCodes, ['internal']);
  assert.deepEqual(settings.languages, ['python']);
  assert.equal(settings.maxFileSize, 1000);
});

test('each bad value falls back to its default with one line saying so', () => {
  const { settings, problems } = readSettings({
    rules: { 'unhandled-codes': 'loud', 'no-such-rule': 'error' },
    switch: { severityWithDefault: 7, minimumKnownCodes: -2 },
    ignoreCodes: 'internal',
    languages: [1, 2],
    maxFileSize: 'big',
  });
  assert.deepEqual(settings, DEFAULT_SETTINGS);
  assert.equal(problems.length, 7);
  for (const problem of problems) assert.match(problem, /^tiktokErrors\.[^\n]+$/);
});

test('a settings value that is not an object', () => {
  const { settings, problems } = readSettings('yes');
  assert.deepEqual(settings, DEFAULT_SETTINGS);
  assert.equal(problems.length, 1);
});
