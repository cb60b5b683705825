// TypeScript: `switch`/`case`, if/else chains, object literals and `new Map([[…]])` keyed by codes.
// JavaScript and TSX reuse this file with their own grammars.
import { readTestedArms } from '../analysis/constructs/chains';
import type { Node } from '../analysis/parsing';
import { fallThroughComment } from '../analysis/fixes/insertArms';
import type { ImportClause, ListEnd } from '../analysis/resolution/declarations';
import {
  keyValuePairs,
  cStyleChains,
  binaryOperands,
  bareLabel,
  cStyleQuote,
  equalityWithString,
  renderMapEntries,
  stringElements,
  textBefore,
  type ChainSupport,
  type MapEntry,
  type MapSupport,
  namedChildren,
  namedLabel,
  parameterType,
  readStringLiteral,
  spanOf,
  type ArmShape,
  type ConstructShape,
  type LabelShape,
  type LanguageSupport,
  type RenderedLine,
  type ImportSupport,
  listEnd,
  writtenLabel,
  stringOrConstant,
  constantLabel,
  stubBody,
} from './language';

const TERMINATORS = new Set(['break_statement', 'return_statement', 'throw_statement', 'continue_statement']);

/** Whether the last statement leaves the case, looking into trailing blocks (a loop: blocks nest deep). */
function endsControlFlow(statements: readonly Node[]): boolean {
  let last: Node | undefined = statements[statements.length - 1];
  while (last?.type === 'statement_block') last = namedChildren(last).filter((n) => n.type !== 'comment').at(-1);
  return last !== undefined && TERMINATORS.has(last.type);
}

/** `labels`: read from the case's test in a switch over tests; else from its string value or constant. */
function readArm(node: Node, labels?: LabelShape[]): ArmShape {
  const isDefault = node.type === 'switch_default';
  const value = node.childForFieldName('value');
  const label = value && (value.type === 'string' || value.type === 'template_string') ? readStringLiteral(value) : value ? namedLabel(value, NAME_TYPES) : undefined;
  const body = node.childrenForFieldName('body').filter((n): n is Node => n !== null && n.type !== 'comment');
  return {
    span: spanOf(node),
    labels: labels ?? (label ? [label] : []),
    isDefault,
    isBareLabel: body.length === 0,
    fallsThrough: !endsControlFlow(body),
  };
}

/** `switch (true)`: each case is a test, as in an if/else chain. */
const isTrue = (node: Node) => node.type === 'parenthesized_expression' && node.namedChildCount === 1 && node.namedChild(0)!.type === 'true';

const NAME_TYPES = ['identifier', 'member_expression', 'subscript_expression'];
const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'function', 'generator_function_declaration']);

/** The declared type of a subject that is a parameter of the enclosing function (`function f(e: CreatorInfoError)`). */
/**
 * The declared type of a switch's subject, by name: a parameter or a variable typed with it, or a property
 * of one (`err.code` where `err: ApiError`, `this.code` in a class), as `ApiError.code` for the property's
 * type to be looked up in the file's declarations (propertyType).
 */
function subjectTypeOf(switchNode: Node, subject: Node): string | undefined {
  const inner = subject.type === 'parenthesized_expression' && subject.namedChildCount === 1 ? subject.namedChild(0)! : subject;
  if (inner.type === 'member_expression') {
    const object = inner.childForFieldName('object');
    const property = inner.childForFieldName('property');
    if (!object || property?.type !== 'property_identifier') return undefined;
    const owner = object.type === 'this' ? enclosingClass(switchNode) : object.type === 'identifier' ? subjectTypeOf(switchNode, object) : undefined;
    return owner && !owner.includes('.') ? `${owner}.${property.text}` : undefined;
  }
  // A variable declared with its type a few statements before the switch (`const e: CreatorInfoError = …`).
  if (inner.type === 'identifier') {
    let before = switchNode.previousNamedSibling;
    for (let steps = 0; before && steps < 16; steps++, before = before.previousNamedSibling) {
      if (before.type !== 'lexical_declaration' && before.type !== 'variable_declaration') continue;
      for (const declarator of namedChildren(before).filter((n) => n.type === 'variable_declarator')) {
        if (declarator.childForFieldName('name')?.text !== inner.text) continue;
        const type = declarator.childForFieldName('type');
        return type ? namedChildren(type).find((n) => n.type === 'type_identifier')?.text : undefined;
      }
    }
  }
  return parameterType(switchNode, subject, FUNCTIONS, (parameter) => {
    const type = parameter.childForFieldName('type');
    return { name: parameter.childForFieldName('pattern')?.text, type: type ? namedChildren(type).find((n) => n.type === 'type_identifier')?.text : undefined };
  });
}

/** The name of the class a node is in, within a few dozen levels. */
function enclosingClass(node: Node): string | undefined {
  let up = node.parent;
  for (let depth = 0; up && depth < 48; depth++, up = up.parent) {
    if (up.type === 'class_declaration' || up.type === 'class') return up.childForFieldName('name')?.text;
  }
  return undefined;
}

/**
 * The type, by name, of `owner`'s property `property`, where the file declares `owner` at its top as an
 * interface, a class or a type of an object (`interface ApiError { code: CreatorInfoError }`).
 */
function propertyType(root: Node, owner: string, property: string): string | undefined {
  for (let statement of namedChildren(root)) {
    if (statement.type === 'export_statement') statement = statement.childForFieldName('declaration') ?? statement;
    if (statement.childForFieldName('name')?.text !== owner) continue;
    const body = statement.childForFieldName('body') ?? statement.childForFieldName('value');
    if (!body || !['interface_body', 'object_type', 'class_body'].includes(body.type)) continue;
    for (const member of namedChildren(body)) {
      if (member.type !== 'property_signature' && member.type !== 'public_field_definition') continue;
      if (member.childForFieldName('name')?.text !== property) continue;
      const type = member.childForFieldName('type');
      return type ? namedChildren(type).find((n) => n.type === 'type_identifier')?.text : undefined;
    }
  }
  return undefined;
}

export function readSwitchStatement(node: Node): ConstructShape | undefined {
  const subject = node.childForFieldName('value');
  const body = node.childForFieldName('body');
  if (!subject || !body) return undefined;
  const cases = namedChildren(body).filter((n) => n.type === 'switch_case' || n.type === 'switch_default');
  const shape = { family: 'switch', kind: 'switch', form: 'statement', head: { start: node.startIndex, end: subject.endIndex }, span: spanOf(node) } as const;
  if (!isTrue(subject)) {
    const subjectType = subjectTypeOf(node, subject);
    return { ...shape, arms: cases.map((c) => readArm(c)), ...(subjectType ? { subjectType } : {}) };
  }
  const values = cases.map((c) => c.childForFieldName('value'));
  const tested = readTestedArms(values.map((v) => (v ? [v] : [])), ecmaScriptChains);
  return tested && { ...shape, arms: cases.map((c, i) => readArm(c, tested.labels[i])), subject: tested.subject };
}

/** `label` writes a code as a case's label: quoted, a constant, or a test of the subject in a switch over tests. */
export function renderCaseStatements(groups: Parameters<LanguageSupport['renderArms']>[0], quote: string, label = (code: string) => cStyleQuote(code, quote)): RenderedLine[] {
  const lines: RenderedLine[] = [];
  for (const group of groups) {
    lines.push([0, `// ${group.comment}`]);
    for (const code of group.codes) lines.push([0, `case ${label(code)}:`]);
    for (const line of stubBody(group, `throw new Error(${cStyleQuote(group.message, quote)});`)) lines.push([1, line]);
  }
  return lines;
}

const isString = (node: Node) => node.type === 'string';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The subject of `[…].includes(subject)` or `new Set([…]).has(subject)`, with the list's labels. */
function membership(node: Node): ReturnType<ChainSupport['compare']> {
  const callee = node.childForFieldName('function');
  const args = namedChildren(node.childForFieldName('arguments') ?? node).filter((n) => n.type !== 'comment');
  if (callee?.type !== 'member_expression' || args.length !== 1) return undefined;
  const method = callee.childForFieldName('property')?.text;
  let list = callee.childForFieldName('object');
  if (method === 'has' && list?.type === 'new_expression' && list.childForFieldName('constructor')?.text === 'Set') {
    const setArgs = namedChildren(list.childForFieldName('arguments') ?? list);
    list = setArgs.length === 1 ? setArgs[0]! : null;
  } else if (method !== 'includes' && method !== 'has') return undefined;
  // A collection of codes bound to a name (`RETRYABLE.has(code)`): its codes are resolved later.
  const named = list && (list.type === 'identifier' || list.type === 'member_expression') ? namedLabel(list, NAME_TYPES) : undefined;
  const labels = named ? [named] : list?.type === 'array' ? stringElements(list, stringOrConstant) : undefined;
  return labels ? { subject: args[0]!.text.trim(), labels } : undefined;
}

const equalsTest = (subject: string, code: string, quote: string, constant?: string) => `${subject} === ${constant ?? cStyleQuote(code, quote)}`;

const LEAVING = new Set(['return_statement', 'throw_statement', 'continue_statement', 'break_statement']);

/** An `if` with no `else` whose body leaves: its condition. */
function guardCondition(node: Node): Node | undefined {
  if (node.type !== 'if_statement' || node.childForFieldName('alternative')) return undefined;
  const body = node.childForFieldName('consequence');
  const last = body?.type === 'statement_block' ? namedChildren(body).filter((n) => n.type !== 'comment').at(-1) : body;
  return last && LEAVING.has(last.type) ? node.childForFieldName('condition') ?? undefined : undefined;
}

const ecmaScriptGuards: NonNullable<ChainSupport['guards']> = {
  condition: guardCondition,
  render(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      const tests = group.codes.map((code) => equalsTest(style.subject, code, style.quote, style.labelFor?.(code)));
      lines.push([0, `if (${tests.join(' || ')}) {`], [1, `// ${group.comment}`]);
      for (const line of stubBody(group, `throw new Error(${cStyleQuote(group.message, style.quote)});`)) lines.push([1, line]);
      lines.push([0, '}']);
    }
    return lines;
  },
};

const ecmaScriptChains = cStyleChains({
  ifType: 'if_statement',
  elseClause: 'else_clause',
  compare(node) {
    if (node.type === 'call_expression') return membership(node);
    const operands = binaryOperands(node, 'binary_expression', ['===', '==']);
    return operands && equalityWithString(...operands, isString);
  },
  parenthesize: true,
  test: equalsTest,
  stub: (message, quote) => `throw new Error(${cStyleQuote(message, quote)});`,
});

/** `[["a", …], ["b", …]]`, as passed to `new Map(…)`: every element a pair whose first item is a string. */
function pairEntries(node: Node): MapEntry[] | undefined {
  const entries: MapEntry[] = [];
  for (const element of namedChildren(node).filter((n) => n.type !== 'comment')) {
    const items = namedChildren(element).filter((n) => n.type !== 'comment');
    if (element.type !== 'array' || items.length !== 2 || !isString(items[0]!)) return undefined;
    entries.push({ key: items[0]!, value: items[1], span: spanOf(element) });
  }
  return entries;
}

const ecmaScriptMaps: MapSupport = {
  query: '[(object) (array)] @map',
  entries: (node) => (node.type === 'object' ? keyValuePairs(node) : pairEntries(node)),
  form: (node) => (node.type === 'object' ? 'object' : 'pairs'),
  keyLabel: (key) =>
    isString(key) ? readStringLiteral(key) : key.type === 'property_identifier' ? bareLabel(key) : key.type === 'computed_property_name' ? constantLabel(key.namedChild(0), true) : constantLabel(key, true),
  functionSignature: (value) =>
    value.type === 'arrow_function' || value.type === 'function_expression' || value.type === 'function'
      ? textBefore(value, value.childForFieldName('body'))
      : undefined,
  functionStub: (signature, message, quote) => `${signature} { throw new Error(${cStyleQuote(message, quote)}); }`,
  render: (groups, style) =>
    renderMapEntries(groups, '//', (code, value) => {
      const constant = style.labelFor?.(code);
      if (constant) return style.form === 'object' ? `[${constant}]: ${value}` : `[${constant}, ${value}]`;
      const key = style.form === 'object' && style.bareKeys && IDENTIFIER.test(code) ? code : cStyleQuote(code, style.quote);
      return style.form === 'object' ? `${key}: ${value}` : `[${key}, ${value}]`;
    }),
};

/** The codes of `['a', 'b']` or `new Set(['a', 'b'])` (`as const` or not): strings only, else undefined. */
function collectionOf(value: Node): { values: string[]; end: ListEnd } | undefined {
  let list: Node | null = value.type === 'as_expression' ? value.namedChild(0) : value;
  if (list?.type === 'new_expression' && list.childForFieldName('constructor')?.text === 'Set') {
    const args = namedChildren(list.childForFieldName('arguments') ?? list);
    list = args.length === 1 ? args[0]! : null;
  }
  const labels = list?.type === 'array' ? stringElements(list) : undefined;
  if (!list || !labels) return undefined;
  const elements = namedChildren(list).filter((n) => n.type !== 'comment');
  return { values: labels.map((l) => l.value), end: listEnd(list, elements.at(-1)!, labels[0]!.quote) };
}

/** A string literal's value, where it is one plain string. */
const stringValue = (node: Node | null | undefined) => (node && (node.type === 'string' || node.type === 'template_string') ? readStringLiteral(node)?.value : undefined);

/** Where new members of a union go: after its last, ` | 'c'` inline or `| 'c'` on a line of its own. */
function unionEnd(union: Node): ListEnd {
  const text = union.text;
  const quote = /^[|\s]*(['"])/.exec(text)?.[1] ?? "'";
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  const lines = text.includes('\n') && /^\s*\|/.test(lastLine);
  return { at: union.endIndex, separator: '|', ...(lines ? { indent: /^\s*/.exec(lastLine)![0] } : {}), trailingSeparator: false, quote };
}

/**
 * Declarations of codes: `const X = 'code'`, objects of codes (`{ A: 'code' }`, `as const` or not), and in
 * TypeScript string enums and unions of string literals (`type U = 'a' | 'b'`).
 */
function ecmaScriptDeclarations(typed: boolean): NonNullable<LanguageSupport['declarations']> {
  return {
    query: typed ? '[(lexical_declaration) (enum_declaration) (type_alias_declaration)] @declaration' : '(lexical_declaration) @declaration',
    read(node) {
      if (node.type === 'lexical_declaration') {
        const constants: Array<[string, string]> = [];
        const collections: Array<[string, string[], ListEnd]> = [];
        for (const declarator of namedChildren(node).filter((n) => n.type === 'variable_declarator')) {
          const name = declarator.childForFieldName('name');
          let value = declarator.childForFieldName('value');
          if (!name || name.type !== 'identifier' || !value) continue;
          if (value.type === 'as_expression') value = value.namedChild(0);
          // `Object.freeze({ … })` holds what its argument holds.
          if (value?.type === 'call_expression' && value.childForFieldName('function')?.text === 'Object.freeze') {
            const args = namedChildren(value.childForFieldName('arguments') ?? value).filter((n) => n.type !== 'comment');
            value = args.length === 1 ? args[0]! : value;
          }
          const text = stringValue(value);
          const collection = text === undefined && value ? collectionOf(value) : undefined;
          if (text !== undefined) constants.push([name.text, text]);
          else if (collection) collections.push([name.text, collection.values, collection.end]);
          else if (value?.type === 'object') {
            for (const pair of keyValuePairs(value)) {
              const key = pair.key.type === 'property_identifier' ? pair.key.text : stringValue(pair.key);
              const code = stringValue(pair.value);
              if (key && code !== undefined && IDENTIFIER.test(key)) constants.push([`${name.text}.${key}`, code]);
            }
          }
        }
        return constants.length > 0 || collections.length > 0 ? { constants, collections } : undefined;
      }
      const name = node.childForFieldName('name')?.text;
      if (!name) return undefined;
      if (node.type === 'enum_declaration') {
        const members: Array<{ value: string; name: string }> = [];
        const assignments = namedChildren(node.childForFieldName('body') ?? node).filter((n) => n.type === 'enum_assignment');
        for (const member of assignments) {
          const key = member.childForFieldName('name')?.text;
          const code = stringValue(member.childForFieldName('value'));
          // An enum with a member that is no string is not an enum of codes.
          if (!key || code === undefined) return undefined;
          members.push({ value: code, name: `${name}.${key}` });
        }
        if (members.length === 0) return undefined;
        const last = assignments.at(-1)!;
        const quote = /(['"`])/.exec(last.childForFieldName('value')?.text ?? '')?.[1] ?? "'";
        const type = { name, kind: 'enum' as const, members, declaredAt: spanOf(node.childForFieldName('name')!), end: listEnd(last.parent!, last, quote) };
        return { constants: members.map((m) => [m.name, m.value] as const), type };
      }
      // A union of string literals only: `'a' | 'b'`.
      const values: string[] = [];
      const collect = (part: Node | null): boolean => {
        if (!part) return false;
        if (part.type === 'union_type') return namedChildren(part).every(collect);
        if (part.type === 'literal_type') {
          const code = stringValue(part.namedChild(0));
          if (code !== undefined) values.push(code);
          return code !== undefined;
        }
        return false;
      };
      const value = node.childForFieldName('value');
      if (value?.type !== 'union_type' || !collect(value)) return undefined;
      return { constants: [], type: { name, kind: 'union', members: values.map((v) => ({ value: v })), declaredAt: spanOf(node.childForFieldName('name')!), end: unionEnd(value) } };
    },
  };
}

/** How a relative specifier may name a file: as written, with an extension, or as a folder's index. */
const MODULE_FILES = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '.jsx', '/index.ts', '/index.tsx', '/index.js'];
const IMPORT = /\bimport\s+(?:type\s+)?(?:\{([^}]*)\}|\*\s+as\s+([A-Za-z_$][\w$]*))\s+from\s+(['"])(\.{1,2}\/[^'"\n]*)\3/g;

/** Relative imports: `import { A, B as C } from './codes'`, `import * as N from '../codes'`. */
const ecmaScriptImports: ImportSupport = {
  clauses(text) {
    if (!text.includes('import')) return [];
    const clauses: ImportClause[] = [];
    for (const match of text.matchAll(IMPORT)) {
      const from = MODULE_FILES.map((ending) => match[4]! + ending);
      if (match[2]) {
        clauses.push({ from, names: [], namespace: match[2] });
        continue;
      }
      const names = match[1]!
        .split(',')
        .map((part) => part.trim().replace(/^type\s+/, ''))
        .filter(Boolean)
        .map((part) => {
          const [imported, local] = part.split(/\s+as\s+/);
          return [imported!.trim(), (local ?? imported!).trim()] as const;
        });
      clauses.push({ from, names });
    }
    return clauses;
  },
};

export function ecmaScriptLanguage(name: string, languageIds: string[], fileExtensions: string[], grammarFile: string): LanguageSupport {
  return {
    name,
    languageIds,
    fileExtensions,
    grammarFile,
    lineComment: '//',
    stringTypes: ['string', 'template_string'],
    commentTypes: ['comment'],
    isKey: (node) =>
      (node.type === 'property_identifier' && node.parent?.type === 'pair') || node.type === 'shorthand_property_identifier',
    constructQuery: '(switch_statement) @construct',
    readConstruct: readSwitchStatement,
    terminator: 'break;',
    renderFallThrough: (groups, style) =>
      groups.flatMap((group) => [
        [0, `// ${fallThroughComment(group.comment)}`] as RenderedLine,
        ...group.codes.map((code): RenderedLine => [0, `case ${writtenLabel(style, code)}:`]),
      ]),
    renderArms: (groups, style) =>
      renderCaseStatements(
        groups,
        style.quote,
        style.subject ? (code) => equalsTest(style.subject, code, style.quote, style.labelFor?.(code)) : (code) => writtenLabel(style, code),
      ),
    chains: { ...ecmaScriptChains, guards: ecmaScriptGuards },
    declarations: ecmaScriptDeclarations(grammarFile !== 'tree-sitter-javascript.wasm'),
    imports: ecmaScriptImports,
    handler: {
      head: (subject) => [`switch (${subject}) {`],
      tail: [[0, '}']],
      armDepth: 1,
      form: 'statement',
      map: {
        head: (name) => [grammarFile === 'tree-sitter-javascript.wasm' ? `const ${name} = {` : `const ${name}: Record<string, string> = {`],
        tail: [[0, '};']],
        form: 'object',
        name: 'tiktokErrorMessages',
      },
    },
    ...(grammarFile === 'tree-sitter-javascript.wasm' ? {} : { propertyType }),
    // `undefined!` is `never` to TypeScript, so it fits a value of any type; JavaScript has no `!`.
    maps: { ...ecmaScriptMaps, neutralValue: grammarFile === 'tree-sitter-javascript.wasm' ? 'undefined' : 'undefined!' },
    quote: cStyleQuote,
  };
}

export const typescript = ecmaScriptLanguage('typescript', ['typescript'], ['.ts', '.mts', '.cts'], 'tree-sitter-typescript.wasm');
