// Swift: `switch code { case "a", "b": … default: … }`; if/else-if chains with `==` and `||`; dictionary
// literals keyed by codes. No Swift compiler installs on these machines: fixtures are checked by the parser.
import type { Node } from '../analysis/parsing';
import {
  cStyleQuote,
  equalityWithString,
  fitsOnOneLine,
  followsElse,
  namedLabel,
  readStringLiteral,
  renderEqualsChain,
  renderMapEntries,
  spanOf,
  stubBody,
  textBefore,
  withoutComments,
  writtenLabel,
  namedChildren,
  type ArmShape,
  type Branch,
  type ChainSupport,
  type Comparison,
  type LabelShape,
  type LanguageSupport,
  type MapEntry,
  type MapSupport,
  type RenderedLine,
} from './language';

const COMMENTS = ['comment', 'multiline_comment'];

/** A one-line `"…"` literal; a multi-line `"""` one is not a label. */
const isString = (node: Node) => node.type === 'line_string_literal';

const readString = (node: Node) => (isString(node) ? readStringLiteral(node) : undefined);

/** A label written as a constant: `token`, `Codes.token`, `.token` aside (an enum case, no string). */
const NAME_TYPES = ['simple_identifier', 'navigation_expression'];

function patternLabel(pattern: Node): LabelShape | undefined {
  const inner = pattern.type === 'switch_pattern' ? withoutComments(namedChildren(pattern))[0] : pattern;
  const value = inner?.type === 'pattern' ? withoutComments(namedChildren(inner)) : inner ? [inner] : [];
  if (value.length !== 1) return undefined;
  return readString(value[0]!) ?? namedLabel(value[0]!, NAME_TYPES);
}

function readArm(entry: Node): ArmShape {
  const children = entry.children.filter((c): c is Node => c !== null);
  const isDefault = children.some((c) => c.type === 'default_keyword');
  // `case "a" where retry:` runs only when its guard holds: its labels do not handle their codes.
  const guarded = children.some((c) => c.type === 'where_keyword');
  const labels = children
    .filter((c) => c.type === 'switch_pattern')
    .map(patternLabel)
    .filter((l): l is LabelShape => l !== undefined);
  return { span: spanOf(entry), labels, isDefault, isBareLabel: false, fallsThrough: false, guarded };
}

/** `lhs OP rhs` by the grammar's fields. */
function sides(node: Node, type: string, operator: string): [Node, Node] | undefined {
  if (node.type !== type || node.childForFieldName('op')?.type !== operator) return undefined;
  const lhs = node.childForFieldName('lhs');
  const rhs = node.childForFieldName('rhs');
  return lhs && rhs ? [lhs, rhs] : undefined;
}

/** Two comparisons of one subject as one. */
function merged(a: Comparison | undefined, b: Comparison | undefined): Comparison | undefined {
  if (!a || !b || a.subject !== b.subject) return undefined;
  return { subject: a.subject, labels: [...a.labels, ...b.labels] };
}

/**
 * Every comparison of a condition made of `==` and `||`. The grammar gives `==` and `||` no precedence over
 * each other, and reads `code == "a" || code == "b"` as `code == ("a" || (code == "b"))`: the right side of
 * such an `==` is taken apart again, as Swift reads it.
 */
function comparisons(node: Node): Comparison | undefined {
  const or = sides(node, 'disjunction_expression', '||');
  if (or) return merged(comparisons(or[0]), comparisons(or[1]));
  const equals = sides(node, 'equality_expression', '==');
  if (!equals) return undefined;
  const [left, right] = equals;
  const regrouped = sides(right, 'disjunction_expression', '||');
  if (regrouped) return merged(equalityWithString(left, regrouped[0], isString), comparisons(regrouped[1]));
  return equalityWithString(left, right, isString);
}

/** An if's condition, the end of its body, and what follows `else`: another if, or a block. */
function ifBranches(node: Node, text: string): Branch[] | undefined {
  if (followsElse(node, text)) return undefined;
  const branches: Branch[] = [];
  for (let current: Node | undefined = node; current; ) {
    const clause: Node = current;
    const condition = clause.childForFieldName('condition');
    const children: Node[] = [];
    let conditions = 0;
    clause.children.forEach((c, i) => {
      if (c) children.push(c);
      if (clause.fieldNameForChild(i) === 'condition') conditions++;
    });
    const elseAt = children.findIndex((c) => c.type === 'else');
    const bodyEnd = elseAt > 0 ? children[elseAt - 1]! : children.at(-1)!;
    // `if let x = …, x == "a"`: more than one condition is no comparison of codes alone.
    if (!condition || bodyEnd.type !== '}' || conditions > 1) return undefined;
    branches.push({ condition, span: { start: clause.startIndex, end: bodyEnd.endIndex } });
    if (elseAt < 0) break;
    const next: Node | undefined = children[elseAt + 1];
    if (next?.type === 'if_statement') {
      current = next;
      continue;
    }
    if (next?.type !== '{') return undefined;
    branches.push({ span: { start: next.startIndex, end: clause.endIndex } });
    break;
  }
  return branches;
}

const stub = (message: string) => `fatalError(${cStyleQuote(message, '"')})`;

/** `let spam = "…"` at the top, or `static let token = "…"` in an enum, struct or class (`Codes.token`); not in a function. */
const declarations: NonNullable<LanguageSupport['declarations']> = {
  query: '(property_declaration) @declaration',
  read(node) {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    const literal = value ? readString(value) : undefined;
    const isLet = namedChildren(node).find((n) => n.type === 'value_binding_pattern')?.text === 'let';
    const parent = node.parent;
    if (!name || !/^[A-Za-z_]\w*$/.test(name.text) || !literal || !isLet || !parent) return undefined;
    if (parent.type === 'source_file') return { constants: [[name.text, literal.value]] };
    const holder = parent.type === 'class_body' || parent.type === 'enum_class_body' ? parent.parent : null;
    const owner = holder?.type === 'class_declaration' ? holder.childForFieldName('name')?.text : undefined;
    return owner ? { constants: [[name.text, literal.value], [`${owner}.${name.text}`, literal.value]] } : undefined;
  },
};

const chains: ChainSupport = {
  query: '(if_statement) @chain',
  branches: ifBranches,
  // `comparisons` takes `||` apart itself (see there).
  disjuncts: () => undefined,
  compare: comparisons,
  joinsInline: true,
  render: renderEqualsChain(false, stub),
};

const maps: MapSupport = {
  query: '(dictionary_literal) @map',
  entries(node) {
    const entries: MapEntry[] = [];
    let key: Node | undefined;
    node.children.forEach((child, i) => {
      const field = node.fieldNameForChild(i);
      if (!child || COMMENTS.includes(child.type)) return;
      if (field === 'key') key = child;
      else if (field === 'value' && key) {
        entries.push({ key, value: child, span: { start: key.startIndex, end: child.endIndex } });
        key = undefined;
      }
    });
    return entries.length > 0 ? entries : undefined;
  },
  keyLabel: (key) => readString(key) ?? namedLabel(key, NAME_TYPES),
  functionSignature: (value) => (value.type === 'lambda_literal' ? textBefore(value, namedChildren(value).find((n) => n.type === 'statements') ?? null) : undefined),
  functionStub: (signature, message) => `${signature} ${stub(message)} }`,
  render: (groups, style) => renderMapEntries(groups, '//', (code, value) => `${writtenLabel(style, code, '"')}: ${value}`),
};

export const swift: LanguageSupport = {
  name: 'swift',
  languageIds: ['swift'],
  fileExtensions: ['.swift'],
  grammarFile: 'tree-sitter-swift.wasm',
  lineComment: '//',
  stringTypes: ['line_string_literal', 'line_str_text', 'multi_line_string_literal'],
  commentTypes: COMMENTS,
  isKey: () => false,
  constructQuery: '(switch_statement) @construct',
  readConstruct(node) {
    const subject = node.childForFieldName('expr');
    if (!subject) return undefined;
    const arms = namedChildren(node)
      .filter((n) => n.type === 'switch_entry')
      .map(readArm);
    return { family: 'switch', kind: 'switch', form: 'switch', head: { start: node.startIndex, end: subject.endIndex }, span: spanOf(node), arms };
  },
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const labels = group.codes.map((code) => writtenLabel(style, code, '"'));
      if (fitsOnOneLine(labels, ', ')) lines.push([0, `case ${labels.join(', ')}:`]);
      else labels.forEach((label, i) => lines.push([i === 0 ? 0 : 1, `${i === 0 ? 'case ' : ''}${label}${i === labels.length - 1 ? ':' : ','}`]));
      for (const line of stubBody(group, stub(group.message))) lines.push([1, line]);
    }
    return lines;
  },
  chains,
  maps,
  declarations,
  imports: {
    // The files of a module see each other's top-level declarations with no import: a module is read as the
    // Swift files of one folder, as a Swift package lays out a target.
    clauses: () => [],
    packageOf: () => '',
  },
  // A switch over a String must be exhaustive: the default arm takes the rest, as before.
  handler: {
    head: (subject) => [`switch ${subject} {`],
    tail: [[0, 'default:'], [1, 'break'], [0, '}']],
    armDepth: 0,
    form: 'switch',
    map: { head: (name) => [`let ${name}: [String: String] = [`], tail: [[0, ']']], form: 'dictionary', name: 'tiktokErrorMessages' },
  },
  quote: (value) => cStyleQuote(value, '"'),
};
