import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../analysis/findings';
import { typescript } from '../languages/typescript';
import type { CheckReport } from './checkFiles';
import { formatJson, formatText } from './formats';

/** A report of one finding whose fixes count how often they are written. */
function reportCountingFixes(): { report: CheckReport; written: () => number } {
  let written = 0;
  const finding: Finding = {
    rule: 'unhandled-codes',
    severity: 'warning',
    span: { start: 0, end: 6 },
    message: 'a message',
    get fixes() {
      written++;
      return [{ title: 'Add all', edits: [], inFixAll: true }];
    },
  };
  const report: CheckReport = {
    files: [{ path: 'a.ts', text: 'switch (c) {}\n', language: typescript, findings: [finding] }],
    counts: { walked: 1, parsed: 1, skippedLarge: 0, skippedBinary: 0, skippedUnreadable: 0, unsupported: 0 },
    unreadable: [],
    large: [],
  };
  return { report, written: () => written };
}

test('text output writes no fix; JSON, which says what is fixable, does', () => {
  const text = reportCountingFixes();
  assert.match(formatText(text.report), /^a\.ts:1:1: warning unhandled-codes: a message\n/);
  assert.equal(text.written(), 0);
  const json = reportCountingFixes();
  assert.equal(JSON.parse(formatJson(json.report)).findings[0].fixable, true);
  assert.ok(json.written() > 0);
});
