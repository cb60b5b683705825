// Go: expression `switch` with `case "a", "b":` and `switch {` over tests; if/else chains with `==` and
// `slices.Contains`; map literals.
import { readTestedArms } from '../analysis/constructs/chains';
import type { Node } from '../analysis/parsing';
import { fallThroughComment } from '../analysis/fixes/insertArms';
import {
  cStyleChains,
  binaryOperands,
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
  namedLabel,
  parameterType,
  spanOf,
  fitsOnOneLine,
  type ArmShape,
  type LabelShape,
  type LanguageSupport,
  withoutComments,
  type RenderedLine,
  writtenLabel,
  constantLabel,
  stubBody,
} from './language';

const STRING_TYPES = ['interpreted_string_literal', 'raw_string_literal'];

/** `labels`: read from the case's tests in a switch over tests; else from its string values. */
function readArm(node: Node, labels?: LabelShape[]): ArmShape {
  const values = node.childForFieldName('value');
  // Strings, and constants (`ErrSpam`, `api.ErrSpam`) whose codes are resolved later.
  const strings = values
    ? namedChildren(values)
        .map((n) => (STRING_TYPES.includes(n.type) ? readStringLiteral(n) : namedLabel(n, NAME_TYPES)))
        .filter((l) => l !== undefined)
    : [];
  const statements = namedChildren(node).filter((n) => n.type === 'statement_list').flatMap(namedChildren);
  const last = statements.filter((n) => n.type !== 'comment').at(-1);
  return {
    span: spanOf(node),
    labels: labels ?? strings,
    isDefault: node.type === 'default_case',
    isBareLabel: false,
    fallsThrough: last?.type === 'fallthrough_statement',
  };
}

const isString = (node: Node) => STRING_TYPES.includes(node.type);
const NAME_TYPES = ['identifier', 'selector_expression'];
const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/**
 * `const` blocks of string constants: `ErrSpam = "spam_risk"`, typed or not. The constants of one named type
 * (`type ErrorCode string`; `ErrSpam ErrorCode = "spam_risk"`) are that type's members, as an enum's.
 */
const declarations: NonNullable<LanguageSupport['declarations']> = {
  query: '(const_declaration) @declaration',
  read(node) {
    const constants: Array<[string, string]> = [];
    const members = new Map<string, Array<{ value: string; name: string }>>();
    for (const spec of namedChildren(node).filter((n) => n.type === 'const_spec')) {
      const names = spec.childrenForFieldName('name').filter((n): n is Node => n !== null);
      const values = spec.childForFieldName('value');
      const strings = values ? namedChildren(values) : [];
      const type = spec.childForFieldName('type')?.text;
      names.forEach((name, i) => {
        const literal = strings[i] && isString(strings[i]!) ? readStringLiteral(strings[i]!) : undefined;
        if (!literal) return;
        constants.push([name.text, literal.value]);
        if (type && type !== 'string') (members.get(type) ?? members.set(type, []).get(type)!).push({ value: literal.value, name: name.text });
      });
    }
    if (constants.length === 0) return undefined;
    const [typed] = [...members];
    return { constants, ...(typed ? { type: { name: typed[0], kind: 'enum' as const, members: typed[1] } } : {}) };
  },
};

/** A composite literal's elements, each unwrapped from its `literal_element`. */
function elementOf(node: Node | null): Node | undefined {
  return node?.type === 'literal_element' ? namedChildren(node)[0] : node ?? undefined;
}

/** `slices.Contains([]string{"a", "b"}, subject)`. */
function membership(node: Node): ReturnType<ChainSupport['compare']> {
  const args = namedChildren(node.childForFieldName('arguments') ?? node).filter((n) => n.type !== 'comment');
  if (node.childForFieldName('function')?.text !== 'slices.Contains' || args.length !== 2 || args[0]!.type !== 'composite_literal') return undefined;
  const body = args[0]!.childForFieldName('body');
  const labels = body ? stringElements(body, (element) => { const inner = elementOf(element); return inner && isString(inner) ? readStringLiteral(inner) : undefined; }) : undefined;
  return labels ? { subject: args[1]!.text.trim(), labels } : undefined;
}

const equalsTest = (subject: string, code: string, _quote?: string, constant?: string) => `${subject} == ${constant ?? cStyleQuote(code, '"')}`;

const chains = cStyleChains({
  ifType: 'if_statement',
  compare(node) {
    if (node.type === 'call_expression') return membership(node);
    const operands = binaryOperands(node, 'binary_expression', ['==']);
    return operands && equalityWithString(...operands, isString);
  },
  parenthesize: false,
  test: equalsTest,
  stub: (message) => `panic(${cStyleQuote(message, '"')})`,
});

const maps: MapSupport = {
  query: '(composite_literal type: (map_type)) @map',
  entries(node) {
    const body = node.childForFieldName('body');
    if (!body) return undefined;
    const entries: MapEntry[] = [];
    for (const element of namedChildren(body).filter((n) => n.type === 'keyed_element')) {
      const [key, value] = namedChildren(element).map(elementOf);
      if (key) entries.push({ key, value, span: spanOf(element) });
    }
    return entries;
  },
  keyLabel: (key) => (isString(key) ? readStringLiteral(key) : constantLabel(key, true)),
  functionSignature: (value) => (value.type === 'func_literal' ? textBefore(value, value.childForFieldName('body')) : undefined),
  functionStub: (signature, message) => `${signature} { panic(${cStyleQuote(message, '"')}) }`,
  render: (groups, style) => renderMapEntries(groups, '//', (code, value) => `${writtenLabel(style, code, '"')}: ${value}`),
};

export const go: LanguageSupport = {
  name: 'go',
  languageIds: ['go'],
  fileExtensions: ['.go'],
  grammarFile: 'tree-sitter-go.wasm',
  lineComment: '//',
  stringTypes: STRING_TYPES,
  commentTypes: ['comment'],
  isKey: () => false,
  constructQuery: '(expression_switch_statement) @construct',
  readConstruct(node) {
    const subject = node.childForFieldName('value');
    const cases = namedChildren(node).filter((n) => n.type === 'expression_case' || n.type === 'default_case');
    const shape = { family: 'switch', kind: 'switch', form: 'expression', span: spanOf(node) } as const;
    if (subject) {
      const subjectType = parameterType(node, subject, FUNCTIONS, (parameter) => ({ name: parameter.childForFieldName('name')?.text, type: parameter.childForFieldName('type')?.text }));
      return { ...shape, head: { start: node.startIndex, end: subject.endIndex }, arms: cases.map((c) => readArm(c)), ...(subjectType ? { subjectType } : {}) };
    }
    // `switch {`: each case's values are tests, any of which selects it, as in an if/else chain.
    const tests = cases.map((c) => {
      const values = c.childForFieldName('value');
      return values ? withoutComments(namedChildren(values)) : [];
    });
    const tested = readTestedArms(tests, chains);
    const before = node.childForFieldName('initializer') ?? node.firstChild!;
    return tested && { ...shape, head: { start: node.startIndex, end: before.endIndex }, arms: cases.map((c, i) => readArm(c, tested.labels[i])), subject: tested.subject };
  },
  // Go's cases do not fall through unless told: `fallthrough` hands each group on, the last to `default`.
  renderFallThrough: (groups, style) =>
    style.subject
      ? []
      : groups.flatMap((group): RenderedLine[] => [[0, `// ${fallThroughComment(group.comment)}`], [0, `case ${group.codes.map((c) => writtenLabel(style, c, '"')).join(', ')}:`], [1, 'fallthrough']]),
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const labels = group.codes.map((c) => (style.subject ? equalsTest(style.subject, c, style.quote, style.labelFor?.(c)) : writtenLabel(style, c)));
      if (fitsOnOneLine(labels, ', ')) lines.push([0, `case ${labels.join(', ')}:`]);
      else labels.forEach((label, i) => lines.push([i === 0 ? 0 : 1, `${i === 0 ? 'case ' : ''}${label}${i === labels.length - 1 ? ':' : ','}`]));
      for (const line of stubBody(group, `panic(${cStyleQuote(group.message, '"')})`)) lines.push([1, line]);
    }
    return lines;
  },
  chains,
  maps,
  declarations,
  // gofmt writes a switch's cases at its own indentation.
  handler: {
    head: (subject) => [`switch ${subject} {`],
    tail: [[0, '}']],
    armDepth: 0,
    form: 'expression',
    map: { head: (name) => [`var ${name} = map[string]string{`], tail: [[0, '}']], form: 'map', name: 'tiktokErrorMessages' },
  },
  imports: {
    // A package is its folder: its files see each other's constants with no import.
    clauses: () => [],
    packageOf: (text) => /^package[ \t]+(\w+)/m.exec(text)?.[1] ?? '',
    // A test file sees the package's other files; they do not see it.
    sees: (importer, sibling) => !sibling.endsWith('_test.go') || importer.endsWith('_test.go'),
  },
  quote: cStyleQuote,
};
