// Java: `switch` statements and expressions, colon and arrow forms, `case "a", "b" ->`; if/else chains with
// `"a".equals(code)`, `Objects.equals(code, "a")` and `List.of(…).contains(code)`; `Map.of(…)` and
// `Map.ofEntries(…)`.
import type { Node } from '../analysis/parsing';
import { fallThroughComment } from '../analysis/fixes/insertArms';
import type { ImportClause } from '../analysis/resolution/declarations';
import {
  cStyleChains,
  equalityWithString,
  withoutComments,
  cStyleQuote,
  renderMapEntries,
  stringElements,
  textBefore,
  type Comparison,
  type MapEntry,
  type MapSupport,
  childrenOfType,
  namedChildren,
  readStringLiteral,
  namedLabel,
  parameterType,
  spanOf,
  fitsOnOneLine,
  type ArmShape,
  type LabelShape,
  type LanguageSupport,
  type RenderedLine,
  type ImportSupport,
  constantLabel,
  writtenLabel,
  stubBody,
} from './language';

const TERMINATORS = new Set(['break_statement', 'return_statement', 'throw_statement', 'continue_statement', 'yield_statement']);

/** Whether the last statement leaves the case, looking into trailing blocks (a loop: blocks nest deep). */
function endsControlFlow(statements: readonly Node[]): boolean {
  const lastOf = (nodes: readonly Node[]) => nodes.filter((n) => !n.type.endsWith('comment')).at(-1);
  let last = lastOf(statements);
  while (last?.type === 'block') last = lastOf(namedChildren(last));
  return last !== undefined && TERMINATORS.has(last.type);
}

/** A case's strings, and its constants (`ACCESS_TOKEN_INVALID`, `Codes.ACCESS`, an enum's `SPAM`), resolved later. */
function labelsOf(label: Node): LabelShape[] {
  return namedChildren(label)
    .map((n) => (n.type === 'string_literal' ? readStringLiteral(n) : namedLabel(n, ['identifier', 'field_access'])))
    .filter((l) => l !== undefined);
}

const FUNCTIONS = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']);

/**
 * `static final String NAME = "code"` fields (by their name, as a switch in the class writes them), and enums
 * whose constants each take a code (`SPAM("spam_risk")`): their members, by `Enum.NAME`.
 */
const declarations: NonNullable<LanguageSupport['declarations']> = {
  query: '[(field_declaration) (enum_declaration)] @declaration',
  read(node) {
    if (node.type === 'field_declaration') {
      const modifiers = childrenOfType(node, 'modifiers')[0]?.text ?? '';
      if (!/\bstatic\b/.test(modifiers) || !/\bfinal\b/.test(modifiers)) return undefined;
      const holder = node.parent?.parent;
      const owner = holder && /class_declaration|interface_declaration|enum_declaration/.test(holder.type) ? holder.childForFieldName('name')?.text : undefined;
      const constants: Array<[string, string]> = [];
      for (const declarator of childrenOfType(node, 'variable_declarator')) {
        const value = declarator.childForFieldName('value');
        const literal = value?.type === 'string_literal' ? readStringLiteral(value) : undefined;
        const name = declarator.childForFieldName('name')?.text;
        if (!name || !literal) continue;
        constants.push([name, literal.value]);
        // Other classes write it qualified.
        if (owner) constants.push([`${owner}.${name}`, literal.value]);
      }
      return constants.length > 0 ? { constants } : undefined;
    }
    const name = node.childForFieldName('name')?.text;
    const body = node.childForFieldName('body');
    if (!name || !body) return undefined;
    const members: Array<{ value: string; name: string }> = [];
    for (const constant of childrenOfType(body, 'enum_constant')) {
      const args = constant.childForFieldName('arguments');
      const first = args ? namedChildren(args)[0] : undefined;
      const literal = first?.type === 'string_literal' ? readStringLiteral(first) : undefined;
      const member = constant.childForFieldName('name')?.text;
      if (!literal || !member) return undefined;
      members.push({ value: literal.value, name: `${name}.${member}` });
    }
    return members.length > 0 ? { constants: members.map((m) => [m.name, m.value] as const), type: { name, kind: 'enum', members } } : undefined;
  },
};

const IMPORT = /^[ \t]*import[ \t]+(static[ \t]+)?((?:\w+\.)*)(\w+)(\.\*)?[ \t]*;/gm;

/**
 * `import com.app.errors.Codes;`, `import static com.app.errors.Codes.SPAM;` and `import static …Codes.*;`,
 * where the class is a file as Java lays them out (`com/app/errors/Codes.java`, looked for from the folder up).
 */
const imports: ImportSupport = {
  clauses(text) {
    if (!text.includes('import')) return [];
    const clauses: ImportClause[] = [];
    for (const [, isStatic, prefix, last, star] of text.matchAll(IMPORT)) {
      const segments = [...prefix!.split('.').filter(Boolean), last!];
      // `import static a.Codes.SPAM`: the class is all but the last; `import static a.Codes.*`: all of it.
      const classPath = isStatic && !star ? segments.slice(0, -1) : segments;
      const owner = classPath.at(-1);
      if (!owner || (star && !isStatic)) continue;
      const from = [`${classPath.join('/')}.java`];
      if (!isStatic) clauses.push({ from, upward: true, names: [[owner, owner]] });
      else if (star) clauses.push({ from, upward: true, names: [], members: owner });
      else clauses.push({ from, upward: true, names: [[`${owner}.${last}`, last!]] });
    }
    return clauses;
  },
  // A package is a folder: its classes name each other with no import.
  packageOf: (text) => /^[ \t]*package[ \t]+([\w.]+)[ \t]*;/m.exec(text)?.[1] ?? '',
};

function readArm(node: Node): ArmShape | undefined {
  if (node.type !== 'switch_block_statement_group' && node.type !== 'switch_rule') return undefined;
  const switchLabels = childrenOfType(node, 'switch_label');
  const statements = namedChildren(node).filter((n) => n.type !== 'switch_label');
  return {
    span: spanOf(node),
    labels: switchLabels.flatMap(labelsOf),
    isDefault: switchLabels.some((l) => l.text.startsWith('default')),
    isBareLabel: statements.length === 0,
    fallsThrough: node.type === 'switch_block_statement_group' && !endsControlFlow(statements),
  };
}

const isString = (node: Node) => node.type === 'string_literal';
const argumentsOf = (call: Node) => withoutComments(namedChildren(call.childForFieldName('arguments') ?? call));

/**
 * `"a".equals(code)`, `code.equals("a")`, `Objects.equals(code, "a")`, `List.of("a", "b").contains(code)`
 * (also `Set.of`, `Arrays.asList`).
 */
function compare(node: Node): Comparison | undefined {
  if (node.type !== 'method_invocation') return undefined;
  const name = node.childForFieldName('name')?.text;
  const object = node.childForFieldName('object');
  const args = argumentsOf(node);
  if (name === 'equals' && /^(java\.util\.)?Objects$/.test(object?.text ?? '') && args.length === 2) return equalityWithString(args[0]!, args[1]!, isString);
  if (!object || args.length !== 1) return undefined;
  const arg = args[0]!;
  if (name === 'equals') return equalityWithString(object, arg, isString);
  if (name !== 'contains' || object.type !== 'method_invocation') return undefined;
  const factory = `${object.childForFieldName('object')?.text}.${object.childForFieldName('name')?.text}`;
  if (!['List.of', 'Set.of', 'Arrays.asList'].includes(factory)) return undefined;
  const labels = stringElements(object.childForFieldName('arguments')!);
  return labels ? { subject: arg.text.trim(), labels } : undefined;
}

const chains = cStyleChains({
  ifType: 'if_statement',
  compare,
  parenthesize: true,
  // The literal first: null-safe, as Java style guides advise.
  test: (subject, code, _quote, constant) => `${constant ?? cStyleQuote(code, '"')}.equals(${subject})`,
  stub: (message) => `throw new UnsupportedOperationException(${cStyleQuote(message, '"')});`,
});

const MAP_OF_LIMIT = 10;

const maps: MapSupport = {
  query: '(method_invocation) @map',
  entries(node) {
    // `Map.of` or `java.util.Map.of`.
    const factory = `${node.childForFieldName('object')?.text.replace(/^(?:\w+\.)*(?=Map$)/, '')}.${node.childForFieldName('name')?.text}`;
    const args = argumentsOf(node);
    if (factory === 'Map.of') {
      if (args.length % 2 !== 0) return undefined;
      const entries: MapEntry[] = [];
      for (let i = 0; i < args.length; i += 2) entries.push({ key: args[i]!, value: args[i + 1], span: { start: args[i]!.startIndex, end: args[i + 1]!.endIndex } });
      return entries;
    }
    if (factory !== 'Map.ofEntries') return undefined;
    const entries: MapEntry[] = [];
    for (const arg of args) {
      const pair = arg.type === 'method_invocation' && arg.childForFieldName('name')?.text === 'entry' ? argumentsOf(arg) : [];
      if (pair.length !== 2) return undefined;
      entries.push({ key: pair[0]!, value: pair[1], span: spanOf(arg) });
    }
    return entries;
  },
  form: (node) => node.childForFieldName('name')!.text,
  keyLabel: (key) => (isString(key) ? readStringLiteral(key) : constantLabel(key, true)),
  functionSignature: (value) => (value.type === 'lambda_expression' ? textBefore(value, value.childForFieldName('body')) : undefined),
  functionStub: (signature, message) => `${signature} { throw new UnsupportedOperationException(${cStyleQuote(message, '"')}); }`,
  render: (groups, style) =>
    renderMapEntries(groups, '//', (code, value) => (style.form === 'of' ? `${writtenLabel(style, code, '"')}, ${value}` : `Map.entry(${writtenLabel(style, code, '"')}, ${value})`), false),
  // Map.of has overloads up to ten pairs; past that only Map.ofEntries compiles.
  maxEntries: (form) => (form === 'of' ? MAP_OF_LIMIT : undefined),
};

export const java: LanguageSupport = {
  name: 'java',
  languageIds: ['java'],
  fileExtensions: ['.java'],
  grammarFile: 'tree-sitter-java.wasm',
  lineComment: '//',
  stringTypes: ['string_literal'],
  commentTypes: ['line_comment', 'block_comment'],
  isKey: () => false,
  constructQuery: '(switch_expression) @construct',
  readConstruct(node) {
    const condition = node.childForFieldName('condition');
    const body = node.childForFieldName('body');
    if (!condition || !body) return undefined;
    const arms = namedChildren(body)
      .map(readArm)
      .filter((a): a is ArmShape => a !== undefined);
    const arrow = namedChildren(body).some((n) => n.type === 'switch_rule');
    const subjectType = parameterType(node, condition, FUNCTIONS, (parameter) => ({ name: parameter.childForFieldName('name')?.text, type: parameter.childForFieldName('type')?.text }));
    return { family: 'switch', kind: 'switch', form: arrow ? 'arrow' : 'colon', head: { start: node.startIndex, end: condition.endIndex }, span: spanOf(node), arms, ...(subjectType ? { subjectType } : {}) };
  },
  terminator: 'break;',
  renderFallThrough: (groups, style) =>
    style.form !== 'colon'
      ? []
      : groups.flatMap((group) => [[0, `// ${fallThroughComment(group.comment)}`] as RenderedLine, ...group.codes.map((code): RenderedLine => [0, `case ${writtenLabel(style, code, '"')}:`])]),
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const quoted = group.codes.map((c) => style.labelFor?.(c) ?? cStyleQuote(c, '"'));
      if (style.form === 'colon' && !style.listsLabels) {
        for (const label of quoted) lines.push([0, `case ${label}:`]);
      } else {
        const end = style.form === 'arrow' ? ' ->' : ':';
        if (fitsOnOneLine(quoted, ', ')) lines.push([0, `case ${quoted.join(', ')}${end}`]);
        else quoted.forEach((label, i) => lines.push([i === 0 ? 0 : 2, `${i === 0 ? 'case ' : ''}${label}${i === quoted.length - 1 ? end : ','}`]));
      }
      const stub = `throw new UnsupportedOperationException(${cStyleQuote(group.message, '"')});`;
      for (const line of style.form === 'arrow' ? [stub] : stubBody(group, stub)) lines.push([1, line]);
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
    form: 'colon',
    // Map.of stops at ten pairs: Map.ofEntries takes any number.
    map: {
      head: (name) => [`java.util.Map<String, String> ${name} = java.util.Map.ofEntries(`],
      tail: [[0, ');']],
      form: 'ofEntries',
      name: 'tiktokErrorMessages',
      // Written where `java.util.Map` may not be imported.
      qualify: (line: string) => line.replace(/^Map\.entry\(/, 'java.util.Map.entry('),
    },
  },
  // A switch over an enum names its constants unqualified.
  enumLabel: (qualified) => qualified.slice(qualified.lastIndexOf('.') + 1),
  quote: (value) => cStyleQuote(value, '"'),
};
