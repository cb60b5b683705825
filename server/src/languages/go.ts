// Go: expression `switch` with `case "a", "b":`; if/else chains with `==` and `slices.Contains`; map literals.
import type { Node } from '../analysis/parsing';
import {
  cStyleChains,
  binaryOperands,
  cStyleQuote,
  equalityWithString,
  renderMapEntries,
  stringElements,
  textBefore,
  type ChainSupport,
  type MapEntry,
  type MapSupport,
  namedChildren,
  readStringLiteral,
  spanOf,
  fitsOnOneLine,
  type ArmShape,
  type LanguageSupport,
  type RenderedLine,
} from './language';

const STRING_TYPES = ['interpreted_string_literal', 'raw_string_literal'];

function readArm(node: Node): ArmShape | undefined {
  const isDefault = node.type === 'default_case';
  if (!isDefault && node.type !== 'expression_case') return undefined;
  const values = node.childForFieldName('value');
  const labels = values
    ? namedChildren(values)
        .filter((n) => STRING_TYPES.includes(n.type))
        .map(readStringLiteral)
        .filter((l) => l !== undefined)
    : [];
  const statements = namedChildren(node).filter((n) => n.type === 'statement_list').flatMap(namedChildren);
  const last = statements.filter((n) => n.type !== 'comment').at(-1);
  return {
    span: spanOf(node),
    labels,
    isDefault,
    isBareLabel: false,
    fallsThrough: last?.type === 'fallthrough_statement',
  };
}

const isString = (node: Node) => STRING_TYPES.includes(node.type);

/** A composite literal's elements, each unwrapped from its `literal_element`. */
function elementOf(node: Node | null): Node | undefined {
  return node?.type === 'literal_element' ? namedChildren(node)[0] : node ?? undefined;
}

/** `slices.Contains([]string{"a", "b"}, subject)`. */
function membership(node: Node): ReturnType<ChainSupport['compare']> {
  const args = namedChildren(node.childForFieldName('arguments') ?? node).filter((n) => n.type !== 'comment');
  if (node.childForFieldName('function')?.text !== 'slices.Contains' || args.length !== 2 || args[0]!.type !== 'composite_literal') return undefined;
  const body = args[0]!.childForFieldName('body');
  const labels = body ? stringElements(body, (element) => { const inner = elementOf(element); return inner && isString(inner) ? readStringLiteral(inner) : undefined; }) : undefined;
  return labels ? { subject: args[1]!.text.trim(), labels } : undefined;
}

const chains = cStyleChains({
  ifType: 'if_statement',
  compare(node) {
    if (node.type === 'call_expression') return membership(node);
    const operands = binaryOperands(node, 'binary_expression', ['==']);
    return operands && equalityWithString(...operands, isString);
  },
  parenthesize: false,
  test: (subject, code) => `${subject} == ${cStyleQuote(code, '"')}`,
  stub: (message) => `panic(${cStyleQuote(message, '"')})`,
});

const maps: MapSupport = {
  query: '(composite_literal type: (map_type)) @map',
  entries(node) {
    const body = node.childForFieldName('body');
    if (!body) return undefined;
    const entries: MapEntry[] = [];
    for (const element of namedChildren(body).filter((n) => n.type === 'keyed_element')) {
      const [key, value] = namedChildren(element).map(elementOf);
      if (key) entries.push({ key, value, span: spanOf(element) });
    }
    return entries;
  },
  keyLabel: (key) => (isString(key) ? readStringLiteral(key) : undefined),
  functionSignature: (value) => (value.type === 'func_literal' ? textBefore(value, value.childForFieldName('body')) : undefined),
  functionStub: (signature, message) => `${signature} { panic(${cStyleQuote(message, '"')}) }`,
  render: (groups) => renderMapEntries(groups, '//', (code, value) => `${cStyleQuote(code, '"')}: ${value}`),
};

export const go: LanguageSupport = {
  name: 'go',
  languageIds: ['go'],
  fileExtensions: ['.go'],
  grammarFile: 'tree-sitter-go.wasm',
  lineComment: '//',
  stringTypes: STRING_TYPES,
  commentTypes: ['comment'],
  isKey: () => false,
  constructQuery: '(expression_switch_statement value: (_)) @construct',
  readConstruct(node) {
    const subject = node.childForFieldName('value');
    if (!subject) return undefined;
    const arms = namedChildren(node)
      .map(readArm)
      .filter((a): a is ArmShape => a !== undefined);
    return { family: 'switch', kind: 'switch', form: 'expression', head: { start: node.startIndex, end: subject.endIndex }, span: spanOf(node), arms };
  },
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const labels = group.codes.map((c) => cStyleQuote(c, style.quote));
      if (fitsOnOneLine(labels, ', ')) lines.push([0, `case ${labels.join(', ')}:`]);
      else labels.forEach((label, i) => lines.push([i === 0 ? 0 : 1, `${i === 0 ? 'case ' : ''}${label}${i === labels.length - 1 ? ':' : ','}`]));
      lines.push([1, `panic(${cStyleQuote(group.message, '"')})`]);
    }
    return lines;
  },
  chains,
  maps,
  quote: cStyleQuote,
};
