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
  if (!node) return undefined;
  const quoted = /^([A-Za-z@$]{0,2})("""|'''|["'`])/.exec(node.text);
  if (!quoted) return undefined;
  const start = node.startIndex + quoted[0].length;
  const closes = node.text.length > quoted[0].length && node.text.endsWith(quoted[2]!);
  const end = closes ? node.endIndex - quoted[2]!.length : node.endIndex;
  // The cursor must be between the quotes, not before the opening one or after the closing one.
  if (offset < start || offset > end) return undefined;
  const construct = constructs.find((c) => c.shape.arms.some((arm) => arm.labels.some((l) => l.span.start === node.startIndex)));
  return { replace: { start, end }, suggestions: suggestionsFor(construct, catalog) };
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
