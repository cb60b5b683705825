// Rust: `match` with `"a" | "b" =>` and the `_` arm as the default.
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

const STRING_TYPES = ['string_literal', 'raw_string_literal'];

function patternLabels(pattern: Node): LabelShape[] | undefined {
  if (STRING_TYPES.includes(pattern.type)) {
    const label = readStringLiteral(pattern);
    return label ? [label] : undefined;
  }
  if (pattern.type === 'or_pattern' || pattern.type === 'match_pattern') {
    const parts = namedChildren(pattern).map(patternLabels);
    return parts.length > 0 && parts.every((p) => p !== undefined) ? parts.flat() : undefined;
  }
  return undefined;
}

function readArm(node: Node): ArmShape | undefined {
  if (node.type !== 'match_arm') return undefined;
  const pattern = node.childForFieldName('pattern');
  const guarded = pattern ? pattern.childForFieldName('condition') !== null : false;
  // `_` and a bare binding (`other =>`) match everything.
  const inner = pattern ? namedChildren(pattern) : [];
  const isDefault = !guarded && pattern !== null && (pattern.text === '_' || (inner.length === 1 && inner[0]!.type === 'identifier'));
  return {
    span: spanOf(node),
    labels: pattern ? patternLabels(pattern) ?? [] : [],
    isDefault,
    isBareLabel: false,
    fallsThrough: false,
  };
}

export const rust: LanguageSupport = {
  name: 'rust',
  languageIds: ['rust'],
  fileExtensions: ['.rs'],
  grammarFile: 'tree-sitter-rust.wasm',
  lineComment: '//',
  stringTypes: STRING_TYPES,
  commentTypes: ['line_comment', 'block_comment'],
  isKey: () => false,
  constructQuery: '(match_expression) @construct',
  readConstruct(node) {
    const value = node.childForFieldName('value');
    const body = node.childForFieldName('body');
    if (!value || !body) return undefined;
    const arms = namedChildren(body)
      .map(readArm)
      .filter((a): a is ArmShape => a !== undefined);
    return { kind: 'match', form: 'match', head: { start: node.startIndex, end: value.endIndex }, span: spanOf(node), arms, armSeparator: ',' };
  },
  renderArms(groups) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const quoted = group.codes.map((c) => cStyleQuote(c, '"'));
      const stub = `todo!(${cStyleQuote(group.message, '"')}),`;
      if (fitsOnOneLine(quoted, ' | ')) lines.push([0, `${quoted.join(' | ')} => ${stub}`]);
      else quoted.forEach((label, i) => lines.push([0, `${i === 0 ? '' : '| '}${label}${i === quoted.length - 1 ? ` => ${stub}` : ''}`]));
    }
    return lines;
  },
  quote: (value) => cStyleQuote(value, '"'),
};
