// Lookup maps keyed by codes: object and dict literals, map literals, `Map.ofEntries(…)`, arrays of pairs.
import { readStringLiteral, spanOf, type ArmShape, type ConstructShape, type LanguageSupport, type MapSupport, type ValueShape } from '../../languages/language';
import type { Node } from '../parsing';
import { lineEndAt } from '../text';

function quoteOf(text: string): string {
  const quote = /["']/.exec(text)?.[0];
  return quote ?? '"';
}

/** Operators and brackets that join string literals into one string: `("a" "b")`, `'a' + 'b'`, `'a' . 'b'`. */
const JOINS = new Set(['(', ')', '+', '.']);

/**
 * The first string literal of a value that is only string literals, joined (Python's implicit concatenation,
 * `+`, PHP's `.`, parentheses), else undefined: such a value is text, and a new entry gets its own code's text.
 */
function stringOf(value: Node, language: LanguageSupport, depth = 0): Node | undefined {
  if (language.stringTypes.includes(value.type)) return value;
  if (depth > 8 || value.childCount === 0) return undefined;
  let first: Node | undefined;
  for (const child of value.children) {
    if (!child || child.type.endsWith('comment') || (!child.isNamed && JOINS.has(child.type))) continue;
    const literal = child.isNamed ? stringOf(child, language, depth + 1) : undefined;
    if (!literal) return undefined;
    first ??= literal;
  }
  return first;
}

function readValue(value: Node, language: LanguageSupport, maps: MapSupport): ValueShape {
  const literal = stringOf(value, language);
  if (literal) {
    return { kind: 'string', quote: readStringLiteral(literal)?.quote.replace('`', '"') ?? quoteOf(literal.text) };
  }
  const signature = maps.functionSignature(value);
  if (signature !== undefined) return { kind: 'function', signature };
  return { kind: 'other', text: value.text };
}

/** What may wrap a map on its first line: the diagnostic underlines `const MESSAGES = new Map([`, not only `[`. */
const WRAPPERS = /declarator|_item|reference_expression|const_element|_spec|expression_list|assignment|declaration|keyed_element|pair|property|field|argument|call|invocation|new_expression|object_creation/;

/** `ancestors`: nearest first, as the walk down found them (a node's `parent` costs a walk from the root). */
function headStart(node: Node, text: string, ancestors: readonly Node[]): number {
  const lineEnd = lineEndAt(text, node.startIndex);
  let start = node.startIndex;
  for (const up of ancestors) {
    if (!WRAPPERS.test(up.type) || lineEndAt(text, up.startIndex) !== lineEnd) break;
    start = up.startIndex;
  }
  return start;
}

/** Where the map's opening ends on its first line (`{`, `Map.of(`, `map[string]string{`): before the first entry. */
function openingEnd(node: Node, entryStart: number, lineEnd: number): number {
  let end = node.startIndex;
  for (const child of node.children) {
    if (!child || child.type.endsWith('comment')) continue;
    if (child.startIndex >= lineEnd) break;
    if (child.endIndex <= entryStart) end = child.endIndex;
    else {
      if (child.startIndex < entryStart) end = Math.max(end, openingEnd(child, entryStart, lineEnd));
      break;
    }
  }
  return end;
}

export function readMap(node: Node, text: string, language: LanguageSupport, maps: MapSupport, ancestors: readonly Node[]): ConstructShape | undefined {
  const entries = maps.entries(node);
  if (!entries || entries.length === 0) return undefined;
  const arms: ArmShape[] = entries.map((entry) => {
    const label = maps.keyLabel(entry.key);
    return {
      span: entry.span,
      labels: label ? [label] : [],
      isDefault: false,
      fallsThrough: false,
      isBareLabel: false,
      value: entry.value ? readValue(entry.value, language, maps) : undefined,
    };
  });
  const start = headStart(node, text, ancestors);
  const head = { start, end: openingEnd(node, entries[0]!.span.start, lineEndAt(text, node.startIndex)) };
  return { family: 'map', kind: 'lookup map', form: maps.form?.(node) ?? 'map', head, span: spanOf(node), arms, armSeparator: ',' };
}
