// Python: `match`/`case`, including `case "a" | "b":` and the `case _:` default; if/elif chains with `==` and
// `in (…)`; dict literals keyed by codes.
import type { Node } from '../analysis/parsing';
import type { ImportClause, ListEnd } from '../analysis/resolution/declarations';
import {
  keyValuePairs,
  cStyleQuote,
  equalityWithString,
  renderMapEntries,
  stringElements,
  textBefore,
  type Branch,
  type ChainSupport,
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
  type RenderedLine,
  type ImportSupport,
  listEnd,
  writtenLabel,
  stringOrConstant,
  constantLabel,
  stubBody,
} from './language';

/** The string labels of a pattern that is a string or an `|` of strings; undefined for any other pattern. */
function patternLabels(pattern: Node): LabelShape[] | undefined {
  if (pattern.type === 'string') {
    const label = readStringLiteral(pattern);
    return label ? [label] : undefined;
  }
  // A dotted name is a value pattern (`ErrorCode.SPAM_RISK`); a bare name would be a capture, not a constant.
  if (pattern.type === 'dotted_name' && pattern.text.includes('.')) {
    const label = namedLabel(pattern, ['dotted_name']);
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
  return { span: spanOf(clause), labels, isDefault, fallsThrough: false, isBareLabel: false, guarded: guard !== null };
}

const isString = (node: Node) => node.type === 'string';

const ENUM_BASES = /^(Enum|StrEnum|str)$/;

/** `NAME = "code"` at a module's top or in a class; a class whose bases are `Enum`, `StrEnum` or `str` is an enum of them. */
const declarations: NonNullable<LanguageSupport['declarations']> = {
  query: '(class_definition) @declaration\n(module (expression_statement (assignment) @declaration))',
  read(node) {
    const assignment = (statement: Node): [string, string] | undefined => {
      const inner = statement.type === 'assignment' ? statement : statement.type === 'expression_statement' ? statement.namedChild(0) : null;
      const left = inner?.type === 'assignment' ? inner.childForFieldName('left') : null;
      const right = inner?.childForFieldName('right');
      const literal = right && isString(right) ? readStringLiteral(right) : undefined;
      return left?.type === 'identifier' && literal ? [left.text, literal.value] : undefined;
    };
    if (node.type !== 'class_definition') {
      const constant = assignment(node);
      if (constant) return { constants: [constant] };
      const collection = collectionAssignment(node);
      return collection ? { constants: [], collections: [collection] } : undefined;
    }
    const name = node.childForFieldName('name')?.text;
    const body = node.childForFieldName('body');
    if (!name || !body) return undefined;
    const members = namedChildren(body).map(assignment).filter((m) => m !== undefined).map(([key, value]) => ({ name: `${name}.${key}`, value }));
    if (members.length === 0) return undefined;
    const bases = node.childForFieldName('superclasses');
    const isEnum = bases !== null && namedChildren(bases).some((b) => ENUM_BASES.test(b.text.replace(/^enum\./, '')));
    return { constants: members.map((m) => [m.name, m.value] as const), ...(isEnum ? { type: { name, kind: 'enum' as const, members } } : {}) };
  },
};
const FUNCTIONS = new Set(['function_definition']);

/** Where a module may be, from the folder of the file that imports it: `app.codes` → `app/codes.py`. */
const moduleFiles = (dotted: string) => [`${dotted.replace(/\./g, '/')}.py`, `${dotted.replace(/\./g, '/')}/__init__.py`];

/** `A, B as C`, in parentheses or not, as [imported, local] pairs; `*` is every name. */
function importedNames(list: string): Array<readonly [string, string]> {
  return list
    .replace(/[()\\]/g, ' ')
    .split(',')
    .map((part) => part.trim().split(/\s+as\s+/))
    .filter(([name]) => name !== undefined && /^\w+$/.test(name))
    .map(([name, local]) => [name!, (local ?? name!).trim()] as const);
}

const FROM_IMPORT = /^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]{0,4000}\)|[^\n#]+)/gm;
const PLAIN_IMPORT = /^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?[ \t]*$/gm;

/**
 * `from .codes import ErrorCode, SPAM as S`, `from . import codes`, `from ..pkg.codes import *`; absolute
 * modules (`from app.codes import X`, `import app.codes as c`) are looked for from the file's folder upward.
 */
const imports: ImportSupport = {
  clauses(text) {
    if (!text.includes('import')) return [];
    const clauses: ImportClause[] = [];
    for (const [, dots, module, list] of text.matchAll(FROM_IMPORT)) {
      const up = dots!.length > 1 ? '../'.repeat(dots!.length - 1) : '';
      const upward = dots!.length === 0;
      if (list!.trim() === '*') {
        if (module) clauses.push({ from: moduleFiles(module).map((f) => up + f), upward, names: [], everything: true });
        continue;
      }
      const names = importedNames(list!);
      if (module) {
        clauses.push({ from: moduleFiles(module).map((f) => up + f), upward, names });
        continue;
      }
      // `from . import codes`: a module of the package, or a name its `__init__.py` declares.
      for (const [name, local] of names) clauses.push({ from: moduleFiles(name).map((f) => up + f), names: [], namespace: local });
      clauses.push({ from: [`${up}__init__.py`], names });
    }
    for (const [, module, alias] of text.matchAll(PLAIN_IMPORT)) clauses.push({ from: moduleFiles(module!), upward: true, names: [], namespace: alias ?? module! });
    return clauses;
  },
};

/** `NAME = frozenset({"a", "b"})`, `NAME = {"a", "b"}`, a tuple or a list of strings: a collection of codes, and where new ones go. */
function collectionAssignment(node: Node): [string, string[], ListEnd] | undefined {
  const left = node.childForFieldName('left');
  let right = node.childForFieldName('right');
  if (left?.type !== 'identifier' || !right) return undefined;
  if (right.type === 'call' && /^(frozenset|set|tuple|list)$/.test(right.childForFieldName('function')?.text ?? '')) {
    const args = namedChildren(right.childForFieldName('arguments') ?? right);
    right = args.length === 1 ? args[0]! : null;
  }
  const labels = right && ['tuple', 'set', 'list'].includes(right.type) ? stringElements(right) : undefined;
  if (!right || !labels) return undefined;
  const last = namedChildren(right).filter((n) => n.type !== 'comment').at(-1)!;
  return [left.text, labels.map((l) => l.value), listEnd(right, last, labels[0]!.quote)];
}

const LEAVING = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);

const guards: NonNullable<ChainSupport['guards']> = {
  condition(node) {
    if (node.type !== 'if_statement' || node.childrenForFieldName('alternative').length > 0) return undefined;
    const body = node.childForFieldName('consequence');
    const last = body ? namedChildren(body).filter((n) => n.type !== 'comment').at(-1) : undefined;
    return last && LEAVING.has(last.type) ? node.childForFieldName('condition') ?? undefined : undefined;
  },
  render(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      const labels = group.codes.map((c) => writtenLabel(style, c));
      lines.push([0, labels.length === 1 ? `if ${style.subject} == ${labels[0]}:` : `if ${style.subject} in (${labels.join(', ')}):`]);
      lines.push([1, `# ${group.comment}`]);
      for (const line of stubBody(group, `raise NotImplementedError(${cStyleQuote(group.message, style.quote)})`)) lines.push([1, line]);
    }
    return lines;
  },
};

const chains: ChainSupport = {
  guards,
  query: '(if_statement) @chain',
  branches(node) {
    const condition = node.childForFieldName('condition');
    const consequence = node.childForFieldName('consequence');
    if (!condition || !consequence) return undefined;
    const branches: Branch[] = [{ condition, span: { start: node.startIndex, end: consequence.endIndex } }];
    for (const clause of node.childrenForFieldName('alternative')) {
      if (clause?.type === 'elif_clause') {
        const test = clause.childForFieldName('condition');
        if (!test) return undefined;
        branches.push({ condition: test, span: spanOf(clause) });
      } else if (clause?.type === 'else_clause') branches.push({ span: spanOf(clause) });
    }
    return branches;
  },
  disjuncts: (node) => (node.type === 'boolean_operator' && node.childForFieldName('operator')?.type === 'or' ? [node.childForFieldName('left')!, node.childForFieldName('right')!] : undefined),
  compare(node) {
    const operands = namedChildren(node).filter((n) => n.type !== 'comment');
    const operators = node.childrenForFieldName('operators');
    if (node.type !== 'comparison_operator' || operands.length !== 2 || operators.length !== 1) return undefined;
    const [left, right] = operands as [Node, Node];
    if (operators[0]!.type === '==') return equalityWithString(left, right, isString);
    if (operators[0]!.type !== 'in' || isString(left)) return undefined;
    // A collection of codes bound to a name (`code in RETRYABLE`): its codes are resolved later.
    if (right.type === 'identifier' || (right.type === 'attribute' && /^[\w.]+$/.test(right.text))) {
      const named = namedLabel(right, ['identifier', 'attribute']);
      return named ? { subject: left.text.trim(), labels: [named] } : undefined;
    }
    if (!['tuple', 'set', 'list'].includes(right.type)) return undefined;
    const labels = stringElements(right, stringOrConstant);
    return labels ? { subject: left.text.trim(), labels } : undefined;
  },
  joinsInline: false,
  render(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      const labels = group.codes.map((c) => writtenLabel(style, c));
      if (labels.length === 1) lines.push([0, `elif ${style.subject} == ${labels[0]}:`]);
      else if (fitsOnOneLine(labels, ', ')) lines.push([0, `elif ${style.subject} in (${labels.join(', ')}):`]);
      else {
        lines.push([0, `elif ${style.subject} in (`]);
        for (const label of labels) lines.push([1, `${label},`]);
        lines.push([0, '):']);
      }
      lines.push([1, `# ${group.comment}`]);
      for (const line of stubBody(group, `raise NotImplementedError(${cStyleQuote(group.message, style.quote)})`)) lines.push([1, line]);
    }
    return lines;
  },
};

const maps: MapSupport = {
  neutralValue: 'None',
  query: '(dictionary) @map',
  entries: keyValuePairs,
  keyLabel: (key) => (isString(key) ? readStringLiteral(key) : constantLabel(key, true)),
  functionSignature: (value) => (value.type === 'lambda' ? textBefore(value, value.childForFieldName('body')) : undefined),
  // A lambda cannot hold `raise`; throwing into an empty generator raises from an expression.
  functionStub: (signature, message, quote) => `${signature} (_ for _ in ()).throw(NotImplementedError(${cStyleQuote(message, quote)}))`,
  render: (groups, style) => renderMapEntries(groups, '#', (code, value) => `${writtenLabel(style, code)}: ${value}`),
};

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
    const subjectType = parameterType(node, subject, FUNCTIONS, (parameter) =>
      parameter.type === 'typed_parameter' ? { name: parameter.namedChild(0)?.text, type: parameter.childForFieldName('type')?.text } : undefined,
    );
    return { family: 'switch', kind: 'match', form: 'match', head: { start: node.startIndex, end: subject.endIndex }, span: spanOf(node), arms, ...(subjectType ? { subjectType } : {}) };
  },
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `# ${group.comment}`]);
      const labels = group.codes.map((c) => style.labelFor?.(c) ?? cStyleQuote(c, style.quote));
      if (fitsOnOneLine(labels, ' | ')) {
        lines.push([0, `case ${labels.join(' | ')}:`]);
      } else {
        lines.push([0, 'case (']);
        labels.forEach((label, i) => lines.push([1, i === 0 ? label : `| ${label}`]));
        lines.push([0, '):']);
      }
      for (const line of stubBody(group, `raise NotImplementedError(${cStyleQuote(group.message, style.quote)})`)) lines.push([1, line]);
    }
    return lines;
  },
  chains,
  maps,
  declarations,
  imports,
  handler: {
    head: (subject) => [`match ${subject}:`],
    tail: [],
    armDepth: 1,
    form: 'match',
    map: { head: (name) => [`${name} = {`], tail: [[0, '}']], form: 'map', name: 'TIKTOK_ERROR_MESSAGES' },
  },
  quote: cStyleQuote,
};
