// Kotlin: `when (code) { "a", "b" -> … else -> … }` and `when { code == "a" -> … }`; if/else-if chains with
// `==` and `||`; `mapOf("a" to …)`.
// The grammar (tree-sitter-kotlin) names no fields: children are read by type and position.
import { readTestedArms } from '../analysis/constructs/chains';
import type { Node } from '../analysis/parsing';
import {
  cStyleQuote,
  equalityWithString,
  fitsOnOneLine,
  followsElse,
  namedLabel,
  readStringLiteral,
  renderEqualsChain,
  renderMapEntries,
  spanOf,
  stubBody,
  textBefore,
  withoutComments,
  writtenLabel,
  namedChildren,
  type ArmShape,
  type Branch,
  type ChainSupport,
  type Comparison,
  type LabelShape,
  type LanguageSupport,
  type MapEntry,
  type MapSupport,
  type RenderedLine,
} from './language';

const COMMENTS = ['line_comment', 'multiline_comment'];

/** A plain `"…"` literal: not a raw `"""…"""` string, whose value is not its text between the first quotes. */
const isString = (node: Node) => node.type === 'string_literal' && !node.text.startsWith('"""');

const readString = (node: Node) => (isString(node) ? readStringLiteral(node) : undefined);

/** A label written as a constant: `TOKEN`, `Codes.TOKEN`, `TikTokError.SPAM`. */
const NAME_TYPES = ['simple_identifier', 'navigation_expression'];

function conditionLabel(condition: Node): LabelShape | undefined {
  const [value, ...rest] = withoutComments(namedChildren(condition));
  if (!value || rest.length > 0) return undefined;
  return readString(value) ?? namedLabel(value, NAME_TYPES);
}

function readArm(entry: Node): ArmShape {
  const conditions = namedChildren(entry).filter((n) => n.type === 'when_condition');
  const isDefault = conditions.length === 0 && entry.children.some((c) => c?.type === 'else');
  // `in …`, `is …` and other tests name no code: the arm keeps the labels it has.
  const labels = conditions.map(conditionLabel).filter((l): l is LabelShape => l !== undefined);
  return { span: spanOf(entry), labels, isDefault, isBareLabel: false, fallsThrough: false };
}

/** The two sides of `a OP b`, where the node is that expression. */
function operands(node: Node, type: string, operator: string): [Node, Node] | undefined {
  if (node.type !== type) return undefined;
  const children = node.children.filter((c): c is Node => c !== null && !COMMENTS.includes(c.type));
  if (children.length !== 3 || children[1]!.type !== operator) return undefined;
  return [children[0]!, children[2]!];
}

/** The expression between `if (` and `)`, the body after it, and what follows `else`. */
function ifParts(node: Node): { condition?: Node; consequence?: Node; alternative?: Node } {
  const children = node.children.filter((c): c is Node => c !== null && !COMMENTS.includes(c.type));
  const open = children.findIndex((c) => c.type === '(');
  const close = children.findIndex((c) => c.type === ')');
  const elseAt = children.findIndex((c) => c.type === 'else');
  const condition = open >= 0 && close === open + 2 ? children[open + 1] : undefined;
  const consequence = children[close + 1]?.type === 'control_structure_body' ? children[close + 1] : undefined;
  const alternative = elseAt >= 0 ? children[elseAt + 1] : undefined;
  return { condition, consequence, alternative };
}

function ifBranches(node: Node, text: string): Branch[] | undefined {
  if (followsElse(node, text)) return undefined;
  const branches: Branch[] = [];
  for (let current: Node | undefined = node; current; ) {
    const { condition, consequence, alternative } = ifParts(current);
    if (!condition || !consequence) return undefined;
    branches.push({ condition, span: { start: current.startIndex, end: consequence.endIndex } });
    if (!alternative) break;
    const inner = withoutComments(namedChildren(alternative));
    if (inner.length === 1 && inner[0]!.type === 'if_expression') {
      current = inner[0];
      continue;
    }
    branches.push({ span: spanOf(alternative) });
    break;
  }
  return branches;
}

const stub = (message: string) => `TODO(${cStyleQuote(message, '"')})`;

/** The name of the object or class whose body holds a member (a companion object's: its class's). */
function ownerOf(body: Node): string | undefined {
  const holder = body.parent;
  if (holder?.type === 'companion_object') return holder.parent?.parent ? ownerOf(holder.parent) : undefined;
  return holder && ['object_declaration', 'class_declaration'].includes(holder.type) ? namedChildren(holder).find((n) => n.type === 'type_identifier')?.text : undefined;
}

/** `const val SPAM = "…"` or `val SPAM = "…"`, at the top or in an object or class (`Codes.TOKEN`); not in a function. */
const declarations: NonNullable<LanguageSupport['declarations']> = {
  query: '(property_declaration) @declaration',
  read(node) {
    const parts = namedChildren(node);
    const name = parts.find((n) => n.type === 'variable_declaration')?.namedChildren[0];
    const literal = parts.map(readString).find((l) => l !== undefined);
    const isVal = parts.find((n) => n.type === 'binding_pattern_kind')?.text === 'val';
    const parent = node.parent;
    if (!name || name.type !== 'simple_identifier' || !literal || !isVal || !parent) return undefined;
    if (parent.type === 'source_file') return { constants: [[name.text, literal.value]] };
    const owner = parent.type === 'class_body' ? ownerOf(parent) : undefined;
    return owner ? { constants: [[name.text, literal.value], [`${owner}.${name.text}`, literal.value]] } : undefined;
  },
};

const chains: ChainSupport = {
  query: '(if_expression) @chain',
  branches: ifBranches,
  disjuncts: (node) => operands(node, 'disjunction_expression', '||'),
  compare(node): Comparison | undefined {
    const sides = operands(node, 'equality_expression', '==');
    return sides && equalityWithString(...sides, isString);
  },
  joinsInline: true,
  render: renderEqualsChain(true, stub),
};

const MAP_FACTORIES = new Set(['mapOf', 'mutableMapOf', 'hashMapOf', 'linkedMapOf', 'sortedMapOf']);

const maps: MapSupport = {
  query: '(call_expression) @map',
  entries(node) {
    const [callee, suffix] = namedChildren(node);
    if (callee?.type !== 'simple_identifier' || !MAP_FACTORIES.has(callee.text) || suffix?.type !== 'call_suffix') return undefined;
    const args = namedChildren(suffix).find((n) => n.type === 'value_arguments');
    if (!args) return undefined;
    const entries: MapEntry[] = [];
    for (const argument of withoutComments(namedChildren(args))) {
      // `"a" to value`: an infix call of `to`.
      const parts = argument.type === 'value_argument' ? withoutComments(namedChildren(argument)) : [];
      const pair = parts.length === 1 && parts[0]!.type === 'infix_expression' ? withoutComments(namedChildren(parts[0]!)) : [];
      if (pair.length !== 3 || pair[1]!.text !== 'to') return undefined;
      entries.push({ key: pair[0]!, value: pair[2], span: spanOf(argument) });
    }
    return entries;
  },
  form: (node) => namedChildren(node)[0]!.text,
  keyLabel: (key) => readString(key) ?? namedLabel(key, NAME_TYPES),
  functionSignature: (value) => (value.type === 'lambda_literal' ? textBefore(value, namedChildren(value).find((n) => n.type === 'statements') ?? null) : undefined),
  functionStub: (signature, message) => `${signature} ${stub(message)} }`,
  // No trailing comma: Kotlin takes one in a call's arguments only from 1.4 on.
  render: (groups, style) => renderMapEntries(groups, '//', (code, value) => `${writtenLabel(style, code, '"')} to ${value}`, false),
};

export const kotlin: LanguageSupport = {
  name: 'kotlin',
  languageIds: ['kotlin'],
  fileExtensions: ['.kt', '.kts'],
  grammarFile: 'tree-sitter-kotlin.wasm',
  lineComment: '//',
  stringTypes: ['string_literal', 'string_content'],
  commentTypes: COMMENTS,
  isKey: () => false,
  constructQuery: '(when_expression) @construct',
  readConstruct(node) {
    const subject = namedChildren(node).find((n) => n.type === 'when_subject');
    const entries = namedChildren(node).filter((n) => n.type === 'when_entry');
    const shape = { family: 'switch', kind: 'when', form: 'when', span: spanOf(node) } as const;
    if (subject) return { ...shape, head: { start: node.startIndex, end: subject.endIndex }, arms: entries.map((entry) => readArm(entry)) };
    // `when { code == "a" -> … }`: each entry is selected by tests, as in an if/else-if chain.
    const tests = entries.map((entry) => namedChildren(entry).filter((n) => n.type === 'when_condition').flatMap((c) => withoutComments(namedChildren(c))));
    const tested = readTestedArms(tests, chains);
    if (!tested) return undefined;
    const arms = entries.map((entry, i) => ({ ...readArm(entry), labels: tested.labels[i]! }));
    return { ...shape, head: { start: node.startIndex, end: node.startIndex + 'when'.length }, arms, subject: tested.subject };
  },
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const labels = group.codes.map((code) => (style.subject ? `${style.subject} == ${writtenLabel(style, code, '"')}` : writtenLabel(style, code, '"')));
      const body = stubBody(group, stub(group.message));
      const tail = body.length === 1 ? ` -> ${body[0]}` : ' -> {';
      // A `when` with no subject joins tests with `||` (Kotlin refuses commas there), one with a subject lists
      // values. One line while it reads well whole; past that, one per line and the arrow after the last.
      const joiner = style.subject ? ' ||' : ',';
      if (fitsOnOneLine(labels, `${joiner} `)) lines.push([0, `${labels.join(`${joiner} `)}${tail}`]);
      else labels.forEach((label, i) => lines.push([i === 0 || !style.subject ? 0 : 1, `${label}${i === labels.length - 1 ? tail : joiner}`]));
      if (body.length > 1) {
        for (const line of body) lines.push([1, line]);
        lines.push([0, '}']);
      }
    }
    return lines;
  },
  chains,
  maps,
  declarations,
  imports: {
    // The files of one package see each other's top-level declarations with no import; a package is read
    // as the files of its folder that name it (`package app.errors`), as Kotlin projects lay them out.
    clauses: () => [],
    packageOf: (text) => /^[ \t]*package[ \t]+([\w.]+)/m.exec(text)?.[1] ?? '',
  },
  handler: {
    head: (subject) => [`when (${subject}) {`],
    tail: [[1, 'else -> {}'], [0, '}']],
    armDepth: 1,
    form: 'when',
    map: { head: (name) => [`val ${name} = mapOf(`], tail: [[0, ')']], form: 'mapOf', name: 'tiktokErrorMessages' },
  },
  quote: (value) => cStyleQuote(value, '"'),
};
