// C#: `switch` statements (`case "a":`) and `switch` expressions (`"a" or "b" =>`).
import type { Node } from '../analysis/parsing';
import {
  cStyleQuote,
  namedChildren,
  readStringLiteral,
  spanOf,
  fitsOnOneLine,
  type ArmShape,
  type LabelShape,
  type LanguageSupport,
  type RenderedLine,
} from './language';

const STRING_TYPES = ['string_literal', 'verbatim_string_literal', 'raw_string_literal'];

/** Labels of a constant string pattern or an `or` of them; undefined for any other pattern. */
function patternLabels(pattern: Node): LabelShape[] | undefined {
  if (STRING_TYPES.includes(pattern.type)) {
    const label = readStringLiteral(pattern);
    return label ? [label] : undefined;
  }
  if (pattern.type === 'constant_pattern' || pattern.type === 'parenthesized_pattern') {
    const inner = namedChildren(pattern);
    return inner.length === 1 ? patternLabels(inner[0]!) : undefined;
  }
  if (pattern.type === 'or_pattern') {
    const parts = namedChildren(pattern).map(patternLabels);
    return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
  }
  return undefined;
}

const PATTERN_TYPES = new Set(['constant_pattern', 'or_pattern', 'parenthesized_pattern', ...STRING_TYPES]);

function readSection(section: Node): ArmShape | undefined {
  if (section.type !== 'switch_section') return undefined;
  const children = namedChildren(section);
  const patterns = children.filter((n) => PATTERN_TYPES.has(n.type));
  const statements = children.filter((n) => !PATTERN_TYPES.has(n.type) && n.type !== 'when_clause' && n.type !== 'comment');
  const isBareLabel = statements.length === 0;
  return {
    span: spanOf(section),
    labels: patterns.flatMap((p) => patternLabels(p) ?? []),
    isDefault: /^default\s*:/.test(section.text),
    isBareLabel,
    // A non-empty section cannot fall through in C#; a bare label runs on into the next one.
    fallsThrough: isBareLabel,
  };
}

function readExpressionArm(arm: Node): ArmShape | undefined {
  if (arm.type !== 'switch_expression_arm') return undefined;
  const pattern = namedChildren(arm)[0];
  const guarded = namedChildren(arm).some((n) => n.type === 'when_clause');
  const isDefault = !guarded && (pattern?.type === 'discard' || (pattern?.type === 'var_pattern'));
  return {
    span: spanOf(arm),
    labels: pattern ? patternLabels(pattern) ?? [] : [],
    isDefault,
    isBareLabel: false,
    fallsThrough: false,
  };
}

export const csharp: LanguageSupport = {
  name: 'csharp',
  languageIds: ['csharp'],
  fileExtensions: ['.cs'],
  grammarFile: 'tree-sitter-c-sharp.wasm',
  lineComment: '//',
  stringTypes: STRING_TYPES,
  commentTypes: ['comment'],
  isKey: () => false,
  constructQuery: '[(switch_statement) (switch_expression)] @construct',
  readConstruct(node) {
    if (node.type === 'switch_statement') {
      const value = node.childForFieldName('value');
      const body = node.childForFieldName('body');
      if (!value || !body) return undefined;
      const arms = namedChildren(body)
        .map(readSection)
        .filter((a): a is ArmShape => a !== undefined);
      return { kind: 'switch', form: 'statement', head: { start: node.startIndex, end: value.endIndex }, span: spanOf(node), arms };
    }
    const keyword = node.children.find((c) => c?.type === 'switch');
    if (!keyword) return undefined;
    const arms = namedChildren(node)
      .map(readExpressionArm)
      .filter((a): a is ArmShape => a !== undefined);
    return {
      kind: 'switch expression',
      form: 'expression',
      head: { start: node.startIndex, end: keyword.endIndex },
      span: spanOf(node),
      arms,
      armSeparator: ',',
    };
  },
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const quoted = group.codes.map((c) => cStyleQuote(c, '"'));
      const stub = `throw new System.NotImplementedException(${cStyleQuote(group.message, '"')})`;
      if (style.form === 'expression') {
        if (fitsOnOneLine(quoted, ' or ')) lines.push([0, `${quoted.join(' or ')} => ${stub},`]);
        else quoted.forEach((label, i) => lines.push([i === 0 ? 0 : 1, i === quoted.length - 1 ? `${label} => ${stub},` : `${label} or`]));
      } else {
        for (const label of quoted) lines.push([0, `case ${label}:`]);
        lines.push([1, `${stub};`]);
      }
    }
    return lines;
  },
  quote: (value) => cStyleQuote(value, '"'),
};
