// What one language file provides: how to find branching constructs in its tree, and how to write new arms.
import type { Action } from '../analysis/catalog';
import type { Node } from '../analysis/parsing';
import type { Span } from '../analysis/text';

/** A string-literal label of an arm: `case "spam_risk":`, `"a" | "b"`, `when "a", "b"`. */
export interface LabelShape {
  readonly value: string;
  /** The literal with its quotes. */
  readonly span: Span;
  readonly quote: string;
}

export interface ArmShape {
  /** The arm from its first label (or keyword) to the end of its body. */
  readonly span: Span;
  readonly labels: readonly LabelShape[];
  readonly isDefault: boolean;
  /** Control can run on into the next arm (C-family fall-through). */
  readonly fallsThrough: boolean;
  /** The arm has no body of its own: a stacked label such as `case "a":` right before `case "b":`. */
  readonly isBareLabel: boolean;
}

export interface ConstructShape {
  /** What a person calls it: "switch", "match", "case", "switch expression". */
  readonly kind: string;
  /** Language-specific variant that the renderer needs (e.g. Java "arrow" or "colon"). */
  readonly form: string;
  /** The keyword and subject, where the diagnostic goes: `switch (code)`. */
  readonly head: Span;
  readonly span: Span;
  readonly arms: readonly ArmShape[];
  /** Punctuation that must follow every arm (`,` in Rust, C# and PHP match). */
  readonly armSeparator?: string;
}

export interface StubGroup {
  readonly action: Action;
  readonly codes: readonly string[];
  /** Text of the comment line above the group: "refresh-token: send the user through TikTok OAuth again". */
  readonly comment: string;
  /** Text of the stub's error message. */
  readonly message: string;
}

export interface RenderStyle {
  readonly quote: string;
  readonly form: string;
  /** True when the existing arms put several labels in one arm (`case "a", "b":`). */
  readonly listsLabels: boolean;
}

/** One line of inserted code: its depth below the arms' indentation, and its text. */
export type RenderedLine = readonly [depth: number, text: string];

export interface LanguageSupport {
  /** Human name, also the fixture folder name: test/fixtures/<name>/. */
  readonly name: string;
  readonly languageIds: readonly string[];
  readonly fileExtensions: readonly string[];
  readonly grammarFile: string;
  readonly lineComment: string;
  /** Node types whose text may hold a code: string literals and comments. */
  readonly stringTypes: readonly string[];
  readonly commentTypes: readonly string[];
  /** A bare word that names a key: `{ spam_risk_text: … }`, Ruby `spam_risk_text:` or `:spam_risk_text`. */
  isKey(node: Node): boolean;
  /** A tree-sitter query whose `@construct` captures are the branching constructs to read. */
  readonly constructQuery: string;
  readConstruct(node: Node): ConstructShape | undefined;
  /** The statement that ends an arm that would otherwise fall through (`break;`). */
  readonly terminator?: string;
  renderArms(groups: readonly StubGroup[], style: RenderStyle): RenderedLine[];
  /** Quote a string as the language writes it. */
  quote(value: string, quote: string): string;
}

/** Splits a string literal's text into its quote and content: `"a"` → `"`, `a`; `r"a"`, `@"a"`, `b'a'` too. */
export function readStringLiteral(node: Node): LabelShape | undefined {
  const match = /^[A-Za-z@$]{0,2}(["'`])([\s\S]*)\1$/.exec(node.text);
  if (!match) return undefined;
  const content = match[2]!;
  // An escape or interpolation means the literal's value is not its text; no catalog code needs either.
  if (/[\\$#{]/.test(content)) return undefined;
  return { value: content, span: { start: node.startIndex, end: node.endIndex }, quote: match[1]! };
}

export function spanOf(node: Node): Span {
  return { start: node.startIndex, end: node.endIndex };
}

export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null);
}

export function childrenOfType(node: Node, ...types: string[]): Node[] {
  return namedChildren(node).filter((n) => types.includes(n.type));
}

/** Escapes a value for a double- or single-quoted literal in C-like languages. */
export function cStyleQuote(value: string, quote: string): string {
  return quote + value.replace(/\\/g, '\\\\').split(quote).join('\\' + quote) + quote;
}

/** Labels stay on one line while it reads well; past that, one label per line. */
export function fitsOnOneLine(labels: readonly string[], joiner: string, width = 80): boolean {
  return labels.length === 1 || labels.join(joiner).length <= width;
}
