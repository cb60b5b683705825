// Python: `match`/`case`, including `case "a" | "b":` and the `case _:` default.
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

/** The string labels of a pattern that is a string or an `|` of strings; undefined for any other pattern. */
function patternLabels(pattern: Node): LabelShape[] | undefined {
  if (pattern.type === 'string') {
    const label = readStringLiteral(pattern);
    return label ? [label] : undefined;
  }
  // `case ("a" | "b"):` parses as a one-element tuple pattern; without a comma it is only parentheses.
  if (pattern.type === 'case_pattern' || (pattern.type === 'tuple_pattern' && !pattern.children.some((c) => c?.type === ','))) {
    const inner = namedChildren(pattern);
    return inner.length === 1 ? patternLabels(inner[0]!) : undefined;
  }
  if (pattern.type === 'union_pattern') {
    const parts = namedChildren(pattern).map(patternLabels);
    return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
  }
  return undefined;
}

function readArm(clause: Node): ArmShape | undefined {
  if (clause.type !== 'case_clause') return undefined;
  const patterns = namedChildren(clause).filter((n) => n.type === 'case_pattern');
  const guard = clause.childForFieldName('guard');
  const only = patterns.length === 1 ? patterns[0]! : undefined;
  const inner = only ? namedChildren(only) : [];
  // `case _:` and a bare capture `case other:` match everything.
  const isDefault =
    !guard && only !== undefined && (only.text === '_' || (inner.length === 1 && inner[0]!.type === 'dotted_name' && !inner[0]!.text.includes('.')));
  const labels = only && inner.length === 1 ? patternLabels(inner[0]!) ?? [] : [];
  return { span: spanOf(clause), labels, isDefault, fallsThrough: false, isBareLabel: false };
}

export const python: LanguageSupport = {
  name: 'python',
  languageIds: ['python'],
  fileExtensions: ['.py', '.pyi'],
  grammarFile: 'tree-sitter-python.wasm',
  lineComment: '#',
  stringTypes: ['string'],
  commentTypes: ['comment'],
  isKey: () => false,
  constructQuery: '(match_statement) @construct',
  readConstruct(node) {
    const subject = node.childForFieldName('subject');
    const body = node.childForFieldName('body');
    if (!subject || !body) return undefined;
    const arms = namedChildren(body)
      .map(readArm)
      .filter((a): a is ArmShape => a !== undefined);
    return { kind: 'match', form: 'match', head: { start: node.startIndex, end: subject.endIndex }, span: spanOf(node), arms };
  },
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `# ${group.comment}`]);
      const labels = group.codes.map((c) => cStyleQuote(c, style.quote));
      if (fitsOnOneLine(labels, ' | ')) {
        lines.push([0, `case ${labels.join(' | ')}:`]);
      } else {
        lines.push([0, 'case (']);
        labels.forEach((label, i) => lines.push([1, i === 0 ? label : `| ${label}`]));
        lines.push([0, '):']);
      }
      lines.push([1, `raise NotImplementedError(${cStyleQuote(group.message, style.quote)})`]);
    }
    return lines;
  },
  quote: cStyleQuote,
};
