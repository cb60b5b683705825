// A file's bytes as text and back, losing nothing: `--fix` writes users' files, and a byte that is not
// UTF-8 (a Latin-1 `é` in a comment) must come back as it was, not as U+FFFD. Each such byte becomes a lone
// low surrogate U+DC80–U+DCFF, as Python's "surrogateescape" does: no UTF-8 text can hold one, so the way
// back is exact. Pure: no file access (the web build shares it).

const ESCAPE_BASE = 0xdc00;
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** The length of the valid UTF-8 sequence at `i`, or 0 where the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) => i + k < bytes.length && bytes[i + k]! >= low && bytes[i + k]! <= high;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    // No overlong forms (E0 80–9F) and no surrogates (ED A0–BF).
    const [low, high] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [low, high] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** The text of a file's bytes: UTF-8, a BOM kept as U+FEFF, and each byte that is not UTF-8 escaped. */
export function decodeSource(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    // Not UTF-8 throughout: decode the valid runs, escape the rest byte by byte.
  }
  const parts: string[] = [];
  let runStart = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (runStart < i) parts.push(strict.decode(bytes.subarray(runStart, i)));
    parts.push(String.fromCharCode(ESCAPE_BASE + bytes[i]!));
    runStart = ++i;
  }
  if (runStart < bytes.length) parts.push(strict.decode(bytes.subarray(runStart)));
  return parts.join('');
}

/** A low surrogate that no high surrogate precedes: an escaped byte (or a broken string). */
const LONE_LOW_SURROGATE = /(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The bytes of a text made by decodeSource, edited or not: escaped bytes go back as they came. */
export function encodeSource(text: string): Uint8Array {
  if (!LONE_LOW_SURROGATE.test(text)) return encoder.encode(text);
  const chunks: Uint8Array[] = [];
  let runStart = 0;
  let total = 0;
  const flush = (end: number) => {
    if (runStart < end) {
      const chunk = encoder.encode(text.slice(runStart, end));
      chunks.push(chunk);
      total += chunk.length;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (unit >= ESCAPE_BASE + 0x80 && unit <= ESCAPE_BASE + 0xff) {
      flush(i);
      chunks.push(Uint8Array.of(unit - ESCAPE_BASE));
      total += 1;
      runStart = i + 1;
    }
  }
  flush(text.length);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
