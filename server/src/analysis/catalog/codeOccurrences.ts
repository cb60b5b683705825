// Where a TikTok error code stands in a document: in a string literal, a comment or an object key when the
// language has a grammar, or as a whole word anywhere else (plain text, logs, Markdown, JSON, YAML).
import type { LanguageSupport } from '../../languages/language';
import { catalog as defaultCatalog, type Catalog, type ErrorEntry } from './catalog';
import { normalizeName, type Declarations } from '../resolution/declarations';
import type { Node, ParsedDocument } from '../parsing';
import { lineEndAt, lineStartAt, type Span } from '../text';

export interface CodeOccurrence {
  readonly entry: ErrorEntry;
  readonly span: Span;
}

type RegionKind = 'string' | 'comment' | 'key' | 'text';

const patterns = new WeakMap<Catalog, RegExp>();

/** One pattern for every code, longest first, that will not match inside a longer identifier. */
function codePattern(catalog: Catalog): RegExp {
  let pattern = patterns.get(catalog);
  if (!pattern) {
    const alternatives = catalog.entries
      .map((e) => e.code)
      .sort((a, b) => b.length - a.length)
      .map((code) => code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(`(?<![\\p{L}\\p{N}_$])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_$])`, 'gu');
    patterns.set(catalog, pattern);
  }
  return pattern;
}

const QUOTES = new Set(['"', "'", '`']);

/** The codes in text[start, end). `content` is the string literal's content, for codes that must fill it whole. */
function codesInRegion(text: string, start: number, end: number, kind: RegionKind, catalog: Catalog, content?: Span): CodeOccurrence[] {
  const pattern = codePattern(catalog);
  const region = text.slice(start, end);
  const found: CodeOccurrence[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(region); m; m = pattern.exec(region)) {
    const entry = catalog.get(m[0])!;
    const span = { start: start + m.index, end: start + m.index + m[0].length };
    if (entry.wholeStringOnly) {
      const fillsString = kind === 'string' && content !== undefined && content.start === span.start && content.end === span.end;
      const before = text[span.start - 1] ?? '';
      const quotedInText = kind === 'text' && QUOTES.has(before) && text[span.end] === before;
      if (!fillsString && !quotedInText) continue;
    }
    found.push({ entry, span });
  }
  return found;
}

/** The content of a string literal node: inside its quotes and any prefix (`r"…"`, `@"…"`, `"""…"""`). */
function stringContent(node: Node): Span | undefined {
  const match = /^([A-Za-z@$]{0,2})("""|'''|["'`])[\s\S]*?\2$/.exec(node.text);
  if (!match) return undefined;
  const open = match[1]!.length + match[2]!.length;
  return { start: node.startIndex + open, end: node.endIndex - match[2]!.length };
}

function regionKind(node: Node, language: LanguageSupport): RegionKind | undefined {
  if (language.stringTypes.includes(node.type)) return 'string';
  if (language.commentTypes.includes(node.type)) return 'comment';
  if (language.isKey(node)) return 'key';
  return undefined;
}

function codesInNode(text: string, node: Node, kind: RegionKind, catalog: Catalog): CodeOccurrence[] {
  return codesInRegion(text, node.startIndex, node.endIndex, kind, catalog, kind === 'string' ? stringContent(node) : undefined);
}

/** The code at `offset` of a parsed document, if the offset is on one. */
export function codeAtInTree(doc: ParsedDocument, language: LanguageSupport, offset: number, catalog: Catalog = defaultCatalog): CodeOccurrence | undefined {
  // A string literal is a few levels above the leaf under the cursor (fragment, content); stop at the first region.
  for (let node: Node | null = doc.tree.rootNode.descendantForIndex(offset); node; node = node.parent) {
    const kind = regionKind(node, language);
    if (!kind) continue;
    return codesInNode(doc.text, node, kind, catalog).find((o) => o.span.start <= offset && offset < o.span.end);
  }
  return undefined;
}

/**
 * The code a constant's name at `offset` holds (`SPAM`, `Codes.SPAM`, `ErrorCode.SPAM`, an enum member), as the
 * file declares it; the span is the whole name. Undefined where the offset is on no such name.
 */
export function constantAtInTree(doc: ParsedDocument, offset: number, declared: Declarations, catalog: Catalog = defaultCatalog): CodeOccurrence | undefined {
  // The name under the cursor may be part of a longer one (`Spam` of `TikTokError.Spam`): the longest first.
  const names: Node[] = [];
  let node: Node | null = doc.tree.rootNode.descendantForIndex(offset);
  for (let depth = 0; node && depth < 3 && node.endIndex - node.startIndex <= 200 && !/[\s(,;{]/.test(node.text); depth++, node = node.parent) names.unshift(node);
  for (const name of names) {
    const key = normalizeName(name.text);
    const member = declared.constants.has(key) ? undefined : [...declared.enumMembers].find((k) => k.endsWith(`.${key}`));
    const code = declared.constants.get(member ?? key);
    const entry = code === undefined ? undefined : catalog.get(code);
    if (entry) return { entry, span: { start: name.startIndex, end: name.endIndex } };
  }
  return undefined;
}

/** Every code of a parsed document, in order. */
export function codesInTree(doc: ParsedDocument, language: LanguageSupport, catalog: Catalog = defaultCatalog): CodeOccurrence[] {
  const found: CodeOccurrence[] = [];
  const cursor = doc.tree.walk();
  try {
    let descend = true;
    for (;;) {
      if (descend) {
        const kind = regionKind(cursor.currentNode, language);
        if (kind) {
          found.push(...codesInNode(doc.text, cursor.currentNode, kind, catalog));
          descend = false;
        } else if (cursor.gotoFirstChild()) continue;
      }
      if (cursor.gotoNextSibling()) {
        descend = true;
        continue;
      }
      if (!cursor.gotoParent()) break;
      descend = false;
    }
  } finally {
    cursor.delete();
  }
  return found;
}

/** The line around `offset`, found by looking only at that line: a search for a break type the text lacks would cross all of it. */
function lineBounds(text: string, offset: number): Span {
  return { start: lineStartAt(text, offset), end: lineEndAt(text, offset) };
}

/** The code at `offset` of a document with no grammar: a whole word on its line. */
export function codeAtInText(text: string, offset: number, catalog: Catalog = defaultCatalog): CodeOccurrence | undefined {
  const line = lineBounds(text, offset);
  return codesInRegion(text, line.start, line.end, 'text', catalog).find((o) => o.span.start <= offset && offset < o.span.end);
}

/** Every code of a document with no grammar. */
export function codesInText(text: string, catalog: Catalog = defaultCatalog): CodeOccurrence[] {
  const found: CodeOccurrence[] = [];
  let start = 0;
  for (const line of text.split(/(?<=\r\n|\n|\r(?!\n))/)) {
    found.push(...codesInRegion(text, start, start + line.replace(/[\r\n]+$/, '').length, 'text', catalog));
    start += line.length;
  }
  return found;
}
