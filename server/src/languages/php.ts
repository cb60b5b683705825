// PHP: `switch` and `match`, on a subject or on `(true)` over tests; if/elseif chains with `===` and
// `in_array`; array literals keyed by codes.
import { readTestedArms } from '../analysis/constructs/chains';
import type { Node } from '../analysis/parsing';
import { fallThroughComment } from '../analysis/fixes/insertArms';
import type { ImportClause } from '../analysis/resolution/declarations';
import {
  binaryOperands,
  withoutComments,
  cStyleQuote,
  equalityWithString,
  renderInlineChain,
  renderMapEntries,
  stringElements,
  textBefore,
  type Branch,
  type ChainSupport,
  type Comparison,
  type MapEntry,
  type MapSupport,
  namedChildren,
  readStringLiteral,
  childrenOfType,
  namedLabel,
  spanOf,
  fitsOnOneLine,
  followsElse,
  type ArmShape,
  type LabelShape,
  type LanguageSupport,
  type RenderedLine,
  type ImportSupport,
  writtenLabel,
  constantLabel,
  stubBody,
} from './language';

const STRING_TYPES = ['string', 'encapsed_string'];

/** Whether the last statement leaves the case, looking into trailing blocks (a loop: blocks nest deep). */
function endsControlFlow(statements: readonly Node[]): boolean {
  const lastOf = (nodes: readonly Node[]) => nodes.filter((n) => n.type !== 'comment').at(-1);
  let last = lastOf(statements);
  while (last?.type === 'compound_statement') last = lastOf(namedChildren(last));
  if (!last) return false;
  if (['break_statement', 'return_statement', 'continue_statement'].includes(last.type)) return true;
  return last.type === 'expression_statement' && namedChildren(last).some((n) => n.type === 'throw_expression' || n.type === 'exit_statement');
}

/** Strings, and constants (`SPAM`, `Codes::TOKEN`, `self::TOKEN`) resolved later. */
function stringsOf(node: Node | null) {
  if (!node) return [];
  const label = (n: Node) => (STRING_TYPES.includes(n.type) ? readStringLiteral(n) : namedLabel(n, NAME_TYPES));
  const candidates = STRING_TYPES.includes(node.type) || NAME_TYPES.includes(node.type) ? [node] : namedChildren(node);
  return candidates.map(label).filter((l) => l !== undefined);
}

const NAME_TYPES = ['name', 'class_constant_access_expression', 'member_access_expression'];

/**
 * `const SPAM = "spam_risk";` at the top or in a class (`Codes::SPAM`, and `self::SPAM` inside it), and the
 * cases of a backed enum (`enum Code: string { case Spam = 'spam_risk'; }`), whose strings are `Code::Spam->value`.
 */
const declarations: NonNullable<LanguageSupport['declarations']> = {
  query: '[(const_declaration) (enum_declaration)] @declaration',
  read(node) {
    if (node.type === 'enum_declaration') {
      const name = node.childForFieldName('name')?.text;
      const body = node.childForFieldName('body');
      const constants: Array<[string, string]> = [];
      for (const enumCase of body ? childrenOfType(body, 'enum_case') : []) {
        const [member, value] = namedChildren(enumCase);
        const literal = value && STRING_TYPES.includes(value.type) ? readStringLiteral(value) : undefined;
        if (member?.type === 'name' && literal) constants.push([`${name}.${member.text}.value`, literal.value]);
      }
      return name && constants.length > 0 ? { constants } : undefined;
    }
    const owner = node.parent?.parent;
    const className = owner && /class_declaration|interface_declaration|enum_declaration/.test(owner.type) ? owner.childForFieldName('name')?.text : undefined;
    const constants: Array<[string, string]> = [];
    for (const element of childrenOfType(node, 'const_element')) {
      const [name, value] = namedChildren(element);
      const literal = value && STRING_TYPES.includes(value.type) ? readStringLiteral(value) : undefined;
      if (name?.type !== 'name' || !literal) continue;
      if (className) constants.push([`${className}.${name.text}`, literal.value], [`self.${name.text}`, literal.value], [`static.${name.text}`, literal.value]);
      else constants.push([name.text, literal.value]);
    }
    return constants.length > 0 ? { constants } : undefined;
  },
};

const REQUIRE = /\b(?:require|include)(?:_once)?\s*\(?\s*(?:(?:__DIR__|dirname\(\s*__FILE__\s*\))\s*\.\s*)?(['"])\/?([^'"\n]+\.php)\1/g;
const USE = /^[ \t]*use[ \t]+((?:\\?\w+\\)*)(\w+|\{[^}]{0,4000}\})(?:[ \t]+as[ \t]+(\w+))?[ \t]*;/gm;

/**
 * `require_once __DIR__ . '/codes.php'` (every name it declares), and `use App\Errors\Codes [as C];` where the
 * class is a file as PSR-4 lays it out: `Codes.php` beside this file, or `Errors/Codes.php` from a folder above.
 */
const imports: ImportSupport = {
  clauses(text) {
    const clauses: ImportClause[] = [];
    if (/\b(require|include)/.test(text)) for (const [, , path] of text.matchAll(REQUIRE)) clauses.push({ from: [path!], names: [], everything: true });
    if (!text.includes('use')) return clauses;
    for (const [, prefix, tail, alias] of text.matchAll(USE)) {
      const namespace = prefix!.split('\\').filter(Boolean);
      const items = tail!.startsWith('{') ? tail!.slice(1, -1).split(',').map((part) => part.trim().split(/\s+as\s+/)) : [[tail!, alias]];
      for (const [item, local = item] of items) {
        if (!item || !/^\w+$/.test(item)) continue;
        clauses.push({ from: [`${item}.php`], names: [[item, local!]] });
        if (namespace.length > 0) clauses.push({ from: [`${namespace.at(-1)}/${item}.php`], upward: true, names: [[item, local!]] });
      }
    }
    return clauses;
  },
  // Classes of one namespace in one folder name each other unqualified.
  packageOf: (text) => /^[ \t]*namespace[ \t]+([\w\\]+)[ \t]*[;{]/m.exec(text)?.[1] ?? '',
};

/** `labels`: read from the case's test in a switch over tests; else from its string value. */
function readSwitchArm(node: Node, labels?: LabelShape[]): ArmShape {
  const isDefault = node.type === 'default_statement';
  const value = node.childForFieldName('value');
  const statements = namedChildren(node).filter((n) => n.id !== value?.id && n.type !== 'comment');
  return {
    span: spanOf(node),
    labels: labels ?? stringsOf(value),
    isDefault,
    isBareLabel: statements.length === 0,
    fallsThrough: !endsControlFlow(statements),
  };
}

function readMatchArm(node: Node, labels?: LabelShape[]): ArmShape {
  return {
    span: spanOf(node),
    labels: labels ?? stringsOf(node.childForFieldName('conditional_expressions')),
    isDefault: node.type === 'match_default_expression',
    isBareLabel: false,
    fallsThrough: false,
  };
}

/** A switch's cases or a match's arms; with them, each one's tests where the subject is `(true)`. */
function armsOf(node: Node, body: Node): { arms: Node[]; tests: (arm: Node) => Node[] } {
  if (node.type === 'switch_statement') {
    const arms = namedChildren(body).filter((n) => n.type === 'case_statement' || n.type === 'default_statement');
    return { arms, tests: (arm) => [arm.childForFieldName('value')].filter((value) => value !== null) };
  }
  const arms = namedChildren(body).filter((n) => n.type === 'match_conditional_expression' || n.type === 'match_default_expression');
  return {
    arms,
    tests(arm) {
      const conditions = arm.childForFieldName('conditional_expressions');
      return conditions ? withoutComments(namedChildren(conditions)) : [];
    },
  };
}

const isTrue = (node: Node) => node.type === 'parenthesized_expression' && node.namedChildCount === 1 && /^true$/i.test(node.namedChild(0)!.text);

const isString = (node: Node) => STRING_TYPES.includes(node.type);
const STUB = (message: string, quote: string) => `throw new \\LogicException(${cStyleQuote(message, quote)})`;

/** Branches of `if (…) {…} elseif (…) {…} else if (…) {…} else {…}`; the colon form (`endif`) is left alone. */
function ifBranches(node: Node): Branch[] | undefined {
  const out: Branch[] = [];
  const read = (ifNode: Node): boolean => {
    const condition = ifNode.childForFieldName('condition');
    const body = ifNode.childForFieldName('body');
    if (!condition || body?.type !== 'compound_statement') return false;
    out.push({ condition, span: { start: ifNode.startIndex, end: body.endIndex } });
    for (const clause of ifNode.childrenForFieldName('alternative')) {
      const clauseBody = clause?.childForFieldName('body');
      if (clause?.type === 'else_if_clause') {
        const test = clause.childForFieldName('condition');
        if (!test || clauseBody?.type !== 'compound_statement') return false;
        out.push({ condition: test, span: spanOf(clause) });
      } else if (clause?.type === 'else_clause') {
        if (clauseBody?.type === 'if_statement') return read(clauseBody);
        if (clauseBody?.type !== 'compound_statement') return false;
        out.push({ span: spanOf(clause) });
      }
    }
    return true;
  };
  return read(node) ? out : undefined;
}

const identityTest = (subject: string, code: string, quote: string, constant?: string) => `${subject} === ${constant ?? cStyleQuote(code, quote)}`;

const chains: ChainSupport = {
  query: '(if_statement) @chain',
  branches: (node, text) => (followsElse(node, text, 'else_clause') ? undefined : ifBranches(node)),
  disjuncts: (node) => binaryOperands(node, 'binary_expression', ['||', 'or']),
  compare(node): Comparison | undefined {
    if (node.type === 'function_call_expression') {
      const args = withoutComments(namedChildren(node.childForFieldName('arguments') ?? node)).map((a) => namedChildren(a)[0] ?? a);
      if (node.childForFieldName('function')?.text !== 'in_array' || args.length < 2 || args[1]!.type !== 'array_creation_expression') return undefined;
      const labels = stringElements(args[1]!, (element) => {
        const items = namedChildren(element);
        return items.length === 1 && isString(items[0]!) ? readStringLiteral(items[0]!) : undefined;
      });
      return labels ? { subject: args[0]!.text.trim(), labels } : undefined;
    }
    const operands = binaryOperands(node, 'binary_expression', ['===', '==']);
    return operands && equalityWithString(...operands, isString);
  },
  joinsInline: true,
  render: (groups, style) =>
    renderInlineChain(groups, {
      keyword: 'elseif',
      parenthesize: true,
      test: (code) => identityTest(style.subject, code, style.quote, style.labelFor?.(code)),
      stub: (message) => `${STUB(message, style.quote)};`,
      lineComment: '//',
    }, style),
};

const maps: MapSupport = {
  neutralValue: 'null',
  query: '(array_creation_expression) @map',
  entries(node) {
    const entries: MapEntry[] = [];
    for (const element of withoutComments(namedChildren(node))) {
      const items = withoutComments(namedChildren(element));
      // `'a' => …`; a list element has no key, and a list is not a map.
      if (element.type !== 'array_element_initializer' || items.length !== 2 || !element.children.some((c) => c?.type === '=>')) return undefined;
      entries.push({ key: items[0]!, value: items[1], span: spanOf(element) });
    }
    return entries;
  },
  keyLabel: (key) => (isString(key) ? readStringLiteral(key) : constantLabel(key, true)),
  functionSignature: (value) =>
    value.type === 'arrow_function' || value.type === 'anonymous_function' ? textBefore(value, value.childForFieldName('body')) : undefined,
  functionStub: (signature, message, quote) =>
    signature.startsWith('fn') || signature.startsWith('static fn') ? `${signature} ${STUB(message, quote)}` : `${signature} { ${STUB(message, quote)}; }`,
  render: (groups, style) => renderMapEntries(groups, '//', (code, value) => `${writtenLabel(style, code)} => ${value}`),
};

export const php: LanguageSupport = {
  name: 'php',
  languageIds: ['php'],
  fileExtensions: ['.php'],
  grammarFile: 'tree-sitter-php.wasm',
  lineComment: '//',
  stringTypes: STRING_TYPES,
  commentTypes: ['comment'],
  isKey: () => false,
  constructQuery: '[(switch_statement) (match_expression)] @construct',
  readConstruct(node) {
    const condition = node.childForFieldName('condition');
    const body = node.childForFieldName('body');
    if (!condition || !body) return undefined;
    const isSwitch = node.type === 'switch_statement';
    const shape = isSwitch
      ? ({ family: 'switch', kind: 'switch', form: 'switch' } as const)
      : ({ family: 'switch', kind: 'match', form: 'match', armSeparator: ',' } as const);
    const readArm = isSwitch ? readSwitchArm : readMatchArm;
    const { arms, tests } = armsOf(node, body);
    const place = { head: { start: node.startIndex, end: condition.endIndex }, span: spanOf(node) };
    if (!isTrue(condition)) return { ...shape, ...place, arms: arms.map((arm) => readArm(arm)) };
    // `switch (true)`, `match (true)`: each arm is selected by tests, as in an if/elseif chain.
    const tested = readTestedArms(arms.map(tests), chains);
    return tested && { ...shape, ...place, arms: arms.map((arm, i) => readArm(arm, tested.labels[i])), subject: tested.subject };
  },
  terminator: 'break;',
  renderFallThrough: (groups, style) =>
    style.form === 'match'
      ? []
      : groups.flatMap((group) => [[0, `// ${fallThroughComment(group.comment)}`] as RenderedLine, ...group.codes.map((code): RenderedLine => [0, `case ${writtenLabel(style, code)}:`])]),
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const quoted = group.codes.map((c) => (style.subject ? identityTest(style.subject, c, style.quote, style.labelFor?.(c)) : writtenLabel(style, c)));
      const stub = `throw new \\LogicException(${cStyleQuote(group.message, style.quote)})`;
      if (style.form === 'match') {
        if (fitsOnOneLine(quoted, ', ')) lines.push([0, `${quoted.join(', ')} => ${stub},`]);
        else quoted.forEach((label, i) => lines.push([i === 0 ? 0 : 1, i === quoted.length - 1 ? `${label} => ${stub},` : `${label},`]));
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
  imports,
  handler: {
    head: (subject) => [`switch (${subject}) {`],
    tail: [[0, '}']],
    armDepth: 1,
    form: 'switch',
    map: { head: (name) => [`${name} = [`], tail: [[0, '];']], form: 'map', name: '$tiktokErrorMessages' },
  },
  writeName: (name) => name.replace(/\./g, '::').replace(/::value$/, '->value'),
  quote: cStyleQuote,
};
