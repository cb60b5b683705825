import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupDigits, lineEndAt, lineStartAt } from './text';

/** Where a line starts and ends, found the plain way: a break is a CR or an LF (a CRLF's LF ends the line). */
const naiveStart = (text: string, offset: number) => {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
};
const naiveEnd = (text: string, offset: number) => {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
};

test('line starts and ends on long lines (minified code) and with LF, CR and CRLF breaks are where a plain search puts them', () => {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 40; round++) {
    const parts: string[] = [];
    // Lines shorter and longer than the 256 characters looked at directly, with every kind of break.
    for (let k = 0; k < 30; k++) parts.push('a'.repeat(Math.floor(next() * (next() < 0.3 ? 2_000 : 200))), ['\n', '\r', '\r\n'][Math.floor(next() * 3)]!);
    const text = parts.join('');
    for (let probe = 0; probe < 200; probe++) {
      const offset = Math.floor(next() * (text.length + 1));
      assert.equal(lineStartAt(text, offset), naiveStart(text, offset), `start at ${offset}`);
      assert.equal(lineEndAt(text, offset), naiveEnd(text, offset), `end at ${offset}`);
    }
  }
});

test('numbers are grouped by thousands as English writes them', () => {
  for (const n of [0, 7, 999, 1_000, 65_536, 999_999, 1_000_000, 5_000_000, 20_000, 1_234_567_890, -1_500]) assert.equal(groupDigits(n), n.toLocaleString('en'), String(n));
});
