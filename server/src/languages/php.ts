// PHP: `switch` and `match`.
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

const STRING_TYPES = ['string', 'encapsed_string'];

/** Whether the last statement leaves the case, looking into trailing blocks (a loop: blocks nest deep). */
function endsControlFlow(statements: readonly Node[]): boolean {
  const lastOf = (nodes: readonly Node[]) => nodes.filter((n) => n.type !== 'comment').at(-1);
  let last = lastOf(statements);
  while (last?.type === 'compound_statement') last = lastOf(namedChildren(last));
  if (!last) return false;
  if (['break_statement', 'return_statement', 'continue_statement'].includes(last.type)) return true;
  return last.type === 'expression_statement' && namedChildren(last).some((n) => n.type === 'throw_expression' || n.type === 'exit_statement');
}

function stringsOf(node: Node | null) {
  if (!node) return [];
  const candidates = STRING_TYPES.includes(node.type) ? [node] : namedChildren(node).filter((n) => STRING_TYPES.includes(n.type));
  return candidates.map(readStringLiteral).filter((l) => l !== undefined);
}

function readSwitchArm(node: Node): ArmShape | undefined {
  const isDefault = node.type === 'default_statement';
  if (!isDefault && node.type !== 'case_statement') return undefined;
  const value = node.childForFieldName('value');
  const statements = namedChildren(node).filter((n) => n.id !== value?.id && n.type !== 'comment');
  return {
    span: spanOf(node),
    labels: stringsOf(value),
    isDefault,
    isBareLabel: statements.length === 0,
    fallsThrough: !endsControlFlow(statements),
  };
}

function readMatchArm(node: Node): ArmShape | undefined {
  const isDefault = node.type === 'match_default_expression';
  if (!isDefault && node.type !== 'match_conditional_expression') return undefined;
  return {
    span: spanOf(node),
    labels: stringsOf(node.childForFieldName('conditional_expressions')),
    isDefault,
    isBareLabel: false,
    fallsThrough: false,
  };
}

export const php: LanguageSupport = {
  name: 'php',
  languageIds: ['php'],
  fileExtensions: ['.php'],
  grammarFile: 'tree-sitter-php.wasm',
  lineComment: '//',
  stringTypes: STRING_TYPES,
  commentTypes: ['comment'],
  isKey: () => false,
  constructQuery: '[(switch_statement) (match_expression)] @construct',
  readConstruct(node) {
    const condition = node.childForFieldName('condition');
    const body = node.childForFieldName('body');
    if (!condition || !body) return undefined;
    const head = { start: node.startIndex, end: condition.endIndex };
    if (node.type === 'switch_statement') {
      const arms = namedChildren(body).map(readSwitchArm).filter((a): a is ArmShape => a !== undefined);
      return { kind: 'switch', form: 'switch', head, span: spanOf(node), arms };
    }
    const arms = namedChildren(body).map(readMatchArm).filter((a): a is ArmShape => a !== undefined);
    return { kind: 'match', form: 'match', head, span: spanOf(node), arms, armSeparator: ',' };
  },
  terminator: 'break;',
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const quoted = group.codes.map((c) => cStyleQuote(c, style.quote));
      const stub = `throw new \\LogicException(${cStyleQuote(group.message, style.quote)})`;
      if (style.form === 'match') {
        if (fitsOnOneLine(quoted, ', ')) lines.push([0, `${quoted.join(', ')} => ${stub},`]);
        else quoted.forEach((label, i) => lines.push([i === 0 ? 0 : 1, i === quoted.length - 1 ? `${label} => ${stub},` : `${label},`]));
      } else {
        for (const label of quoted) lines.push([0, `case ${label}:`]);
        lines.push([1, `${stub};`]);
      }
    }
    return lines;
  },
  quote: cStyleQuote,
};
