// Plain-text helpers shared by the analysis. Offsets are UTF-16 code units, as in LSP and tree-sitter's JS API.

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface TextEdit extends Span {
  readonly newText: string;
}

/** How far line helpers look directly before they use the document's index of line breaks. */
const NEAR = 256;

const isBreak = (unit: number) => unit === 10 || unit === 13;

/** The offsets of every CR and LF of the text last asked about: a minified line is megabytes long. */
let lastBreaks: { text: string; breaks: Uint32Array } | undefined;

/** Where `unit` occurs in `text`, in order, found by the engine's own search. */
function offsetsOf(text: string, unit: string): number[] {
  const offsets: number[] = [];
  for (let i = text.indexOf(unit); i !== -1; i = text.indexOf(unit, i + 1)) offsets.push(i);
  return offsets;
}

/**
 * The index, built by the engine's search for each break rather than a loop over every character: over a
 * 4.9 MB minified file that loop took 70 ms in one step of the analysis, during which nothing was answered.
 */
function breaksOf(text: string): Uint32Array {
  if (lastBreaks?.text === text) return lastBreaks.breaks;
  const lf = offsetsOf(text, '\n');
  const cr = text.includes('\r') ? offsetsOf(text, '\r') : [];
  const breaks = new Uint32Array(lf.length + cr.length);
  for (let i = 0, j = 0, k = 0; k < breaks.length; k++) breaks[k] = j >= cr.length || (i < lf.length && lf[i]! < cr[j]!) ? lf[i++]! : cr[j++]!;
  lastBreaks = { text, breaks };
  return breaks;
}

/** The index of the first break at or after `offset`. */
function firstBreakFrom(breaks: Uint32Array, offset: number): number {
  let low = 0;
  let high = breaks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (breaks[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Where the line holding `offset` starts. Looked for nearby first; on a long line (minified code), through an
 * index of the text's line breaks built once, so that asking for every construct of a line stays linear.
 */
export function lineStartAt(text: string, offset: number): number {
  const floor = Math.max(0, offset - NEAR);
  for (let i = offset; i > floor; i--) if (isBreak(text.charCodeAt(i - 1))) return i;
  if (floor === 0) return 0;
  const k = firstBreakFrom(breaksOf(text), offset) - 1;
  return k < 0 ? 0 : breaksOf(text)[k]! + 1;
}

export function lineEndAt(text: string, offset: number): number {
  const ceiling = Math.min(text.length, offset + NEAR);
  for (let i = offset; i < ceiling; i++) if (isBreak(text.charCodeAt(i))) return i;
  if (ceiling === text.length) return text.length;
  const breaks = breaksOf(text);
  const k = firstBreakFrom(breaks, offset);
  return k < breaks.length ? breaks[k]! : text.length;
}

/** Offset just past the line break that ends the line holding `offset` (or the text's end). */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEndAt(text, offset);
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return end < text.length ? end + 1 : end;
}

export function indentationAt(text: string, offset: number): string {
  const start = lineStartAt(text, offset);
  let i = start;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(start, i);
}

const isBlank = (unit: number) => unit === 32 || unit === 9;

/** True when only spaces or tabs stand between the line's start and `offset`. */
export function isFirstOnLine(text: string, offset: number): boolean {
  let i = offset;
  while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
  return i === 0 || isBreak(text.charCodeAt(i - 1));
}

export function restOfLineIsBlank(text: string, offset: number): boolean {
  let i = offset;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i === text.length || isBreak(text.charCodeAt(i));
}

/**
 * One answer per text, for what is asked once per inserted construct but scans the whole text: a file with
 * thousands of constructs (a minified line) asks for each, and must not scan it again each time.
 */
function rememberLast<T>(compute: (text: string) => T): (text: string) => T {
  let last: { text: string; value: T } | undefined;
  return (text) => {
    if (last?.text !== text) last = { text, value: compute(text) };
    return last.value;
  };
}

/** The document's own line break: the first one found, else the platform-neutral LF. */
export const detectEol = rememberLast((text: string): string => {
  const i = text.search(/\r\n|\r|\n/);
  if (i < 0) return '\n';
  if (text[i] === '\r') return text[i + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
});

/**
 * The text with non-overlapping edits applied, in one pass: pieces of the text between the edits, joined
 * once (applying edits one by one copies the text once per edit). Edits at the same place keep their order.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || b.index - a.index);
  const pieces: string[] = [];
  let at = 0;
  for (const { edit } of sorted) {
    pieces.push(text.slice(at, edit.start), edit.newText);
    at = Math.max(at, edit.end);
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/** The smallest single edit that turns `before` into `after`. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}

export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Damerau-Levenshtein (optimal string alignment) distance, stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

/** One level of the document's own indentation, from its first indented line: a tab, or 2 or 4 spaces. */
export const documentIndentUnit = rememberLast((text: string): string => {
  const first = /^([ \t]+)\S/m.exec(text)?.[1];
  if (!first) return '    ';
  if (first.startsWith('\t')) return '\t';
  return first.length % 4 === 2 ? '  ' : '    ';
});

/** How many whitespace characters (line breaks included) start at `offset`. */
export function whitespaceAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i - offset;
}

/** A whole number with its thousands grouped, as English writes it (`5,000,000`), without Intl's number formats, whose first use costs about 7 ms. */
export function groupDigits(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}
