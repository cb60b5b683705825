// What one language file provides: how to find branching constructs in its tree, and how to write new arms.
import type { Action } from '../analysis/catalog/catalog';
import { normalizeName, type Declaration, type ImportClause, type ListEnd } from '../analysis/resolution/declarations';
import type { Node } from '../analysis/parsing';
import type { Span } from '../analysis/text';

/** A string-literal label of an arm: `case "spam_risk":`, `"a" | "b"`, `when "a", "b"`. */
export interface LabelShape {
  readonly value: string;
  /** The literal with its quotes. */
  readonly span: Span;
  /** Empty for a bare word: an identifier key, a Ruby symbol or `%w[]` word. */
  readonly quote: string;
  /**
   * A label written as a named constant (`SPAM`, `Codes.SpamRisk`, `Codes['SPAM']`, normalised to dots):
   * `value` is then the code the file declares for it, or empty until that is known.
   */
  readonly name?: string;
}

/** A lookup map entry's value, as much of it as new entries copy. */
export type ValueShape =
  | { readonly kind: 'string'; readonly quote: string }
  /** `signature`: the function's text before its body: `(e) =>`, `func(e error) string`, `|e|`. */
  | { readonly kind: 'function'; readonly signature: string }
  | { readonly kind: 'other'; readonly text: string };

export interface ArmShape {
  /** The arm from its first label (or keyword) to the end of its body. */
  readonly span: Span;
  readonly labels: readonly LabelShape[];
  readonly isDefault: boolean;
  /** Control can run on into the next arm (C-family fall-through). */
  readonly fallsThrough: boolean;
  /** The arm has no body of its own: a stacked label such as `case "a":` right before `case "b":`. */
  readonly isBareLabel: boolean;
  /**
   * A guard decides whether the arm runs (`case "a" if retry:`, `case "a" when …`, `"a" if … =>`): its labels
   * name codes but do not handle them, since a code whose guard fails goes on to the later arms.
   */
  readonly guarded?: boolean;
  /** A lookup map entry's value. */
  readonly value?: ValueShape;
}

/** switch-like statements, if/else chains over one subject, and lookup maps keyed by codes. */
export type ConstructFamily = 'switch' | 'chain' | 'map';

export interface ConstructShape {
  readonly family: ConstructFamily;
  /** What a person calls it: "switch", "match", "case", "switch expression", "if/else chain", "lookup map". */
  readonly kind: string;
  /** Language-specific variant that the renderer needs (e.g. Java "arrow" or "colon"). */
  readonly form: string;
  /** The keyword and subject, where the diagnostic goes: `switch (code)`. */
  readonly head: Span;
  readonly span: Span;
  readonly arms: readonly ArmShape[];
  /** Punctuation that must follow every arm (`,` in Rust, C# and PHP match). */
  readonly armSeparator?: string;
  /**
   * What every test compares, as written (`code`, `err.Code`, `$code`), where the labels stand inside tests:
   * if/else chains, and switches over tests (`switch (true)`, Go's `switch {`), whose new labels test it too.
   */
  readonly subject?: string;
  /** New branches continue the line after the last branch's block: `} else if (…) {`. */
  readonly joinsInline?: boolean;
  /** The declared type of the switch's subject, by name (`e: CreatorInfoError`), where the language reads one. */
  readonly subjectType?: string;
}

export interface StubGroup {
  /** `other` for values that are no TikTok error code (a union's `ok`). */
  readonly action: Action | 'other';
  readonly codes: readonly string[];
  /** Text of the comment line above the group: "refresh-token: send the user through TikTok OAuth again". */
  readonly comment: string;
  /** Text of the stub's error message. */
  readonly message: string;
  /** Lookup maps: the value of each new entry, in the order of `codes`. */
  readonly values?: readonly string[];
  /** The team's own lines for these codes (`tiktokErrors.stubs.templates`), where they gave some for the action. */
  readonly statement?: readonly string[];
}

/**
 * The lines of a new arm's body where a statement stands (a case's body, a branch): the team's template where
 * there is one, else `stub`, the statement that throws. Where an expression must stand (`=>` of a PHP match or
 * a C# switch expression, a Rust match arm, Java's `->`) the stub stays.
 */
export function stubBody(group: StubGroup, stub: string): readonly string[] {
  return group.statement ?? [stub];
}

export interface RenderStyle {
  readonly quote: string;
  readonly form: string;
  /** True when the existing arms put several labels in one arm (`case "a", "b":`). */
  readonly listsLabels: boolean;
  /** Chains and switches over tests: the subject that new labels compare; empty elsewhere. */
  readonly subject: string;
  /** Maps: the existing keys are bare words (`{ spam_risk_text: … }`), so new ones are too where they can be. */
  readonly bareKeys: boolean;
  /** Maps: the last existing entry is followed by a separator, so new entries may end with one. */
  readonly trailingSeparator: boolean;
  /** Chains: `else` starts its own line after `}` (Allman and Stroustrup styles). */
  readonly elseOnOwnLine: boolean;
  /** Chains: `{` starts its own line (Allman style). */
  readonly braceOnOwnLine: boolean;
  /** How to write a code as a label where not as a literal: an enum member, a constant of the file. */
  readonly labelFor?: (code: string) => string | undefined;
}

/** One branch of an if/else chain: its condition (none for the final `else`) and its extent. */
export interface Branch {
  readonly condition?: Node;
  /** From the branch's keyword to the end of its body. */
  readonly span: Span;
}

/** One test inside a condition: `code === "a"`, `["a", "b"].includes(code)`. */
export interface Comparison {
  readonly subject: string;
  readonly labels: readonly LabelShape[];
}

export interface ChainSupport {
  /** Captures `@chain`: every if statement; `branches` skips those that continue an outer chain. */
  readonly query: string;
  /** `text` is the document's: what stands before the node tells an `else if` apart without climbing the tree. */
  branches(node: Node, text: string): Branch[] | undefined;
  /** The operands of a logical or (`a || b`, `a or b`), else undefined. */
  disjuncts(node: Node): Node[] | undefined;
  /** One comparison of the subject with codes, else undefined. */
  compare(node: Node): Comparison | undefined;
  readonly joinsInline: boolean;
  /** New branches, one per group; for inline chains the first line continues `}`. */
  render(groups: readonly StubGroup[], style: RenderStyle): RenderedLine[];
  /** Runs of guarding `if`s (`if (code === "a") return …;` one after another), where the language reads them. */
  readonly guards?: GuardSupport;
}

/** A guarding `if`: no `else`, and a body that leaves (return, throw, raise, continue, break). */
export interface GuardSupport {
  /** The `if`'s condition when it is a guard; else undefined. */
  condition(node: Node): Node | undefined;
  /** New guards after the last, one per group. */
  render(groups: readonly StubGroup[], style: RenderStyle): RenderedLine[];
}

export interface MapEntry {
  readonly key: Node;
  readonly value?: Node;
  readonly span: Span;
}

export interface MapSupport {
  /** Captures `@map`: literals that may be lookup maps. */
  readonly query: string;
  /** The literal's entries, or undefined when it is not a map literal. */
  entries(node: Node): MapEntry[] | undefined;
  /** The variant the renderer needs (`symbol` or `rocket` Ruby keys, Java's `of` or `ofEntries`); default `map`. */
  form?(node: Node): string;
  /** The key as a label; bare words have an empty quote. */
  keyLabel(key: Node): LabelShape | undefined;
  /** A function value's text before its body, else undefined. */
  functionSignature(value: Node): string | undefined;
  /** A function value that throws `message`, in the shape of `signature`. */
  functionStub(signature: string, message: string, quote: string): string;
  render(groups: readonly StubGroup[], style: RenderStyle): RenderedLine[];
  /**
   * A value that fits an entry of any type and does nothing when the map is built (`None`, `nil`, `null`), for
   * a new entry whose action no existing entry shows; none where the language has no such value (Go, Java's
   * `Map.of`, which refuses null, Rust), and then no entry is written.
   */
  readonly neutralValue?: string;
  /** The most entries the literal can hold in this form (Java's `Map.of` takes ten pairs). */
  maxEntries?(form: string): number | undefined;
}

/** What a file brings in from other files of the workspace: read from its text, resolved to files by the caller. */
export interface ImportSupport {
  /** The file's imports; `fileName` is its own name without folder (`handlers.rs`), for paths relative to it. */
  clauses(text: string, fileName: string): ImportClause[];
  /**
   * Files of one folder that share a package see each other's declarations with no import (Go, Java, C#,
   * PHP's namespaces): the package a file's text says it is in, '' where it names none.
   */
  packageOf?(text: string): string;
  /** Whether `importer` sees the declarations of `sibling`, both of one package (Go's `_test.go` files). Default: yes. */
  sees?(importer: string, sibling: string): boolean;
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
  /**
   * New labels with no body of their own, stacked just above the default arm so that their codes reach it
   * (`tiktokErrors.stubs.style: "fallThrough"`), under a TODO comment; where the language can stack labels so.
   */
  renderFallThrough?(groups: readonly StubGroup[], style: RenderStyle): RenderedLine[];
  renderArms(groups: readonly StubGroup[], style: RenderStyle): RenderedLine[];
  readonly chains?: ChainSupport;
  readonly maps?: MapSupport;
  /** Declarations of code constants and code types: a query capturing `@declaration`, and their reader. */
  readonly declarations?: { readonly query: string; read(node: Node): Declaration | undefined };
  /**
   * A new switch over `subject`, for Insert Error Handler: the lines above its arms and below them, the depth
   * of the arms below the head, and the form its arms are written in (as `readConstruct` names it).
   */
  readonly handler?: {
    head(subject: string): string[];
    tail: readonly RenderedLine[];
    armDepth: number;
    form: string;
    /** The lines after a new if/else chain's last branch, where the language closes it with a keyword (Ruby's `end`). */
    readonly chainTail?: readonly string[];
    /** A lookup map of each code's message bound to a name: its first lines, its last, its form, its default name. */
    readonly map?: { head(name: string): string[]; tail: readonly RenderedLine[]; form: string; name: string; qualify?(line: string): string };
  };
  /** How a file names other files of the workspace whose declarations it uses. */
  readonly imports?: ImportSupport;
  /**
   * The type, by name, of a property of a type the file declares at its top (`ApiError.code`), for a subject
   * typed as such a property.
   */
  propertyType?(root: Node, owner: string, property: string): string | undefined;
  /** How a case label names an enum member (`TikTokError.SPAM`): Java writes only `SPAM`. Default: as declared. */
  enumLabel?(qualified: string): string;
  /** How a constant's name, kept with dots (`Codes.SPAM`), is written: Ruby, Rust and PHP write `Codes::SPAM`. */
  writeName?(name: string): string;
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

/** A new label: the file's constant for the code where the construct's labels are constants, else a C-like literal. */
export function writtenLabel(style: RenderStyle, code: string, quote: string = style.quote): string {
  return style.labelFor?.(code) ?? cStyleQuote(code, quote);
}

/**
 * Where new entries go after `last`, the last entry of `list` (an enum's body, an array, a set): after its
 * `,` where it has one, one per line with its indentation where it starts its own line. Read now, from the
 * list's own text: the tree is not kept.
 */
export function listEnd(list: Node, last: Node, quote: string): ListEnd {
  const text = list.text;
  const lastAt = last.startIndex - list.startIndex;
  const lineStart = text.lastIndexOf('\n', lastAt - 1) + 1;
  const lead = text.slice(lineStart, lastAt);
  const indent = lineStart > 0 && /^[ \t]*$/.test(lead) ? lead : undefined;
  const comma = /^[ \t]*,/.exec(text.slice(last.endIndex - list.startIndex));
  return { at: last.endIndex + (comma ? comma[0].length : 0), separator: ',', ...(indent !== undefined ? { indent } : {}), trailingSeparator: comma !== null, quote };
}

/** Escapes a value for a double- or single-quoted literal in C-like languages. */
export function cStyleQuote(value: string, quote: string): string {
  return quote + value.replace(/\\/g, '\\\\').split(quote).join('\\' + quote) + quote;
}

/** Labels stay on one line while it reads well; past that, one label per line. */
export function fitsOnOneLine(labels: readonly string[], joiner: string, width = 80): boolean {
  return labels.length === 1 || labels.join(joiner).length <= width;
}

/**
 * Whether an `if` follows the word `else`, comments aside. Read from the text: asking for a node's parent
 * costs a walk from the root, and every `else if` of a chain is captured as an if of its own.
 */
export function followsElse(node: Node, text: string, elseClause?: string): boolean {
  let at = node.startIndex;
  while (at > 0 && /\s/.test(text[at - 1]!)) at--;
  if (text.endsWith('else', at)) return !/[\w$.]/.test(text[at - 5] ?? '');
  // A comment may stand between `else` and `if` (`else // note`): then only the tree knows. Looked for on the
  // line up to a bound: on a long (minified) line the tree is asked, so that every `if` of it costs the same.
  for (let i = at - 1, floor = Math.max(0, at - 256); i >= floor; i--) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') return false;
    if (c === '/' || c === '#') return continuesChain(node, elseClause);
  }
  return at > 256 && continuesChain(node, elseClause);
}

/** The `else if` of an outer chain, which reads it as part of its own: not a chain of its own. */
function continuesChain(node: Node, elseClause?: string): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (elseClause) return parent.type === elseClause;
  return parent.type === node.type && parent.childForFieldName('alternative')?.startIndex === node.startIndex;
}

/** Branches of an if whose `else if` nests another if as its alternative (TypeScript, Go, Java, C#, Rust). */
function nestedIfBranches(node: Node, elseClause?: string): Branch[] | undefined {
  const branches: Branch[] = [];
  for (let current: Node | undefined = node; current; ) {
    const condition = current.childForFieldName('condition');
    const consequence = current.childForFieldName('consequence');
    if (!condition || !consequence) return undefined;
    branches.push({ condition, span: { start: current.startIndex, end: consequence.endIndex } });
    const alternative: Node | null = current.childForFieldName('alternative');
    if (!alternative) break;
    const inner: Node | undefined = elseClause && alternative.type === elseClause ? namedChildren(alternative).find((n) => n.type !== 'comment') : alternative;
    if (inner?.type === node.type) {
      current = inner;
      continue;
    }
    branches.push({ span: spanOf(alternative) });
    break;
  }
  return branches;
}

/** The text of a function literal before its body: `(e) =>`, `func(e error) string`. */
export function textBefore(node: Node, body: Node | null): string | undefined {
  return body ? node.text.slice(0, body.startIndex - node.startIndex).trimEnd() : undefined;
}

export interface InlineChainStyle {
  /** `else if`, `elseif`. */
  readonly keyword: string;
  /** The condition goes in parentheses (C-like), or stands alone (Go, Rust). */
  readonly parenthesize: boolean;
  test(code: string): string;
  stub(message: string): string;
  readonly lineComment: string;
}

/**
 * New `} else if (a || b) {` branches, one per group, for languages that chain like C. An `||` ends each broken
 * line (Go would end the statement at a line that does not).
 */
export function renderInlineChain(groups: readonly StubGroup[], s: InlineChainStyle, style: RenderStyle): RenderedLine[] {
  const lines: RenderedLine[] = [];
  const [open, close] = s.parenthesize ? ['(', ')'] : ['', ''];
  const brace = style.braceOnOwnLine ? '' : ' {';
  groups.forEach((group, i) => {
    if (i > 0 && style.elseOnOwnLine) lines.push([0, '}']);
    const lead = `${i > 0 && !style.elseOnOwnLine ? '} ' : ''}${s.keyword} ${open}`;
    const tests = group.codes.map((code) => s.test(code));
    if (fitsOnOneLine(tests, ' || ')) lines.push([0, `${lead}${tests.join(' || ')}${close}${brace}`]);
    else tests.forEach((test, j) => lines.push([j === 0 ? 0 : 2, `${j === 0 ? lead : ''}${test}${j === tests.length - 1 ? close + brace : ' ||'}`]));
    if (style.braceOnOwnLine) lines.push([0, '{']);
    lines.push([1, `${s.lineComment} ${group.comment}`]);
    for (const line of stubBody(group, s.stub(group.message))) lines.push([1, line]);
  });
  lines.push([0, '}']);
  return lines;
}

/** New `} else if code == "a" || code == "b" {` branches over `==` tests with `"` strings (Swift, Kotlin). */
export function renderEqualsChain(parenthesize: boolean, stub: (message: string) => string): ChainSupport['render'] {
  return (groups, style) =>
    renderInlineChain(groups, { keyword: 'else if', parenthesize, test: (code) => `${style.subject} == ${writtenLabel(style, code, '"')}`, stub, lineComment: '//' }, style);
}

export interface CStyleChainOptions {
  readonly ifType: string;
  /** The node that wraps what follows `else`, where the grammar has one (`else_clause`). */
  readonly elseClause?: string;
  compare(node: Node): Comparison | undefined;
  readonly parenthesize: boolean;
  /** `constant`: the name to write for the code where the chain's labels are constants and one holds it. */
  test(subject: string, code: string, quote: string, constant?: string): string;
  /** The statement that throws `message`, with its `;` where the language needs one. */
  stub(message: string, quote: string): string;
}

/** if/else chains as C writes them, `else if` nesting an if as the alternative, `||` joining tests. */
export function cStyleChains(o: CStyleChainOptions): ChainSupport {
  return {
    query: `(${o.ifType}) @chain`,
    branches: (node, text) => (followsElse(node, text, o.elseClause) ? undefined : nestedIfBranches(node, o.elseClause)),
    disjuncts: (node) => binaryOperands(node, 'binary_expression', ['||']),
    compare: o.compare,
    joinsInline: true,
    render: (groups, style) =>
      renderInlineChain(
        groups,
        {
          keyword: 'else if',
          parenthesize: o.parenthesize,
          test: (code) => o.test(style.subject, code, style.quote, style.labelFor?.(code)),
          stub: (message) => o.stub(message, style.quote),
          lineComment: '//',
        },
        style,
      ),
  };
}

/** New map entries, a comment line above each group; `entry` writes `key: value` in the language's syntax. */
export function renderMapEntries(
  groups: readonly StubGroup[],
  lineComment: string,
  entry: (code: string, value: string) => string,
  trailingSeparator = true,
): RenderedLine[] {
  const lines: RenderedLine[] = [];
  for (const group of groups) {
    lines.push([0, `${lineComment} ${group.comment}`]);
    group.codes.forEach((code, i) => lines.push([0, `${entry(code, group.values![i]!)},`]));
  }
  if (!trailingSeparator) {
    const [depth, text] = lines[lines.length - 1]!;
    lines[lines.length - 1] = [depth, text.slice(0, -1)];
  }
  return lines;
}

/** The `pair` children of a literal (`key: value`), as map entries. */
export function keyValuePairs(node: Node): MapEntry[] {
  return childrenOfType(node, 'pair').map((pair) => ({ key: pair.childForFieldName('key')!, value: pair.childForFieldName('value') ?? undefined, span: spanOf(pair) }));
}

/** A label for a bare word: an identifier key, a Ruby symbol or `%w[]` word. */
export function bareLabel(node: Node, skip = 0): LabelShape {
  return { value: node.text.slice(skip), span: { start: node.startIndex + skip, end: node.endIndex }, quote: '' };
}

/** The labels of a list literal whose elements are all plain string literals; undefined otherwise. */
export function stringElements(list: Node, read: (node: Node) => LabelShape | undefined = readStringLiteral): LabelShape[] | undefined {
  const elements = namedChildren(list).filter((n) => n.type !== 'comment');
  const labels = elements.map(read);
  return elements.length > 0 && labels.every((l) => l !== undefined) ? (labels as LabelShape[]) : undefined;
}

/**
 * `left OP right` with a string literal on one side: the other side is the subject. Else one side may be a
 * name written as constants are (`SPAM`, `Codes.Spam`, `ErrorCode.TOKEN`) and the other not: its code is
 * resolved later, and a name that holds none drops out.
 */
export function equalityWithString(left: Node, right: Node, isString: (node: Node) => boolean): Comparison | undefined {
  const [literal, subject] = isString(right) ? [right, left] : isString(left) ? [left, right] : [];
  if (!literal || !subject) {
    const [constant, other] = looksConstant(right) && !looksConstant(left) ? [right, left] : looksConstant(left) && !looksConstant(right) ? [left, right] : [];
    if (!constant || !other || isString(other) || !NAME_VALUE.test(other.text)) return undefined;
    return { subject: other.text.trim(), labels: [{ value: '', span: spanOf(constant), quote: '', name: normalizeName(constant.text) }] };
  }
  if (isString(subject)) return undefined;
  const label = readStringLiteral(literal);
  return label ? { subject: subject.text.trim(), labels: [label] } : undefined;
}

/** Node types of a plain string literal, in the grammars that have lists of codes. */
const STRING_LITERALS = new Set(['string', 'string_literal', 'interpreted_string_literal', 'raw_string_literal', 'encapsed_string', 'template_string']);

/** A list element: a string literal, or a name written as constants are (resolved later). */
export function stringOrConstant(node: Node): LabelShape | undefined {
  return STRING_LITERALS.has(node.type) ? readStringLiteral(node) : constantLabel(node);
}

/**
 * A key or label written as a name (`SPAM`, `Codes.Spam`, `Codes::SPAM`): its code is resolved later, and a name
 * the file declares no code for drops out. A map's key is never the subject, so any name will do there.
 */
export function constantLabel(node: Node | null | undefined, anyName = false): LabelShape | undefined {
  if (!node || node.text.length > 200 || !(anyName ? NAME_VALUE.test(node.text) : looksConstant(node))) return undefined;
  return { value: '', span: spanOf(node), quote: '', name: normalizeName(node.text) };
}

/**
 * Written as constants are: a capitalised name (`SPAM`, `ErrSpam`, `CodeText`), all capitals after a dot
 * (`e.TOKEN`), or a member of a capitalised name (`Codes.Spam`). A variable is rarely so written; a name that
 * is no constant of the file drops out when labels are resolved.
 */
function looksConstant(node: Node): boolean {
  const text = node.text;
  if (text.length > 200 || !NAME_VALUE.test(text)) return false;
  const parts = normalizeName(text).split('.');
  const last = parts.at(-1)!;
  return /^[A-Z][A-Z0-9_]+$/.test(last) || /^[A-Z]/.test(parts[0]!);
}

function operatorOf(node: Node): string | undefined {
  return node.childForFieldName('operator')?.type;
}

/** The operands of `left OP right` when `node` is a `type` node with one of `operators`: `a || b`, `a == b`. */
export function binaryOperands(node: Node, type: string, operators: readonly string[]): [Node, Node] | undefined {
  if (node.type !== type || !operators.includes(operatorOf(node) ?? '')) return undefined;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  return left && right ? [left, right] : undefined;
}

export function withoutComments(nodes: readonly Node[]): Node[] {
  return nodes.filter((n) => !n.type.endsWith('comment'));
}

/** A label written as a name: `SPAM`, `Codes.SpamRisk`, `Codes['SPAM']`, `pkg.ErrSpam`; its code is resolved later. */
const NAME_VALUE = /^[A-Za-z_$][\w$]*(\s*((\.|::|->)\s*[A-Za-z_$][\w$]*|\[\s*(['"])[A-Za-z_$][\w$]*\4\s*\]))*$/;

export function namedLabel(node: Node, types: readonly string[]): LabelShape | undefined {
  if (!types.includes(node.type) || !NAME_VALUE.test(node.text)) return undefined;
  return { value: '', span: spanOf(node), quote: '', name: normalizeName(node.text) };
}

/**
 * The declared type of a switch's subject where the subject is a parameter of the enclosing function
 * (`func f(e ErrorCode)`, `def f(e: ErrorCode)`, `int f(TikTokError e)`), by name. Climbs at most a few dozen
 * parents, and only for a bare identifier; `typeOf` reads a parameter node's name and type.
 */
export function parameterType(
  switchNode: Node,
  subject: Node,
  functions: ReadonlySet<string>,
  typeOf: (parameter: Node) => { name?: string; type?: string } | undefined,
): string | undefined {
  let inner = subject;
  while (/^parenthesized/.test(inner.type) && inner.namedChildCount === 1) inner = inner.namedChild(0)!;
  if (inner.type !== 'identifier') return undefined;
  let up = switchNode.parent;
  for (let depth = 0; up && depth < 48 && !functions.has(up.type); depth++) up = up.parent;
  const parameters = up?.childForFieldName('parameters');
  for (const parameter of parameters ? namedChildren(parameters) : []) {
    const read = typeOf(parameter);
    if (read?.name === inner.text && read.type) return read.type;
  }
  return undefined;
}
