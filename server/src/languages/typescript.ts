// TypeScript: `switch`/`case`, if/else chains, object literals and `new Map([[…]])` keyed by codes.
// JavaScript and TSX reuse this file with their own grammars.
import { readTestedArms } from '../analysis/chains';
import type { Node } from '../analysis/parsing';
import {
  keyValuePairs,
  cStyleChains,
  binaryOperands,
  bareLabel,
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
  type ArmShape,
  type ConstructShape,
  type LabelShape,
  type LanguageSupport,
  type RenderedLine,
} from './language';

const TERMINATORS = new Set(['break_statement', 'return_statement', 'throw_statement', 'continue_statement']);

/** Whether the last statement leaves the case, looking into trailing blocks (a loop: blocks nest deep). */
function endsControlFlow(statements: readonly Node[]): boolean {
  let last: Node | undefined = statements[statements.length - 1];
  while (last?.type === 'statement_block') last = namedChildren(last).filter((n) => n.type !== 'comment').at(-1);
  return last !== undefined && TERMINATORS.has(last.type);
}

/** `labels`: read from the case's test in a switch over tests; else from its string value. */
function readArm(node: Node, labels?: LabelShape[]): ArmShape {
  const isDefault = node.type === 'switch_default';
  const value = node.childForFieldName('value');
  const label = value && (value.type === 'string' || value.type === 'template_string') ? readStringLiteral(value) : undefined;
  const body = node.childrenForFieldName('body').filter((n): n is Node => n !== null && n.type !== 'comment');
  return {
    span: spanOf(node),
    labels: labels ?? (label ? [label] : []),
    isDefault,
    isBareLabel: body.length === 0,
    fallsThrough: !endsControlFlow(body),
  };
}

/** `switch (true)`: each case is a test, as in an if/else chain. */
const isTrue = (node: Node) => node.type === 'parenthesized_expression' && node.namedChildCount === 1 && node.namedChild(0)!.type === 'true';

export function readSwitchStatement(node: Node): ConstructShape | undefined {
  const subject = node.childForFieldName('value');
  const body = node.childForFieldName('body');
  if (!subject || !body) return undefined;
  const cases = namedChildren(body).filter((n) => n.type === 'switch_case' || n.type === 'switch_default');
  const shape = { family: 'switch', kind: 'switch', form: 'statement', head: { start: node.startIndex, end: subject.endIndex }, span: spanOf(node) } as const;
  if (!isTrue(subject)) return { ...shape, arms: cases.map((c) => readArm(c)) };
  const values = cases.map((c) => c.childForFieldName('value'));
  const tested = readTestedArms(values.map((v) => (v ? [v] : [])), ecmaScriptChains);
  return tested && { ...shape, arms: cases.map((c, i) => readArm(c, tested.labels[i])), subject: tested.subject };
}

/** `label` writes a code as a case's label: quoted, or a test of the subject in a switch over tests. */
export function renderCaseStatements(groups: Parameters<LanguageSupport['renderArms']>[0], quote: string, label = (code: string) => cStyleQuote(code, quote)): RenderedLine[] {
  const lines: RenderedLine[] = [];
  for (const group of groups) {
    lines.push([0, `// ${group.comment}`]);
    for (const code of group.codes) lines.push([0, `case ${label(code)}:`]);
    lines.push([1, `throw new Error(${cStyleQuote(group.message, quote)});`]);
  }
  return lines;
}

const isString = (node: Node) => node.type === 'string';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The subject of `[…].includes(subject)` or `new Set([…]).has(subject)`, with the list's labels. */
function membership(node: Node): ReturnType<ChainSupport['compare']> {
  const callee = node.childForFieldName('function');
  const args = namedChildren(node.childForFieldName('arguments') ?? node).filter((n) => n.type !== 'comment');
  if (callee?.type !== 'member_expression' || args.length !== 1) return undefined;
  const method = callee.childForFieldName('property')?.text;
  let list = callee.childForFieldName('object');
  if (method === 'has' && list?.type === 'new_expression' && list.childForFieldName('constructor')?.text === 'Set') {
    const setArgs = namedChildren(list.childForFieldName('arguments') ?? list);
    list = setArgs.length === 1 ? setArgs[0]! : null;
  } else if (method !== 'includes') return undefined;
  const labels = list?.type === 'array' ? stringElements(list) : undefined;
  return labels ? { subject: args[0]!.text.trim(), labels } : undefined;
}

const equalsTest = (subject: string, code: string, quote: string) => `${subject} === ${cStyleQuote(code, quote)}`;

const ecmaScriptChains = cStyleChains({
  ifType: 'if_statement',
  elseClause: 'else_clause',
  compare(node) {
    if (node.type === 'call_expression') return membership(node);
    const operands = binaryOperands(node, 'binary_expression', ['===', '==']);
    return operands && equalityWithString(...operands, isString);
  },
  parenthesize: true,
  test: equalsTest,
  stub: (message, quote) => `throw new Error(${cStyleQuote(message, quote)});`,
});

/** `[["a", …], ["b", …]]`, as passed to `new Map(…)`: every element a pair whose first item is a string. */
function pairEntries(node: Node): MapEntry[] | undefined {
  const entries: MapEntry[] = [];
  for (const element of namedChildren(node).filter((n) => n.type !== 'comment')) {
    const items = namedChildren(element).filter((n) => n.type !== 'comment');
    if (element.type !== 'array' || items.length !== 2 || !isString(items[0]!)) return undefined;
    entries.push({ key: items[0]!, value: items[1], span: spanOf(element) });
  }
  return entries;
}

const ecmaScriptMaps: MapSupport = {
  query: '[(object) (array)] @map',
  entries: (node) => (node.type === 'object' ? keyValuePairs(node) : pairEntries(node)),
  form: (node) => (node.type === 'object' ? 'object' : 'pairs'),
  keyLabel: (key) => (isString(key) ? readStringLiteral(key) : key.type === 'property_identifier' ? bareLabel(key) : undefined),
  functionSignature: (value) =>
    value.type === 'arrow_function' || value.type === 'function_expression' || value.type === 'function'
      ? textBefore(value, value.childForFieldName('body'))
      : undefined,
  functionStub: (signature, message, quote) => `${signature} { throw new Error(${cStyleQuote(message, quote)}); }`,
  render: (groups, style) =>
    renderMapEntries(groups, '//', (code, value) => {
      const key = style.form === 'object' && style.bareKeys && IDENTIFIER.test(code) ? code : cStyleQuote(code, style.quote);
      return style.form === 'object' ? `${key}: ${value}` : `[${key}, ${value}]`;
    }),
};

export function ecmaScriptLanguage(name: string, languageIds: string[], fileExtensions: string[], grammarFile: string): LanguageSupport {
  return {
    name,
    languageIds,
    fileExtensions,
    grammarFile,
    lineComment: '//',
    stringTypes: ['string', 'template_string'],
    commentTypes: ['comment'],
    isKey: (node) =>
      (node.type === 'property_identifier' && node.parent?.type === 'pair') || node.type === 'shorthand_property_identifier',
    constructQuery: '(switch_statement) @construct',
    readConstruct: readSwitchStatement,
    terminator: 'break;',
    renderArms: (groups, style) =>
      renderCaseStatements(groups, style.quote, style.subject ? (code) => equalsTest(style.subject, code, style.quote) : undefined),
    chains: ecmaScriptChains,
    // `undefined!` is `never` to TypeScript, so it fits a value of any type; JavaScript has no `!`.
    maps: { ...ecmaScriptMaps, neutralValue: grammarFile === 'tree-sitter-javascript.wasm' ? 'undefined' : 'undefined!' },
    quote: cStyleQuote,
  };
}

export const typescript = ecmaScriptLanguage('typescript', ['typescript'], ['.ts', '.mts', '.cts'], 'tree-sitter-typescript.wasm');
