// Ruby: `case`/`when "a", "b"` with `else` as the default; if/elsif chains with `==` and `%w[…].include?`;
// hashes keyed by strings or symbols.
import type { Node } from '../analysis/parsing';
import {
  keyValuePairs,
  binaryOperands,
  bareLabel,
  cStyleQuote,
  equalityWithString,
  renderMapEntries,
  stringElements,
  textBefore,
  type Branch,
  type ChainSupport,
  type Comparison,
  type MapSupport,
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

const isString = (node: Node) => node.type === 'string';
const SYMBOL = /^[A-Za-z_]\w*$/;

function ifBranches(node: Node): Branch[] | undefined {
  const out: Branch[] = [];
  for (let clause: Node | null = node; clause; clause = clause.childForFieldName('alternative')) {
    if (clause.type === 'else') {
      out.push({ span: spanOf(clause) });
      break;
    }
    const condition = clause.childForFieldName('condition');
    if (!condition) return undefined;
    const body = clause.childForFieldName('consequence') ?? condition;
    out.push({ condition, span: { start: clause.startIndex, end: body.endIndex } });
  }
  return out;
}

/** `["a", "b"].include?(code)` and `%w[a b].include?(code)`. */
function membership(node: Node): Comparison | undefined {
  const receiver = node.childForFieldName('receiver');
  const args = namedChildren(node.childForFieldName('arguments') ?? node).filter((n) => n.type !== 'comment');
  if (node.childForFieldName('method')?.text !== 'include?' || !receiver || args.length !== 1) return undefined;
  const labels =
    receiver.type === 'array' ? stringElements(receiver) : receiver.type === 'string_array' ? stringElements(receiver, (word) => (word.type === 'bare_string' ? bareLabel(word) : undefined)) : undefined;
  return labels ? { subject: args[0]!.text.trim(), labels } : undefined;
}

const chains: ChainSupport = {
  query: '(if) @chain',
  branches: ifBranches,
  disjuncts: (node) => binaryOperands(node, 'binary', ['||', 'or']),
  compare(node) {
    if (node.type === 'call') return membership(node);
    const operands = binaryOperands(node, 'binary', ['==']);
    return operands && equalityWithString(...operands, isString);
  },
  joinsInline: false,
  render(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      const tests = group.codes.map((code) => `${style.subject} == ${cStyleQuote(code, style.quote)}`);
      // A line that ends in `||` goes on; one that does not would end the condition.
      if (fitsOnOneLine(tests, ' || ')) lines.push([0, `elsif ${tests.join(' || ')}`]);
      else tests.forEach((test, i) => lines.push([i === 0 ? 0 : 2, `${i === 0 ? 'elsif ' : ''}${test}${i === tests.length - 1 ? '' : ' ||'}`]));
      lines.push([1, `# ${group.comment}`]);
      lines.push([1, `raise NotImplementedError, ${cStyleQuote(group.message, style.quote)}`]);
    }
    return lines;
  },
};

const maps: MapSupport = {
  query: '(hash) @map',
  entries: keyValuePairs,
  // `"a" => …` keys are strings; `a: …` and `"a b": …` keys are symbols, and new keys must be too.
  form: (node) => (namedChildren(node).find((n) => n.type === 'pair')?.children.some((c) => c?.type === '=>') ? 'rocket' : 'symbol'),
  keyLabel(key) {
    if (isString(key)) return readStringLiteral(key);
    if (key.type === 'hash_key_symbol') return bareLabel(key);
    if (key.type === 'simple_symbol') return bareLabel(key, 1);
    // `:"file size"`: the quoted part after the colon is the label.
    const quoted = key.type === 'delimited_symbol' ? /^:(["'])([^"'\\#]*)\1$/.exec(key.text) : null;
    return quoted ? { value: quoted[2]!, span: { start: key.startIndex + 1, end: key.endIndex }, quote: quoted[1]! } : undefined;
  },
  functionSignature: (value) => (value.type === 'lambda' ? textBefore(value, value.childForFieldName('body')) : undefined),
  functionStub: (signature, message, quote) => `${signature} { raise NotImplementedError, ${cStyleQuote(message, quote)} }`,
  render: (groups, style) =>
    renderMapEntries(groups, '#', (code, value) => {
      const quoted = cStyleQuote(code, style.quote);
      if (style.form === 'symbol') return `${SYMBOL.test(code) ? code : quoted}: ${value}`;
      return style.bareKeys ? `:${SYMBOL.test(code) ? code : quoted} => ${value}` : `${quoted} => ${value}`;
    }),
};

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
    return { family: 'switch', kind: 'case', form: 'when', head: { start: node.startIndex, end: value.endIndex }, span: spanOf(node), arms };
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
  chains,
  maps,
  quote: cStyleQuote,
};
