// Which codes to offer where the cursor stands: only inside a string literal, with the codes a TikTok
// switch still misses first when that string is one of its labels.
import type { LanguageSupport } from '../../languages/language';
import { catalog as defaultCatalog, type Catalog, type ErrorEntry } from './catalog';
import type { TikTokConstruct } from '../constructs/constructs';
import type { Node, ParsedDocument } from '../parsing';
import type { Span } from '../text';

export interface CodeSuggestion {
  readonly entry: ErrorEntry;
  /** True for a code the enclosing TikTok switch does not handle yet. */
  readonly missing: boolean;
}

export interface CompletionResult {
  /** The string's content: what a chosen code replaces. */
  readonly replace: Span;
  readonly suggestions: readonly CodeSuggestion[];
  /** Whether the string is a label of a TikTok construct the analysis found (its missing codes come first). */
  readonly inConstruct: boolean;
}

/** Lines longer than this are not scanned for an unclosed quote (a minified line). */
const MAX_LINE_SCANNED = 4_000;

/**
 * The string being typed where the tree has none: a quote left open on the cursor's line before it, outside a
 * line comment (`const x = 'spam_`, with no closing quote typed yet). Its content so far, and the letters of a
 * code just after the cursor, are what a chosen code replaces.
 */
export function unterminatedString(text: string, offset: number, lineComment: string): Span | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (offset - lineStart > MAX_LINE_SCANNED) return undefined;
  let open: { quote: string; at: number } | undefined;
  for (let i = lineStart; i < offset; i++) {
    const c = text[i]!;
    if (open) {
      if (c === '\\') i++;
      else if (c === open.quote) open = undefined;
    } else if (c === '"' || c === "'" || c === '`') open = { quote: c, at: i };
    else if (text.startsWith(lineComment, i)) return undefined;
  }
  if (!open) return undefined;
  let end = offset;
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++;
  return { start: open.at + 1, end };
}

function enclosingString(doc: ParsedDocument, language: LanguageSupport, offset: number): Node | undefined {
  // Look just left of the cursor too: at `"|"` the cursor sits on the closing quote.
  for (const at of [offset, offset - 1]) {
    if (at < 0) continue;
    for (let node: Node | null = doc.tree.rootNode.descendantForIndex(at); node; node = node.parent) {
      if (language.stringTypes.includes(node.type)) return node;
      if (language.commentTypes.includes(node.type)) return undefined;
    }
  }
  return undefined;
}

export function completeCode(
  doc: ParsedDocument,
  language: LanguageSupport,
  offset: number,
  constructs: readonly TikTokConstruct[],
  catalog: Catalog = defaultCatalog,
): CompletionResult | undefined {
  const node = enclosingString(doc, language, offset);
  if (!node) {
    // Being typed with no closing quote: the tree has no string there.
    const open = doc.tree.rootNode.hasError ? unterminatedString(doc.text, offset, language.lineComment) : undefined;
    return open && { replace: open, suggestions: suggestionsFor(undefined, catalog), inConstruct: false };
  }
  const quoted = /^([A-Za-z@$]{0,2})("""|'''|["'`])/.exec(node.text);
  if (!quoted) return undefined;
  const start = node.startIndex + quoted[0].length;
  const closes = node.text.length > quoted[0].length && node.text.endsWith(quoted[2]!);
  const end = closes ? node.endIndex - quoted[2]!.length : node.endIndex;
  // The cursor must be between the quotes, not before the opening one or after the closing one.
  if (offset < start || offset > end) return undefined;
  const construct = constructWithLabelAt(constructs, node.startIndex);
  return { replace: { start, end }, suggestions: suggestionsFor(construct, catalog), inConstruct: construct !== undefined };
}

/**
 * The construct one of whose labels starts at `start`. Asked at every keystroke in a string: plain loops over
 * the constructs that enclose it, where callbacks per construct and arm made most of the garbage a completion
 * request left (a 10k-line file holds hundreds of constructs).
 */
function constructWithLabelAt(constructs: readonly TikTokConstruct[], start: number): TikTokConstruct | undefined {
  for (let i = 0; i < constructs.length; i++) {
    const construct = constructs[i]!;
    const { span, arms } = construct.shape;
    if (start < span.start || start >= span.end) continue;
    for (let a = 0; a < arms.length; a++) {
      const labels = arms[a]!.labels;
      for (let l = 0; l < labels.length; l++) if (labels[l]!.span.start === start) return construct;
    }
  }
  return undefined;
}

/**
 * The suggestions for a label being typed in a construct that does not parse yet (`case ''` with no colon):
 * the construct as it reads with the line being typed left out, found around where that line stood.
 * `withoutLine`: the constructs of the text with the cursor's line removed.
 */
export function suggestionsWithoutLine(text: string, offset: number, withoutLine: readonly TikTokConstruct[], catalog: Catalog = defaultCatalog): readonly CodeSuggestion[] | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indentOf = (at: number) => /^[ \t]*/.exec(text.slice(at, at + 200))![0].length;
  const indent = indentOf(lineStart);
  let around: TikTokConstruct | undefined;
  for (const construct of withoutLine) {
    const { start, end } = construct.shape.span;
    // The innermost construct whose extent held the line; or, where blocks are indentation (Python), that
    // ended on the line before, the typed line standing deeper than its head.
    const holds = end >= lineStart || (end >= lineStart - 2 && indent > indentOf(text.lastIndexOf('\n', start - 1) + 1));
    if (start < lineStart && holds && (!around || start >= around.shape.span.start)) around = construct;
  }
  return around && suggestionsFor(around, catalog);
}

/** The text with the cursor's line left out, and where that line started. */
export function textWithoutLine(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const next = text.indexOf('\n', offset);
  return text.slice(0, lineStart) + (next === -1 ? '' : text.slice(next + 1));
}

// The same list for every string outside a construct, and for every string of a construct until it changes:
// completion runs on every keystroke in a string, and the editor asks again and again.
const suggestionLists = new WeakMap<TikTokConstruct | Catalog, readonly CodeSuggestion[]>();

function suggestionsFor(construct: TikTokConstruct | undefined, catalog: Catalog): readonly CodeSuggestion[] {
  const key = construct ?? catalog;
  let suggestions = suggestionLists.get(key);
  if (!suggestions) {
    const missing = new Set(construct?.missing ?? []);
    const all = catalog.entries.map((entry) => ({ entry, missing: missing.has(entry.code) }));
    // In a construct: what it misses of its set first, then the rest of its set, then every other known code.
    const inSet = new Set(construct ? catalog.set(construct.set).codes : []);
    suggestions = construct
      ? [...all.filter((s) => s.missing), ...all.filter((s) => !s.missing && inSet.has(s.entry.code)), ...all.filter((s) => !s.missing && !inSet.has(s.entry.code))]
      : all;
    suggestionLists.set(key, suggestions);
  }
  return suggestions;
}
