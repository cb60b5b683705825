// Ruby: `case`/`when "a", "b"` with `else` as the default.
import type { Node } from '../analysis/parsing';
import {
  cStyleQuote,
  childrenOfType,
  namedChildren,
  readStringLiteral,
  spanOf,
  fitsOnOneLine,
  type ArmShape,
  type LanguageSupport,
  type RenderedLine,
} from './language';

function readArm(node: Node): ArmShape | undefined {
  if (node.type === 'else') return { span: spanOf(node), labels: [], isDefault: true, isBareLabel: false, fallsThrough: false };
  if (node.type !== 'when') return undefined;
  const labels = childrenOfType(node, 'pattern')
    .flatMap((p) => childrenOfType(p, 'string'))
    .map(readStringLiteral)
    .filter((l) => l !== undefined);
  return { span: spanOf(node), labels, isDefault: false, isBareLabel: false, fallsThrough: false };
}

export const ruby: LanguageSupport = {
  name: 'ruby',
  languageIds: ['ruby'],
  fileExtensions: ['.rb'],
  grammarFile: 'tree-sitter-ruby.wasm',
  lineComment: '#',
  stringTypes: ['string'],
  commentTypes: ['comment'],
  isKey: (node) => node.type === 'hash_key_symbol' || node.type === 'simple_symbol',
  constructQuery: '(case value: (_)) @construct',
  readConstruct(node) {
    const value = node.childForFieldName('value');
    if (!value) return undefined;
    const arms = namedChildren(node)
      .map(readArm)
      .filter((a): a is ArmShape => a !== undefined);
    return { kind: 'case', form: 'when', head: { start: node.startIndex, end: value.endIndex }, span: spanOf(node), arms };
  },
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `# ${group.comment}`]);
      const labels = group.codes.map((c) => cStyleQuote(c, style.quote));
      if (fitsOnOneLine(labels, ', ')) lines.push([0, `when ${labels.join(', ')}`]);
      else labels.forEach((label, i) => lines.push([i === 0 ? 0 : 2, `${i === 0 ? 'when ' : ''}${label}${i === labels.length - 1 ? '' : ','}`]));
      lines.push([1, `raise NotImplementedError, ${cStyleQuote(group.message, style.quote)}`]);
    }
    return lines;
  },
  quote: cStyleQuote,
};
