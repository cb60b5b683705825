// Kotlin: `when (code) { "a", "b" -> … else -> … }`; if/else-if chains with `==` and `||`; `mapOf("a" to …)`.
// The grammar (tree-sitter-kotlin) names no fields: children are read by type and position.
import type { Node } from '../analysis/parsing';
import {
  cStyleQuote,
  equalityWithString,
  fitsOnOneLine,
  followsElse,
  namedLabel,
  readStringLiteral,
  renderInlineChain,
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

const chains: ChainSupport = {
  query: '(if_expression) @chain',
  branches: ifBranches,
  disjuncts: (node) => operands(node, 'disjunction_expression', '||'),
  compare(node): Comparison | undefined {
    const sides = operands(node, 'equality_expression', '==');
    return sides && equalityWithString(...sides, isString);
  },
  joinsInline: true,
  render: (groups, style) =>
    renderInlineChain(
      groups,
      {
        keyword: 'else if',
        parenthesize: true,
        test: (code) => `${style.subject} == ${writtenLabel(style, code, '"')}`,
        stub,
        lineComment: '//',
      },
      style,
    ),
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
    // `when { … }` with no subject tests conditions, not a value.
    if (!subject) return undefined;
    const arms = namedChildren(node)
      .filter((n) => n.type === 'when_entry')
      .map(readArm);
    return { family: 'switch', kind: 'when', form: 'when', head: { start: node.startIndex, end: subject.endIndex }, span: spanOf(node), arms };
  },
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const labels = group.codes.map((code) => writtenLabel(style, code, '"'));
      const body = stubBody(group, stub(group.message));
      const tail = body.length === 1 ? ` -> ${body[0]}` : ' -> {';
      // One line while the labels read well whole; past that, one per line and the arrow after the last.
      if (fitsOnOneLine(labels, ', ')) lines.push([0, `${labels.join(', ')}${tail}`]);
      else labels.forEach((label, i) => lines.push([0, `${label}${i === labels.length - 1 ? tail : ','}`]));
      if (body.length > 1) {
        for (const line of body) lines.push([1, line]);
        lines.push([0, '}']);
      }
    }
    return lines;
  },
  chains,
  maps,
  handler: {
    head: (subject) => [`when (${subject}) {`],
    tail: [[1, 'else -> {}'], [0, '}']],
    armDepth: 1,
    form: 'when',
    map: { head: (name) => [`val ${name} = mapOf(`], tail: [[0, ')']], form: 'mapOf', name: 'tiktokErrorMessages' },
  },
  quote: (value) => cStyleQuote(value, '"'),
};
