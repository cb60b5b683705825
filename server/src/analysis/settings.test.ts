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

test('stub templates by action: kept when they name known placeholders, refused in one line each otherwise', () => {
  const { settings, problems } = readSettings({
    stubs: {
      templates: {
        'refresh-token': 'return await refreshTokenAndRetry(${subject});',
        retry: 'return retryLater(${subject}, "${codes}");',
        'user-error': 'return show(${sujbect});',
        'fix-request': 'log(${message);',
        panic: 'x',
      },
      maxLineLength: 120,
    },
  });
  assert.deepEqual(settings.stubTemplates, { 'refresh-token': 'return await refreshTokenAndRetry(${subject});', retry: 'return retryLater(${subject}, "${codes}");' });
  assert.equal(settings.maxLineLength, 120);
  assert.deepEqual(problems, [
    'tiktokErrors.stubs.templates.user-error: unknown placeholder ${sujbect} (use ${subject}, ${codes}, ${action}, ${guidance}, ${message}); this action keeps the stub that throws',
    "tiktokErrors.stubs.templates.fix-request: '${' is not closed; this action keeps the stub that throws",
    "tiktokErrors.stubs.templates.panic: 'panic' is not an action (refresh-token, retry, user-error, fix-request); this action keeps the stub that throws",
  ]);
  assert.deepEqual(readSettings({ stubs: { maxLineLength: 10 } }).problems, ["tiktokErrors.stubs.maxLineLength: '10' is not a whole number of at least 40; using 100"]);
});
