// Java: `switch` statements and expressions, colon and arrow forms, `case "a", "b" ->`.
import type { Node } from '../analysis/parsing';
import {
  cStyleQuote,
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
    return { kind: 'switch', form: arrow ? 'arrow' : 'colon', head: { start: node.startIndex, end: condition.endIndex }, span: spanOf(node), arms };
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
  quote: (value) => cStyleQuote(value, '"'),
};
