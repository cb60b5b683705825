// Go: expression `switch` with `case "a", "b":`.
import type { Node } from '../analysis/parsing';
import {
  cStyleQuote,
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
    return { kind: 'switch', form: 'expression', head: { start: node.startIndex, end: subject.endIndex }, span: spanOf(node), arms };
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
  quote: cStyleQuote,
};
