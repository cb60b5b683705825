// C#: `switch` statements (`case "a":`) and `switch` expressions (`"a" or "b" =>`); if/else chains with `==`,
// `Equals`, `is "a" or "b"` and `new[] { … }.Contains(code)`; dictionary initializers.
import type { Node } from '../analysis/parsing';
import { fallThroughComment } from '../analysis/fixes/insertArms';
import {
  cStyleChains,
  binaryOperands,
  withoutComments,
  cStyleQuote,
  equalityWithString,
  renderMapEntries,
  stringElements,
  textBefore,
  type Comparison,
  type MapEntry,
  type MapSupport,
  namedChildren,
  readStringLiteral,
  childrenOfType,
  namedLabel,
  spanOf,
  fitsOnOneLine,
  type ArmShape,
  type LabelShape,
  type LanguageSupport,
  type RenderedLine,
  constantLabel,
  writtenLabel,
  stubBody,
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
    if (inner.length !== 1) return undefined;
    // `case Spam:`, `case Codes.Spam:`: constants, resolved later.
    const named = pattern.type === 'constant_pattern' ? namedLabel(inner[0]!, ['identifier', 'member_access_expression']) : undefined;
    return named ? [named] : patternLabels(inner[0]!);
  }
  if (pattern.type === 'or_pattern') {
    const parts = namedChildren(pattern).map(patternLabels);
    return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
  }
  return undefined;
}

/** `const string Spam = "spam_risk"` and `static readonly string` fields, by name and by `Class.Name`. */
const declarations: NonNullable<LanguageSupport['declarations']> = {
  query: '(field_declaration) @declaration',
  read(node) {
    const modifiers = childrenOfType(node, 'modifier').map((m) => m.text);
    if (!modifiers.includes('const') && !(modifiers.includes('static') && modifiers.includes('readonly'))) return undefined;
    const declaration = childrenOfType(node, 'variable_declaration')[0];
    const owner = node.parent?.parent;
    const className = owner && /class_declaration|struct_declaration/.test(owner.type) ? owner.childForFieldName('name')?.text : undefined;
    const constants: Array<[string, string]> = [];
    for (const declarator of declaration ? childrenOfType(declaration, 'variable_declarator') : []) {
      const name = declarator.childForFieldName('name')?.text;
      const value = namedChildren(declarator).find((n) => STRING_TYPES.includes(n.type));
      const literal = value ? readStringLiteral(value) : undefined;
      if (!name || !literal) continue;
      constants.push([name, literal.value]);
      if (className) constants.push([`${className}.${name}`, literal.value]);
    }
    return constants.length > 0 ? { constants } : undefined;
  },
};

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
    guarded: children.some((n) => n.type === 'when_clause'),
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
    guarded,
  };
}

const isString = (node: Node) => STRING_TYPES.includes(node.type);
const STUB = (message: string) => `throw new System.NotImplementedException(${cStyleQuote(message, '"')})`;

/** `new[] { "a", "b" }.Contains(code)`, `new HashSet<string> { … }.Contains(code)`. */
function membership(node: Node): Comparison | undefined {
  const callee = node.childForFieldName('function');
  const args = withoutComments(namedChildren(node.childForFieldName('arguments') ?? node));
  if (callee?.type !== 'member_access_expression' || callee.childForFieldName('name')?.text !== 'Contains' || args.length !== 1) return undefined;
  const list = callee.childForFieldName('expression');
  const initializer = list && /array_creation_expression|object_creation_expression/.test(list.type) ? namedChildren(list).find((n) => n.type === 'initializer_expression') : undefined;
  const labels = initializer ? stringElements(initializer) : undefined;
  const subject = namedChildren(args[0]!)[0] ?? args[0]!;
  return labels ? { subject: subject.text.trim(), labels } : undefined;
}

const ORDINAL = /^(System\.)?StringComparison\.Ordinal$/;

/** `code.Equals("a")`, `"a".Equals(code)`, `string.Equals(code, "a")`, each also with `StringComparison.Ordinal`. */
function equalsCall(node: Node): Comparison | undefined {
  const callee = node.childForFieldName('function');
  if (callee?.type !== 'member_access_expression' || callee.childForFieldName('name')?.text !== 'Equals') return undefined;
  const args = withoutComments(namedChildren(node.childForFieldName('arguments') ?? node)).map((a) => namedChildren(a)[0] ?? a);
  if (ORDINAL.test(args.at(-1)?.text.replace(/\s/g, '') ?? '')) args.pop();
  const target = callee.childForFieldName('expression');
  if (!target) return undefined;
  const operands = /^(string|String|System\.String)$/.test(target.text) ? args : [target, ...args];
  return operands.length === 2 ? equalityWithString(operands[0]!, operands[1]!, isString) : undefined;
}

function compare(node: Node): Comparison | undefined {
  if (node.type === 'invocation_expression') return membership(node) ?? equalsCall(node);
  if (node.type === 'is_pattern_expression') {
    const subject = node.childForFieldName('expression');
    const pattern = node.childForFieldName('pattern');
    const labels = pattern ? patternLabels(pattern) : undefined;
    return subject && labels ? { subject: subject.text.trim(), labels } : undefined;
  }
  const operands = binaryOperands(node, 'binary_expression', ['==']);
  return operands && equalityWithString(...operands, isString);
}

const chains = cStyleChains({
  ifType: 'if_statement',
  compare,
  parenthesize: true,
  test: (subject, code, _quote, constant) => `${subject} == ${constant ?? cStyleQuote(code, '"')}`,
  stub: (message) => `${STUB(message)};`,
});

const maps: MapSupport = {
  neutralValue: 'default!',
  // Collection initializers of an object creation: `new Dictionary<string, T> { ["a"] = …, { "b", … } }`.
  query: '[(object_creation_expression) (implicit_object_creation_expression)] @map',
  entries(node) {
    const initializer = namedChildren(node).find((n) => n.type === 'initializer_expression');
    if (!initializer) return undefined;
    const entries: MapEntry[] = [];
    for (const element of withoutComments(namedChildren(initializer))) {
      if (element.type === 'assignment_expression' && element.childForFieldName('left')?.type === 'element_binding_expression') {
        const index = withoutComments(namedChildren(element.childForFieldName('left')!));
        const key = index.length === 1 ? namedChildren(index[0]!)[0] : undefined;
        if (!key) return undefined;
        entries.push({ key, value: element.childForFieldName('right') ?? undefined, span: spanOf(element) });
      } else if (element.type === 'initializer_expression') {
        const pair = withoutComments(namedChildren(element));
        if (pair.length !== 2) return undefined;
        entries.push({ key: pair[0]!, value: pair[1], span: spanOf(element) });
      } else return undefined;
    }
    return entries;
  },
  form(node) {
    const initializer = namedChildren(node).find((n) => n.type === 'initializer_expression');
    return initializer && withoutComments(namedChildren(initializer))[0]?.type === 'assignment_expression' ? 'indexer' : 'braces';
  },
  keyLabel: (key) => (isString(key) ? readStringLiteral(key) : constantLabel(key, true)),
  functionSignature: (value) => (value.type === 'lambda_expression' ? textBefore(value, value.childForFieldName('body')) : undefined),
  functionStub: (signature, message) => `${signature} ${STUB(message)}`,
  render: (groups, style) =>
    renderMapEntries(groups, '//', (code, value) => (style.form === 'indexer' ? `[${writtenLabel(style, code, '"')}] = ${value}` : `{ ${writtenLabel(style, code, '"')}, ${value} }`)),
};

export const csharp: LanguageSupport = {
  name: 'csharp',
  // VS Code's id, Neovim's filetype, Helix's language name.
  languageIds: ['csharp', 'cs', 'c-sharp'],
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
      return { family: 'switch', kind: 'switch', form: 'statement', head: { start: node.startIndex, end: value.endIndex }, span: spanOf(node), arms };
    }
    const keyword = node.children.find((c) => c?.type === 'switch');
    if (!keyword) return undefined;
    const arms = namedChildren(node)
      .map(readExpressionArm)
      .filter((a): a is ArmShape => a !== undefined);
    return {
      family: 'switch',
      kind: 'switch expression',
      form: 'expression',
      head: { start: node.startIndex, end: keyword.endIndex },
      span: spanOf(node),
      arms,
      armSeparator: ',',
    };
  },
  renderFallThrough: (groups, style) =>
    style.form === 'expression'
      ? []
      : groups.flatMap((group) => [[0, `// ${fallThroughComment(group.comment)}`] as RenderedLine, ...group.codes.map((code): RenderedLine => [0, `case ${writtenLabel(style, code, '"')}:`])]),
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const quoted = group.codes.map((c) => style.labelFor?.(c) ?? cStyleQuote(c, '"'));
      const stub = `throw new System.NotImplementedException(${cStyleQuote(group.message, '"')})`;
      if (style.form === 'expression') {
        if (fitsOnOneLine(quoted, ' or ')) lines.push([0, `${quoted.join(' or ')} => ${stub},`]);
        else quoted.forEach((label, i) => lines.push([i === 0 ? 0 : 1, i === quoted.length - 1 ? `${label} => ${stub},` : `${label} or`]));
      } else {
        for (const label of quoted) lines.push([0, `case ${label}:`]);
        for (const line of stubBody(group, `${stub};`)) lines.push([1, line]);
      }
    }
    return lines;
  },
  chains,
  maps,
  declarations,
  handler: {
    head: (subject) => [`switch (${subject})`, '{'],
    tail: [[0, '}']],
    armDepth: 1,
    form: 'statement',
    map: { head: (name) => [`var ${name} = new System.Collections.Generic.Dictionary<string, string>`, '{'], tail: [[0, '};']], form: 'braces', name: 'tiktokErrorMessages' },
  },
  imports: {
    // The classes of one namespace in one folder name each other's constants with no `using`.
    clauses: () => [],
    packageOf: (text) => /^[ \t]*namespace[ \t]+([\w.]+)/m.exec(text)?.[1] ?? '',
  },
  quote: (value) => cStyleQuote(value, '"'),
};
