// Rust: `match` with `"a" | "b" =>` and the `_` arm as the default; if/else chains with `==` and
// `[…].contains(&code)`; arrays of `("code", value)` pairs, as given to `HashMap::from`.
import type { Node } from '../analysis/parsing';
import type { ImportClause } from '../analysis/resolution/declarations';
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
  type ArmShape,
  type LabelShape,
  type LanguageSupport,
  type RenderedLine,
  type ImportSupport,
  constantLabel,
  writtenLabel,
} from './language';

const STRING_TYPES = ['string_literal', 'raw_string_literal'];

/** A constant's name as a pattern: SCREAMING_CASE (`SPAM`, `codes::TOKEN`); a lower-case name binds a value. */
const CONSTANT = /^([a-z_][a-z0-9_]*::)*[A-Z][A-Z0-9_]*$/;

function patternLabels(pattern: Node): LabelShape[] | undefined {
  if (STRING_TYPES.includes(pattern.type)) {
    const label = readStringLiteral(pattern);
    return label ? [label] : undefined;
  }
  if ((pattern.type === 'identifier' || pattern.type === 'scoped_identifier') && CONSTANT.test(pattern.text)) {
    const label = namedLabel(pattern, ['identifier', 'scoped_identifier']);
    return label ? [label] : undefined;
  }
  if (pattern.type === 'or_pattern' || pattern.type === 'match_pattern') {
    // The guard of `"a" if retry =>` is not a pattern.
    const guard = pattern.childForFieldName('condition');
    const parts = namedChildren(pattern).filter((n) => n.id !== guard?.id).map(patternLabels);
    return parts.length > 0 && parts.every((p) => p !== undefined) ? parts.flat() : undefined;
  }
  return undefined;
}

const MOD = /^[ \t]*(?:pub(?:\([^)\n]*\))?[ \t]+)?mod[ \t]+(\w+)[ \t]*;/gm;
const USE = /^[ \t]*(?:pub(?:\([^)\n]*\))?[ \t]+)?use[ \t]+((?:\w+::)*)(\w+|\*|\{[^}]{0,4000}\})(?:[ \t]+as[ \t]+(\w+))?[ \t]*;/gm;

/** Where module `path` (segments below `base`) may be: `a/b.rs` or `a/b/mod.rs`. */
const moduleFiles = (base: string, path: readonly string[]) => (path.length === 0 ? [] : [`${base}${path.join('/')}.rs`, `${base}${path.join('/')}/mod.rs`]);

/**
 * `mod codes;` (its names as `codes::X`) and `use crate::codes::{SPAM, TOKEN as T}`, `use super::codes::*`,
 * `use self::codes::SPAM`: modules are files as Rust lays them out; `crate::` is looked for from the folder up.
 */
const imports: ImportSupport = {
  clauses(text, fileName) {
    if (!/\b(mod|use)\b/.test(text)) return [];
    const isRoot = /^(main|lib|mod)\.rs$/.test(fileName);
    // The folder of this file's own child modules, from its folder.
    const own = isRoot ? '' : `${fileName.replace(/\.rs$/, '')}/`;
    const clauses: ImportClause[] = [];
    for (const [, name] of text.matchAll(MOD)) clauses.push({ from: moduleFiles(own, [name!]), names: [], namespace: name! });
    for (const [, prefix, tail, alias] of text.matchAll(USE)) {
      const segments = prefix!.split('::').filter(Boolean);
      let base = own;
      let upward = false;
      if (segments[0] === 'crate') {
        segments.shift();
        base = '';
        upward = true;
      } else if (segments[0] === 'self') segments.shift();
      else if (segments[0] === 'super') {
        base = fileName === 'mod.rs' ? '../' : '';
        segments.shift();
        while (segments[0] === 'super') base += '../', segments.shift();
      }
      const items = tail!.startsWith('{')
        ? tail!.slice(1, -1).split(',').map((part) => part.trim().split(/\s+as\s+/)).filter(([item]) => item && /^(\w+|\*)$/.test(item))
        : [[tail!, alias]];
      for (const [item, local = item] of items) {
        if (item === '*') clauses.push({ from: moduleFiles(base, segments), upward, names: [], everything: true });
        else if (item === 'self') clauses.push({ from: moduleFiles(base, segments), upward, names: [], namespace: local ?? segments.at(-1)! });
        else {
          clauses.push({ from: moduleFiles(base, segments), upward, names: [[item!, local!]] });
          // An item of an inline module of the file above (`mod codes { … }`), or a module of its own.
          if (segments.length > 0) clauses.push({ from: moduleFiles(base, segments.slice(0, -1)), upward, names: [[`${segments.at(-1)}.${item}`, local!]] });
          clauses.push({ from: moduleFiles(base, [...segments, item!]), upward, names: [], namespace: local! });
        }
      }
    }
    return clauses.filter((clause) => clause.from.length > 0);
  },
};

function readArm(node: Node): ArmShape | undefined {
  if (node.type !== 'match_arm') return undefined;
  const pattern = node.childForFieldName('pattern');
  const guarded = pattern ? pattern.childForFieldName('condition') !== null : false;
  // `_` and a bare binding (`other =>`) match everything.
  const inner = pattern ? namedChildren(pattern) : [];
  const isDefault = !guarded && pattern !== null && (pattern.text === '_' || (inner.length === 1 && inner[0]!.type === 'identifier' && !CONSTANT.test(inner[0]!.text)));
  return {
    span: spanOf(node),
    labels: pattern ? patternLabels(pattern) ?? [] : [],
    isDefault,
    isBareLabel: false,
    fallsThrough: false,
    guarded,
  };
}

const isString = (node: Node) => STRING_TYPES.includes(node.type);

/** `const SPAM: &str = "spam_risk";` at the top, or in a module (`codes::TOKEN`). */
const declarations: NonNullable<LanguageSupport['declarations']> = {
  query: '(source_file (const_item) @declaration)\n(mod_item) @declaration',
  read(node) {
    const constant = (item: Node, prefix: string): [string, string] | undefined => {
      const name = item.childForFieldName('name')?.text;
      const value = item.childForFieldName('value');
      const literal = value && isString(value) ? readStringLiteral(value) : undefined;
      return name && literal ? [prefix + name, literal.value] : undefined;
    };
    if (node.type === 'const_item') {
      const found = constant(node, '');
      return found ? { constants: [found] } : undefined;
    }
    const module = node.childForFieldName('name')?.text;
    const body = node.childForFieldName('body');
    if (!module || !body) return undefined;
    const constants = childrenOfType(body, 'const_item').map((item) => constant(item, `${module}.`)).filter((c) => c !== undefined);
    return constants.length > 0 ? { constants } : undefined;
  },
};
/** `&code` and `code` name the same subject. */
const subjectText = (node: Node) => node.text.trim().replace(/^&\s*/, '');

/** `["a", "b"].contains(&code)`. */
function membership(node: Node): Comparison | undefined {
  const callee = node.childForFieldName('function');
  const args = withoutComments(namedChildren(node.childForFieldName('arguments') ?? node));
  const list = callee?.type === 'field_expression' && callee.childForFieldName('field')?.text === 'contains' ? callee.childForFieldName('value') : null;
  const labels = list?.type === 'array_expression' && args.length === 1 ? stringElements(list) : undefined;
  return labels ? { subject: subjectText(args[0]!), labels } : undefined;
}

/** `matches!(code, "a" | "b")`: the subject before the first comma, then string patterns joined by `|`. */
function matchesMacro(node: Node): Comparison | undefined {
  const args = namedChildren(node).find((n) => n.type === 'token_tree');
  if (node.childForFieldName('macro')?.text !== 'matches' || !args) return undefined;
  const tokens = args.children.filter((t): t is Node => t !== null && t.type !== 'line_comment' && t.type !== 'block_comment').slice(1, -1);
  const comma = tokens.findIndex((t) => t.type === ',');
  if (comma < 1) return undefined;
  const patterns = tokens.slice(comma + 1);
  if (patterns.at(-1)?.type === ',') patterns.pop();
  const labels: LabelShape[] = [];
  for (const [i, token] of patterns.entries()) {
    const label = i % 2 === 0 && isString(token) ? readStringLiteral(token) : undefined;
    if (label) labels.push(label);
    else if (i % 2 === 0 || token.type !== '|') return undefined;
  }
  if (labels.length === 0 || patterns.length % 2 === 0) return undefined;
  const subject = args.text.slice(tokens[0]!.startIndex - args.startIndex, tokens[comma - 1]!.endIndex - args.startIndex);
  return { subject: subject.trim().replace(/^&\s*/, ''), labels };
}

const chains = cStyleChains({
  ifType: 'if_expression',
  elseClause: 'else_clause',
  compare(node) {
    if (node.type === 'call_expression') return membership(node);
    if (node.type === 'macro_invocation') return matchesMacro(node);
    const operands = binaryOperands(node, 'binary_expression', ['==']);
    const comparison = operands && equalityWithString(...operands, isString);
    return comparison && { ...comparison, subject: comparison.subject.replace(/^&\s*/, '') };
  },
  parenthesize: false,
  test: (subject, code, _quote, constant) => `${subject} == ${constant ?? cStyleQuote(code, '"')}`,
  stub: (message) => `todo!(${cStyleQuote(message, '"')})`,
});

const maps: MapSupport = {
  query: '(array_expression) @map',
  entries(node) {
    const entries: MapEntry[] = [];
    for (const element of withoutComments(namedChildren(node))) {
      const items = element.type === 'tuple_expression' ? withoutComments(namedChildren(element)) : [];
      if (items.length !== 2 || !isString(items[0]!)) return undefined;
      entries.push({ key: items[0]!, value: items[1], span: spanOf(element) });
    }
    return entries;
  },
  keyLabel: (key) => (isString(key) ? readStringLiteral(key) : constantLabel(key, true)),
  functionSignature: (value) => (value.type === 'closure_expression' ? textBefore(value, value.childForFieldName('body')) : undefined),
  functionStub: (signature, message) => `${signature} { todo!(${cStyleQuote(message, '"')}) }`,
  render: (groups, style) => renderMapEntries(groups, '//', (code, value) => `(${writtenLabel(style, code, '"')}, ${value})`),
};

export const rust: LanguageSupport = {
  name: 'rust',
  languageIds: ['rust'],
  fileExtensions: ['.rs'],
  grammarFile: 'tree-sitter-rust.wasm',
  lineComment: '//',
  stringTypes: STRING_TYPES,
  commentTypes: ['line_comment', 'block_comment'],
  isKey: () => false,
  constructQuery: '(match_expression) @construct',
  readConstruct(node) {
    const value = node.childForFieldName('value');
    const body = node.childForFieldName('body');
    if (!value || !body) return undefined;
    const arms = namedChildren(body)
      .map(readArm)
      .filter((a): a is ArmShape => a !== undefined);
    return { family: 'switch', kind: 'match', form: 'match', head: { start: node.startIndex, end: value.endIndex }, span: spanOf(node), arms, armSeparator: ',' };
  },
  renderArms(groups, style) {
    const lines: RenderedLine[] = [];
    for (const group of groups) {
      lines.push([0, `// ${group.comment}`]);
      const quoted = group.codes.map((c) => style.labelFor?.(c) ?? cStyleQuote(c, '"'));
      const stub = `todo!(${cStyleQuote(group.message, '"')}),`;
      // One line while the arm reads well whole; past that, a label per line and the stub after the last.
      if (quoted.length === 1 || `${quoted.join(' | ')} => ${stub}`.length <= 80) lines.push([0, `${quoted.join(' | ')} => ${stub}`]);
      else quoted.forEach((label, i) => lines.push([0, `${i === 0 ? '' : '| '}${label}${i === quoted.length - 1 ? ` => ${stub}` : ''}`]));
    }
    return lines;
  },
  chains,
  maps,
  declarations,
  imports,
  // A match over a &str must cover every string: the last arm takes the rest, as it did before.
  handler: {
    head: (subject) => [`match ${subject} {`],
    tail: [[1, '_ => {}'], [0, '}']],
    armDepth: 1,
    form: 'match',
    map: { head: (name) => [`let ${name} = std::collections::HashMap::from([`], tail: [[0, ']);']], form: 'map', name: 'tiktok_error_messages' },
  },
  writeName: (name) => name.replace(/\./g, '::'),
  quote: (value) => cStyleQuote(value, '"'),
};
