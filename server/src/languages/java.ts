// Java: `switch` statements and expressions, colon and arrow forms, `case "a", "b" ->`; if/else chains with
// `"a".equals(code)`, `Objects.equals(code, "a")` and `List.of(…).contains(code)`; `Map.of(…)` and
// `Map.ofEntries(…)`.
import type { Node } from '../analysis/parsing';
import {
  cStyleChains,
  equalityWithString,
  withoutComments,
  cStyleQuote,
  renderMapEntries,
  stringElements,
  textBefore,
  type Comparison,
  type MapEntry,
  type MapSupport,
  childrenOfType,
  namedChildren,
  readStringLiteral,
  spanOf,
  fitsOnOneLine,
  type ArmShape,
  type LabelShape,
  type LanguageSupport,
  type RenderedLine,
} from './language';

const TERMINATORS = new Set(['break_statement', 'return_statement', 'throw_statement', 'continue_statement', 'yield_statement']);

/** Whether the last statement leaves the case, looking into trailing blocks (a loop: blocks nest deep). */
function endsControlFlow(statements: readonly Node[]): boolean {
  const lastOf = (nodes: readonly Node[]) => nodes.filter((n) => !n.type.endsWith('comment')).at(-1);
  let last = lastOf(statements);
  while (last?.type === 'block') last = lastOf(namedChildren(last));
  return last !== undefined && TERMINATORS.has(last.type);
}

function labelsOf(label: Node): LabelShape[] {
  return childrenOfType(label, 'string_literal')
    .map(readStringLiteral)
    .filter((l) => l !== undefined);
}

function readArm(node: Node): ArmShape | undefined {
  if (node.type !== 'switch_block_statement_group' && node.type !== 'switch_rule') return undefined;
  const switchLabels = childrenOfType(node, 'switch_label');
  const statements = namedChildren(node).filter((n) => n.type !== 'switch_label');
  return {
    span: spanOf(node),
    labels: switchLabels.flatMap(labelsOf),
    isDefault: switchLabels.some((l) => l.text.startsWith('default')),
    isBareLabel: statements.length === 0,
    fallsThrough: node.type === 'switch_block_statement_group' && !endsControlFlow(statements),
  };
}

const isString = (node: Node) => node.type === 'string_literal';
const argumentsOf = (call: Node) => withoutComments(namedChildren(call.childForFieldName('arguments') ?? call));

/**
 * `"a".equals(code)`, `code.equals("a")`, `Objects.equals(code, "a")`, `List.of("a", "b").contains(code)`
 * (also `Set.of`, `Arrays.asList`).
 */
function compare(node: Node): Comparison | undefined {
  if (node.type !== 'method_invocation') return undefined;
  const name = node.childForFieldName('name')?.text;
  const object = node.childForFieldName('object');
  const args = argumentsOf(node);
  if (name === 'equals' && /^(java\.util\.)?Objects$/.test(object?.text ?? '') && args.length === 2) return equalityWithString(args[0]!, args[1]!, isString);
  if (!object || args.length !== 1) return undefined;
  const arg = args[0]!;
  if (name === 'equals') return equalityWithString(object, arg, isString);
  if (name !== 'contains' || object.type !== 'method_invocation') return undefined;
  const factory = `${object.childForFieldName('object')?.text}.${object.childForFieldName('name')?.text}`;
  if (!['List.of', 'Set.of', 'Arrays.asList'].includes(factory)) return undefined;
  const labels = stringElements(object.childForFieldName('arguments')!);
  return labels ? { subject: arg.text.trim(), labels } : undefined;
}

const chains = cStyleChains({
  ifType: 'if_statement',
  compare,
  parenthesize: true,
  // The literal first: null-safe, as Java style guides advise.
  test: (subject, code) => `${cStyleQuote(code, '"')}.equals(${subject})`,
  stub: (message) => `throw new UnsupportedOperationException(${cStyleQuote(message, '"')});`,
});

const MAP_OF_LIMIT = 10;

const maps: MapSupport = {
  query: '(method_invocation) @map',
  entries(node) {
    // `Map.of` or `java.util.Map.of`.
    const factory = `${node.childForFieldName('object')?.text.replace(/^(?:\w+\.)*(?=Map$)/, '')}.${node.childForFieldName('name')?.text}`;
    const args = argumentsOf(node);
    if (factory === 'Map.of') {
      if (args.length % 2 !== 0) return undefined;
      const entries: MapEntry[] = [];
      for (let i = 0; i < args.length; i += 2) entries.push({ key: args[i]!, value: args[i + 1], span: { start: args[i]!.startIndex, end: args[i + 1]!.endIndex } });
      return entries;
    }
    if (factory !== 'Map.ofEntries') return undefined;
    const entries: MapEntry[] = [];
    for (const arg of args) {
      const pair = arg.type === 'method_invocation' && arg.childForFieldName('name')?.text === 'entry' ? argumentsOf(arg) : [];
      if (pair.length !== 2) return undefined;
      entries.push({ key: pair[0]!, value: pair[1], span: spanOf(arg) });
    }
    return entries;
  },
  form: (node) => node.childForFieldName('name')!.text,
  keyLabel: (key) => (isString(key) ? readStringLiteral(key) : undefined),
  functionSignature: (value) => (value.type === 'lambda_expression' ? textBefore(value, value.childForFieldName('body')) : undefined),
  functionStub: (signature, message) => `${signature} { throw new UnsupportedOperationException(${cStyleQuote(message, '"')}); }`,
  render: (groups, style) =>
    renderMapEntries(groups, '//', (code, value) => (style.form === 'of' ? `${cStyleQuote(code, '"')}, ${value}` : `Map.entry(${cStyleQuote(code, '"')}, ${value})`), false),
  // Map.of has overloads up to ten pairs; past that only Map.ofEntries compiles.
  maxEntries: (form) => (form === 'of' ? MAP_OF_LIMIT : undefined),
};

export const java: LanguageSupport = {
  name: 'java',
  languageIds: ['java'],
  fileExtensions: ['.java'],
  grammarFile: 'tree-sitter-java.wasm',
  lineComment: '//',
  stringTypes: ['string_literal'],
  commentTypes: ['line_comment', 'block_comment'],
  isKey: () => false,
  constructQuery: '(switch_expression) @construct',
  readConstruct(node) {
    const condition = node.childForFieldName('condition');
    const body = node.childForFieldName('body');
    if (!condition || !body) return undefined;
    const arms = namedChildren(body)
      .map(readArm)
      .filter((a): a is ArmShape => a !== undefined);
    const arrow = namedChildren(body).some((n) => n.type === 'switch_rule');
    return { family: 'switch', kind: 'switch', form: arrow ? 'arrow' : 'colon', head: { start: node.startIndex, end: condition.endIndex }, span: spanOf(node), arms };
  },
  terminator: 'break;',
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const quoted = group.codes.map((c) => cStyleQuote(c, '"'));
      if (style.form === 'colon' && !style.listsLabels) {
        for (const label of quoted) lines.push([0, `case ${label}:`]);
      } else {
        const end = style.form === 'arrow' ? ' ->' : ':';
        if (fitsOnOneLine(quoted, ', ')) lines.push([0, `case ${quoted.join(', ')}${end}`]);
        else quoted.forEach((label, i) => lines.push([i === 0 ? 0 : 2, `${i === 0 ? 'case ' : ''}${label}${i === quoted.length - 1 ? end : ','}`]));
      }
      lines.push([1, `throw new UnsupportedOperationException(${cStyleQuote(group.message, '"')});`]);
    }
    return lines;
  },
  chains,
  maps,
  quote: (value) => cStyleQuote(value, '"'),
};
