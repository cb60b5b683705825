import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeSource, encodeSource } from './sourceBytes';

test('any bytes, decoded and encoded again, come back byte for byte', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      assert.deepEqual(Buffer.from(encodeSource(decodeSource(bytes))), Buffer.from(bytes));
    }),
    { numRuns: 2000, seed: 20261201 },
  );
});

test('UTF-8 decodes as Node decodes it, a BOM kept', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
      const bytes = Buffer.from('\uFEFF' + text, 'utf8');
      assert.equal(decodeSource(bytes), bytes.toString('utf8'));
    }),
    { numRuns: 500, seed: 20261201 },
  );
});

test('a byte that is not UTF-8 is escaped where it stands, and an edit elsewhere keeps it', () => {
  const bytes = Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a, 0x78]); // "# caf\xe9\nx": Latin-1
  const text = decodeSource(bytes);
  assert.equal(text.length, 8);
  assert.equal(text.charCodeAt(5), 0xdce9);
  const edited = text + '\ny = "é"\n';
  assert.deepEqual(Buffer.from(encodeSource(edited)), Buffer.concat([bytes, Buffer.from('\ny = "é"\n', 'utf8')]));
  // Overlong forms, encoded surrogates and truncated sequences are escaped byte by byte too.
  for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xff]]) {
    assert.deepEqual(Buffer.from(encodeSource(decodeSource(Uint8Array.from(bad)))), Buffer.from(bad));
    assert.equal(decodeSource(Uint8Array.from(bad)).length, bad.length);
  }
});
