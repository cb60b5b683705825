// Ruby: `case`/`when "a", "b"` with `else` as the default, and `case` with no subject over tests; if/elsif
// chains with `==` and `%w[…].include?`; hashes keyed by strings or symbols.
import { readTestedArms } from '../analysis/constructs/chains';
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
  namedLabel,
  spanOf,
  fitsOnOneLine,
  type ArmShape,
  type LabelShape,
  type LanguageSupport,
  withoutComments,
  type RenderedLine,
  type ImportSupport,
  writtenLabel,
  constantLabel,
  stubBody,
} from './language';

/** `labels`: read from the `when`'s tests in a `case` with no subject; else from its string patterns. */
function readArm(node: Node, labels?: LabelShape[]): ArmShape {
  if (node.type === 'else') return { span: spanOf(node), labels: [], isDefault: true, isBareLabel: false, fallsThrough: false };
  // Strings, and constants (`SPAM`, `Codes::TOKEN`) resolved later.
  const strings = () =>
    childrenOfType(node, 'pattern')
      .flatMap((p) => namedChildren(p))
      .map((n) => (n.type === 'string' ? readStringLiteral(n) : namedLabel(n, ['constant', 'scope_resolution'])))
      .filter((l) => l !== undefined);
  return { span: spanOf(node), labels: labels ?? strings(), isDefault: false, isBareLabel: false, fallsThrough: false };
}

/** A `when`'s tests, any of which selects it; none for `else`. */
function testsOf(arm: Node): Node[] {
  return childrenOfType(arm, 'pattern').flatMap((p) => withoutComments(namedChildren(p)));
}

const isString = (node: Node) => node.type === 'string';

/** `SPAM = "…"` (a code) at the top, or in a module or class (`Codes::TOKEN`). */
const declarations: NonNullable<LanguageSupport['declarations']> = {
  query: '(program (assignment) @declaration)\n[(module) (class)] @declaration',
  read(node) {
    const constant = (statement: Node, prefix: string): [string, string] | undefined => {
      const left = statement.type === 'assignment' ? statement.childForFieldName('left') : null;
      const right = statement.childForFieldName('right');
      const literal = right && isString(right) ? readStringLiteral(right) : undefined;
      return left?.type === 'constant' && literal ? [prefix + left.text, literal.value] : undefined;
    };
    if (node.type === 'assignment') {
      const found = constant(node, '');
      return found ? { constants: [found] } : undefined;
    }
    const owner = node.childForFieldName('name')?.text;
    const body = namedChildren(node).find((n) => n.type === 'body_statement');
    if (!owner || !body) return undefined;
    const constants = namedChildren(body).map((n) => constant(n, `${owner}.`)).filter((c) => c !== undefined);
    return constants.length > 0 ? { constants } : undefined;
  },
};
const SYMBOL = /^[A-Za-z_]\w*$/;

const REQUIRE_RELATIVE = /^[ \t]*require_relative[ \t(]+(['"])([^'"\n]+)\1/gm;

/** `require_relative 'codes'`: Ruby's constants are global, so every one the file declares, by its own name. */
const imports: ImportSupport = {
  clauses: (text) =>
    text.includes('require_relative') ? [...text.matchAll(REQUIRE_RELATIVE)].map(([, , spec]) => ({ from: [spec!.endsWith('.rb') ? spec! : `${spec}.rb`], names: [], everything: true })) : [],
};

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

const equalsTest = (subject: string, code: string, quote: string, constant?: string) => `${subject} == ${constant ?? cStyleQuote(code, quote)}`;

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
      const tests = group.codes.map((code) => equalsTest(style.subject, code, style.quote, style.labelFor?.(code)));
      // A line that ends in `||` goes on; one that does not would end the condition.
      if (fitsOnOneLine(tests, ' || ')) lines.push([0, `elsif ${tests.join(' || ')}`]);
      else tests.forEach((test, i) => lines.push([i === 0 ? 0 : 2, `${i === 0 ? 'elsif ' : ''}${test}${i === tests.length - 1 ? '' : ' ||'}`]));
      lines.push([1, `# ${group.comment}`]);
      for (const line of stubBody(group, `raise NotImplementedError, ${cStyleQuote(group.message, style.quote)}`)) lines.push([1, line]);
    }
    return lines;
  },
};

const maps: MapSupport = {
  neutralValue: 'nil',
  query: '(hash) @map',
  entries: keyValuePairs,
  // `"a" => …` keys are strings; `a: …` and `"a b": …` keys are symbols, and new keys must be too.
  form: (node) => (namedChildren(node).find((n) => n.type === 'pair')?.children.some((c) => c?.type === '=>') ? 'rocket' : 'symbol'),
  keyLabel(key) {
    if (isString(key)) return readStringLiteral(key);
    if (key.type === 'hash_key_symbol') return bareLabel(key);
    if (key.type === 'constant' || key.type === 'scope_resolution') return constantLabel(key, true);
    if (key.type === 'simple_symbol') return bareLabel(key, 1);
    // `:"file size"`: the quoted part after the colon is the label.
    const quoted = key.type === 'delimited_symbol' ? /^:(["'])([^"'\\#]*)\1$/.exec(key.text) : null;
    return quoted ? { value: quoted[2]!, span: { start: key.startIndex + 1, end: key.endIndex }, quote: quoted[1]! } : undefined;
  },
  functionSignature: (value) => (value.type === 'lambda' ? textBefore(value, value.childForFieldName('body')) : undefined),
  functionStub: (signature, message, quote) => `${signature} { raise NotImplementedError, ${cStyleQuote(message, quote)} }`,
  render: (groups, style) =>
    renderMapEntries(groups, '#', (code, value) => {
      const constant = style.labelFor?.(code);
      if (constant) return `${constant} => ${value}`;
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
  constructQuery: '(case) @construct',
  readConstruct(node) {
    const value = node.childForFieldName('value');
    const arms = childrenOfType(node, 'when', 'else');
    const shape = { family: 'switch', kind: 'case', form: 'when', span: spanOf(node) } as const;
    if (value) return { ...shape, head: { start: node.startIndex, end: value.endIndex }, arms: arms.map((arm) => readArm(arm)) };
    // `case` with no subject: each `when` is selected by tests, as in an if/elsif chain.
    const tested = readTestedArms(arms.map(testsOf), chains);
    return tested && { ...shape, head: { start: node.startIndex, end: node.startIndex + 'case'.length }, arms: arms.map((arm, i) => readArm(arm, tested.labels[i])), subject: tested.subject };
  },
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `# ${group.comment}`]);
      const labels = group.codes.map((c) => (style.subject ? equalsTest(style.subject, c, style.quote, style.labelFor?.(c)) : writtenLabel(style, c)));
      if (fitsOnOneLine(labels, ', ')) lines.push([0, `when ${labels.join(', ')}`]);
      else labels.forEach((label, i) => lines.push([i === 0 ? 0 : 2, `${i === 0 ? 'when ' : ''}${label}${i === labels.length - 1 ? '' : ','}`]));
      for (const line of stubBody(group, `raise NotImplementedError, ${cStyleQuote(group.message, style.quote)}`)) lines.push([1, line]);
    }
    return lines;
  },
  chains,
  maps,
  declarations,
  imports,
  handler: {
    head: (subject) => [`case ${subject}`],
    tail: [[0, 'end']],
    armDepth: 0,
    form: 'when',
    chainTail: ['end'],
    map: { head: (name) => [`${name} = {`], tail: [[0, '}']], form: 'rocket', name: 'tiktok_error_messages' },
  },
  writeName: (name) => name.replace(/\./g, '::'),
  quote: cStyleQuote,
};
