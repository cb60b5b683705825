// PHP: `switch` and `match`; if/elseif chains with `===` and `in_array`; array literals keyed by codes.
import type { Node } from '../analysis/parsing';
import {
  binaryOperands,
  withoutComments,
  cStyleQuote,
  equalityWithString,
  renderInlineChain,
  renderMapEntries,
  stringElements,
  textBefore,
  type Branch,
  type ChainSupport,
  type Comparison,
  type MapEntry,
  type MapSupport,
  namedChildren,
  readStringLiteral,
  spanOf,
  fitsOnOneLine,
  followsElse,
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

const isString = (node: Node) => STRING_TYPES.includes(node.type);
const STUB = (message: string, quote: string) => `throw new \\LogicException(${cStyleQuote(message, quote)})`;

/** Branches of `if (…) {…} elseif (…) {…} else if (…) {…} else {…}`; the colon form (`endif`) is left alone. */
function ifBranches(node: Node): Branch[] | undefined {
  const out: Branch[] = [];
  const read = (ifNode: Node): boolean => {
    const condition = ifNode.childForFieldName('condition');
    const body = ifNode.childForFieldName('body');
    if (!condition || body?.type !== 'compound_statement') return false;
    out.push({ condition, span: { start: ifNode.startIndex, end: body.endIndex } });
    for (const clause of ifNode.childrenForFieldName('alternative')) {
      const clauseBody = clause?.childForFieldName('body');
      if (clause?.type === 'else_if_clause') {
        const test = clause.childForFieldName('condition');
        if (!test || clauseBody?.type !== 'compound_statement') return false;
        out.push({ condition: test, span: spanOf(clause) });
      } else if (clause?.type === 'else_clause') {
        if (clauseBody?.type === 'if_statement') return read(clauseBody);
        if (clauseBody?.type !== 'compound_statement') return false;
        out.push({ span: spanOf(clause) });
      }
    }
    return true;
  };
  return read(node) ? out : undefined;
}

const chains: ChainSupport = {
  query: '(if_statement) @chain',
  branches: (node, text) => (followsElse(node, text, 'else_clause') ? undefined : ifBranches(node)),
  disjuncts: (node) => binaryOperands(node, 'binary_expression', ['||', 'or']),
  compare(node): Comparison | undefined {
    if (node.type === 'function_call_expression') {
      const args = withoutComments(namedChildren(node.childForFieldName('arguments') ?? node)).map((a) => namedChildren(a)[0] ?? a);
      if (node.childForFieldName('function')?.text !== 'in_array' || args.length < 2 || args[1]!.type !== 'array_creation_expression') return undefined;
      const labels = stringElements(args[1]!, (element) => {
        const items = namedChildren(element);
        return items.length === 1 && isString(items[0]!) ? readStringLiteral(items[0]!) : undefined;
      });
      return labels ? { subject: args[0]!.text.trim(), labels } : undefined;
    }
    const operands = binaryOperands(node, 'binary_expression', ['===', '==']);
    return operands && equalityWithString(...operands, isString);
  },
  joinsInline: true,
  render: (groups, style) =>
    renderInlineChain(groups, {
      keyword: 'elseif',
      parenthesize: true,
      test: (code) => `${style.subject} === ${cStyleQuote(code, style.quote)}`,
      stub: (message) => `${STUB(message, style.quote)};`,
      lineComment: '//',
    }, style),
};

const maps: MapSupport = {
  query: '(array_creation_expression) @map',
  entries(node) {
    const entries: MapEntry[] = [];
    for (const element of withoutComments(namedChildren(node))) {
      const items = withoutComments(namedChildren(element));
      // `'a' => …`; a list element has no key, and a list is not a map.
      if (element.type !== 'array_element_initializer' || items.length !== 2 || !element.children.some((c) => c?.type === '=>')) return undefined;
      entries.push({ key: items[0]!, value: items[1], span: spanOf(element) });
    }
    return entries;
  },
  keyLabel: (key) => (isString(key) ? readStringLiteral(key) : undefined),
  functionSignature: (value) =>
    value.type === 'arrow_function' || value.type === 'anonymous_function' ? textBefore(value, value.childForFieldName('body')) : undefined,
  functionStub: (signature, message, quote) =>
    signature.startsWith('fn') || signature.startsWith('static fn') ? `${signature} ${STUB(message, quote)}` : `${signature} { ${STUB(message, quote)}; }`,
  render: (groups, style) => renderMapEntries(groups, '//', (code, value) => `${cStyleQuote(code, style.quote)} => ${value}`),
};

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
      return { family: 'switch', kind: 'switch', form: 'switch', head, span: spanOf(node), arms };
    }
    const arms = namedChildren(body).map(readMatchArm).filter((a): a is ArmShape => a !== undefined);
    return { family: 'switch', kind: 'match', form: 'match', head, span: spanOf(node), arms, armSeparator: ',' };
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
  chains,
  maps,
  quote: cStyleQuote,
};
