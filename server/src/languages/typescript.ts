// TypeScript: `switch`/`case`. JavaScript and TSX reuse this file with their own grammars.
import type { Node } from '../analysis/parsing';
import {
  cStyleQuote,
  namedChildren,
  readStringLiteral,
  spanOf,
  type ArmShape,
  type ConstructShape,
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

function readArm(node: Node): ArmShape | undefined {
  const isDefault = node.type === 'switch_default';
  if (!isDefault && node.type !== 'switch_case') return undefined;
  const value = node.childForFieldName('value');
  const label = value && (value.type === 'string' || value.type === 'template_string') ? readStringLiteral(value) : undefined;
  const body = node.childrenForFieldName('body').filter((n): n is Node => n !== null && n.type !== 'comment');
  return {
    span: spanOf(node),
    labels: label ? [label] : [],
    isDefault,
    isBareLabel: body.length === 0,
    fallsThrough: !endsControlFlow(body),
  };
}

export function readSwitchStatement(node: Node): ConstructShape | undefined {
  const subject = node.childForFieldName('value');
  const body = node.childForFieldName('body');
  if (!subject || !body) return undefined;
  const arms = namedChildren(body)
    .map(readArm)
    .filter((a): a is ArmShape => a !== undefined);
  return { kind: 'switch', form: 'statement', head: { start: node.startIndex, end: subject.endIndex }, span: spanOf(node), arms };
}

export function renderCaseStatements(groups: Parameters<LanguageSupport['renderArms']>[0], quote: string): RenderedLine[] {
  const lines: RenderedLine[] = [];
  for (const group of groups) {
    lines.push([0, `// ${group.comment}`]);
    for (const code of group.codes) lines.push([0, `case ${cStyleQuote(code, quote)}:`]);
    lines.push([1, `throw new Error(${cStyleQuote(group.message, quote)});`]);
  }
  return lines;
}

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
    renderArms: (groups, style) => renderCaseStatements(groups, style.quote),
    quote: cStyleQuote,
  };
}

export const typescript = ecmaScriptLanguage('typescript', ['typescript'], ['.ts', '.mts', '.cts'], 'tree-sitter-typescript.wasm');
