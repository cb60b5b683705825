// Finds the branching constructs of a document and decides which of them branch on TikTok error codes.
import type { ConstructShape, LanguageSupport } from '../../languages/language';
import { catalog as defaultCatalog, codeMentions, codeMentionsSteps, namesEnoughCodes, SET_IDS, type Catalog, type SetId } from '../catalog/catalog';
import { readChain, readGuardRun } from './chains';
import { readMap } from './lookupMaps';
import { lineEndAt, lineStartAt, type Span } from '../text';
import { nodeFinder, type Capture, type Node, type ParsedDocument } from '../parsing';
import type { Settings } from '../settings';
import { runToEnd, type Steps } from '../slices';
import { Declarations, shiftedDeclaration, type Declaration, type DeclaredType, type ListEnd } from '../resolution/declarations';

export interface TikTokConstruct {
  readonly shape: ConstructShape;
  /** The set of codes it is measured against (where its subject's type does not say). */
  readonly set: SetId;
  /** The declared type of its subject, whose members it is measured against instead. */
  readonly typed?: DeclaredType;
  /** How a new label for a code is written where not as a literal: an enum member, a constant. */
  readonly labelFor?: (code: string) => string | undefined;
  /** Catalog codes among the labels of arms without a guard. */
  readonly handled: ReadonlySet<string>;
  readonly hasDefault: boolean;
  /** The set's codes not among the labels, less the ignored ones, in catalog order. */
  readonly missing: readonly string[];
  /** Collections of codes this file declares that its tests name (`code in RETRYABLE`), and where new codes go in each. */
  readonly collections?: ReadonlyMap<string, ListEnd>;
}

/**
 * A construct in or around a syntax error is being typed: what it handles is not known yet. `errorAbove`
 * says whether an ancestor is an ERROR node, known from the walk down (asking a node for its parent costs a
 * walk from the root, which a deeply nested file cannot pay for every construct).
 */
function isBroken(node: Node, errorAbove: boolean): boolean {
  return node.hasError || (node.tree.rootNode.hasError && errorAbove);
}

/** How many ancestors a reader may ask about: the wrappers of a map on its first line. */
const ANCESTORS_KEPT = 4;

/**
 * The nodes from `root` down to `target`'s parent, found by a cursor walk from `root` (a small subtree), and
 * whether any of them is an ERROR node.
 */
function pathWithin(root: Node, target: Node): Node[] {
  const path: Node[] = [];
  const cursor = root.walk();
  try {
    for (let current = cursor.currentNode; current.id !== target.id; current = cursor.currentNode) {
      path.push(current);
      if (!cursor.gotoFirstChild()) break;
      while (cursor.startIndex > target.startIndex || cursor.endIndex < target.endIndex) if (!cursor.gotoNextSibling()) return path;
    }
  } finally {
    cursor.delete();
  }
  return path;
}

/** Subtrees or constructs read between two places where the work may pause. */
const PAUSE_EVERY = 32;

/** The most of its line before a subtree that a cache key holds. */
const MAX_CONTEXT = 256;

/** Subtrees up to this size are queried whole; above it, a node's children are looked at one by one. */
const SUBTREE_CHARS = 4096;

/** The index of the first of a sorted list of offsets at or after `start`. */
function firstAtOrAfter(offsets: readonly number[], start: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid]! < start) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether a sorted list of offsets has one in [start, end). */
function anyWithin(offsets: readonly number[], start: number, end: number): boolean {
  const first = firstAtOrAfter(offsets, start);
  return first < offsets.length && offsets[first]! < end;
}

const moved = (span: Span, delta: number): Span => ({ start: span.start + delta, end: span.end + delta });

/** Moves every span in a shape by `delta`: a subtree read before an edit, found again elsewhere after it. */
function shifted(shape: ConstructShape, delta: number): ConstructShape {
  if (delta === 0) return shape;
  return {
    ...shape,
    head: moved(shape.head, delta),
    span: moved(shape.span, delta),
    arms: shape.arms.map((arm) => ({ ...arm, span: moved(arm.span, delta), labels: arm.labels.map((label) => ({ ...label, span: moved(label.span, delta) })) })),
  };
}

/**
 * Shapes read from each small subtree of a document's last analysis, by the subtree's text: after an edit,
 * every subtree but the edited one is found again unchanged (possibly moved) and is not read again.
 */
interface CachedSubtree {
  readonly start: number;
  /** What a reader sees above the subtree: its parent, and `} else ` or `const NAME = ` before it. */
  readonly context: string;
  readonly shapes: ConstructShape[];
  /** Declarations of codes read in the subtree: found again with it. */
  readonly declarations: Declaration[];
  /** How each shape was classified, under which settings, catalog and declarations: undefined where it is not TikTok's. */
  classified?: { readonly settings: Settings; readonly catalog: Catalog; readonly declared: string; readonly constructs: Array<TikTokConstruct | undefined> };
}

/**
 * A shape, its node and whether an ERROR node is above it when the tree has syntax errors, and the cache entry
 * it was read into or found in.
 */
type Found = { node?: Node; errorAbove?: boolean; shape: ConstructShape; subtree?: CachedSubtree; index?: number };

/** What the walk down knows of a node's surroundings: its nearest ancestors, and whether one is an ERROR node. */
interface Above {
  readonly ancestors: readonly Node[];
  readonly inError: boolean;
}
const subtreeCache = new WeakMap<ParsedDocument, Map<string, CachedSubtree>>();

/**
 * Every switch, if/else chain and map literal the language can read that holds a catalog code, in document
 * order. One that holds none cannot be TikTok's, so it is not read at all. Shapes come with their node when
 * the tree has syntax errors, so that the caller can tell whether they are being typed.
 */
/** A TypeScript declaration of a type: a subject typed by one is read from outside its switch's subtree. */
const DECLARES_TYPES = /\benum\s+[A-Za-z_$]|\btype\s+[A-Za-z_$][\w$]*\s*=/;

/**
 * Whether a code is written where a declaration would give it to a name: after a single `=` (`X = "code"`,
 * `A = 'code'` in an enum, `type U = 'code' | …`), a `:` (`{ A: 'code' }`) or a `(` (Java's `SPAM("code")`);
 * not after `==`, `===`, `!=` or `=>`. Files where no code is so written are read without the declarations'
 * patterns, which cost every query over the file.
 */
export function mayDeclareCodes(text: string, codes: readonly number[] = codeMentions(text)): boolean {
  for (const at of codes) {
    let i = at - 1;
    if (text[i] === '"' || text[i] === "'" || text[i] === '`') i--;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
    const c = text[i];
    if (c === ':' || c === '(') return true;
    // The first code of a collection bound to a name: `X = frozenset({"code", …})`, `const X = new Set(['code', …])`.
    if ((c === '[' || c === '{') && /(=|\b(frozenset|set|tuple|list|Set)\s*\()\s*[\[{(]?\s*$/.test(text.slice(Math.max(0, i - 40), i))) return true;
    if (c === '=' && !'=!<>'.includes(text[i - 1] ?? '')) return true;
    // A later member of a TypeScript union: `type U = 'ok' | 'code'`, on one line or one member per line.
    if (c === '|' && /\btype\s+[A-Za-z_$][\w$]*\s*=[^;{}()]*$/.test(text.slice(Math.max(0, i - 512), i))) return true;
  }
  return false;
}

/**
 * `names`: where the file's code constants are used; given, only the subtrees that hold them are read (a
 * switch over `Codes.SPAM` holds no code's text), and the cache of subtrees is left alone.
 */
function* findConstructs(doc: ParsedDocument, language: LanguageSupport, catalog: Catalog, declared: Declarations, names?: readonly number[], importsTypes = false): Steps<Found[]> {
  const codes = names ?? (yield* codeMentionsSteps(doc.text, catalog));
  const mentions = codes;
  if (mentions.length === 0) return [];
  const declares = names === undefined && language.declarations !== undefined && mayDeclareCodes(doc.text, codes);
  const { chains, maps } = language;
  const readers: Record<string, (node: Node, ancestors: () => readonly Node[]) => ConstructShape | undefined> = { construct: (node) => language.readConstruct(node) };
  if (chains) readers.chain = (node) => readChain(node, doc.text, chains) ?? readGuardRun(node, chains);
  if (maps) readers.map = (node, ancestors) => readMap(node, doc.text, language, maps, ancestors());
  // One query for every construct family.
  const source = [language.constructQuery, chains?.query, maps?.query, declares ? language.declarations?.query : undefined].filter(Boolean).join('\n');
  const query = nodeFinder(doc.grammar, source);
  const root = doc.tree.rootNode;
  const treeHasError = root.hasError;
  // With a syntax error anywhere, recovery can change nodes far from the edit: read everything afresh. So too
  // where the file declares types: a switch's subject then has a type read from outside its subtree.
  const cache = names || root.hasError || importsTypes || (declares && DECLARES_TYPES.test(doc.text)) ? undefined : new Map<string, CachedSubtree>();
  // A reading for the constants' names finds what a reading for codes passed by: it reuses none of that.
  const previous = subtreeCache.get(doc);
  const found: Found[] = [];
  /**
   * Reads the constructs captured in the subtree at `top` into `into`'s shapes, or into a list of their own.
   * A capture's ancestors come from `above` (the walk down to `top`) and a cursor walk inside the subtree.
   */
  const read = (top: Node, above: Above, captures: readonly Capture[], into?: CachedSubtree): ConstructShape[] => {
    const shapes: ConstructShape[] = into?.shapes ?? [];
    for (const { name, node } of captures) {
      if (!anyWithin(mentions, node.startIndex, node.endIndex)) continue;
      if (name === 'declaration') {
        const declaration = language.declarations?.read(node);
        if (declaration) {
          declared.add(declaration);
          into?.declarations.push(declaration);
        }
        continue;
      }
      let path: Node[] | undefined;
      const inside = () => (path ??= node.id === top.id ? [] : pathWithin(top, node));
      const ancestors = () => [...inside()].reverse().concat(above.ancestors).slice(0, ANCESTORS_KEPT);
      const shape = readers[name]?.(node, ancestors);
      if (!shape) continue;
      // Without a cache the tree may have errors: the caller needs the node to tell whether it is being typed.
      // In a tree with none, no node above is one, and the walk down to the node is not needed.
      if (cache) found.push({ shape, subtree: into, index: shapes.length });
      else found.push({ node, errorAbove: treeHasError && (above.inError || inside().some((n) => n.isError)), shape });
      shapes.push(shape);
    }
    return shapes;
  };
  // Only what encloses a code can be TikTok's: query the small subtrees that hold codes, and of the large
  // nodes above them only the node itself, never the parts of the tree where no code is written.
  // A stack, not recursion: a pathological file nests thousands deep.
  const stack: Array<[node: Node, end: number, parentType: string, above: Above]> = [[root, root.endIndex, '', { ancestors: [], inError: false }]];
  for (let top = stack.pop(), visited = 0; top; top = stack.pop()) {
    // A place to pause, now and then: the server answers hover between slices of a large document.
    if (++visited % PAUSE_EVERY === 0) yield;
    const [node, end, parentType, above] = top;
    if (end - node.startIndex <= SUBTREE_CHARS || node.childCount === 0) {
      if (!cache) {
        read(node, above, query.captures(node));
        continue;
      }
      // Keyed by the subtree's own text (a slice: no copy); what stands above it must match too. A subtree far
      // into a long (minified) line is read afresh: a key of all the line before it would make a line quadratic.
      const lineStart = lineStartAt(doc.text, node.startIndex);
      if (node.startIndex - lineStart > MAX_CONTEXT) {
        read(node, above, query.captures(node));
        continue;
      }
      const text = doc.text.slice(node.startIndex, end);
      const context = parentType + '\u0000' + doc.text.slice(lineStart, node.startIndex);
      const known = previous?.get(text);
      // A run of guards reaches past its first `if`, outside the subtree: such a subtree is read afresh.
      if (known && known.context === context && !known.shapes.some((shape) => shape.form === 'guards')) {
        const delta = node.startIndex - known.start;
        const entry: CachedSubtree = {
          start: node.startIndex,
          context,
          shapes: known.shapes.map((shape) => shifted(shape, delta)),
          declarations: known.declarations.map((declaration) => shiftedDeclaration(declaration, delta)),
        };
        for (const declaration of entry.declarations) declared.add(declaration);
        if (known.classified) {
          const { constructs } = known.classified;
          entry.classified = { ...known.classified, constructs: constructs.map((c, i) => c && (delta === 0 ? c : { ...c, shape: entry.shapes[i]! })) };
        }
        entry.shapes.forEach((shape, index) => found.push({ shape, subtree: entry, index }));
        cache.set(text, entry);
      } else {
        const entry: CachedSubtree = { start: node.startIndex, context, shapes: [], declarations: [] };
        read(node, above, query.captures(node), entry);
        cache.set(text, entry);
      }
      continue;
    }
    read(node, above, query.captures(node, { maxStartDepth: 0 }));
    const below: Above = { ancestors: [node, ...above.ancestors].slice(0, ANCESTORS_KEPT), inError: above.inError || node.isError };
    // A cursor visits the children without making an object of each, and asks where one starts only when a
    // code comes before its end: most children hold none. Past the last code the rest are not visited.
    const type = node.type;
    const cursor = node.walk();
    try {
      let next = firstAtOrAfter(mentions, node.startIndex);
      if (cursor.gotoFirstChild()) {
        let children = 0;
        do {
          // A minified file's program has a hundred thousand children: a place to pause among them too.
          if (++children % (PAUSE_EVERY * 64) === 0) yield;
          const childEnd = cursor.endIndex;
          if (mentions[next]! >= childEnd) continue;
          const after = firstAtOrAfter(mentions, childEnd);
          if (mentions[after - 1]! >= cursor.startIndex) stack.push([cursor.currentNode, childEnd, type, below]);
          next = after;
        } while (next < mentions.length && mentions[next]! < end && cursor.gotoNextSibling());
      }
    } finally {
      cursor.delete();
    }
  }
  if (cache) subtreeCache.set(doc, cache);
  else if (!names) subtreeCache.delete(doc);
  return found.sort((a, b) => a.shape.span.start - b.shape.span.start);
}

/** A subject named for the publish status's failure reason: `fail_reason`, `failReason`, `post.fail_reason`. */
const FAIL_REASON_SUBJECT = /fail_?reason/i;

/**
 * The set a construct is measured against, where its directive does not say: `fail_reason` when its subject is
 * named so, or when every code it names is a fail_reason value and one is nothing else; `oauth` when every code
 * is an OAuth value; else the workspace's default (the reference's 25 unless the settings say otherwise).
 */
function setOf(shape: ConstructShape, text: string, fields: FieldsSeen, settings: Settings): SetId {
  const head = text.slice(shape.head.start, shape.head.end);
  if (FAIL_REASON_SUBJECT.test(head) || FAIL_REASON_SUBJECT.test(shape.subject ?? '')) return 'fail_reason';
  if (fields.count > 0 && fields.allFailReason && fields.someOnlyFailReason) return 'fail_reason';
  if (fields.count > 0 && fields.allOauth) return 'oauth';
  return settings.expect;
}

/** What the fields of a construct's codes say, gathered as its labels are read (no list is made). */
interface FieldsSeen {
  count: number;
  allFailReason: boolean;
  someOnlyFailReason: boolean;
  allOauth: boolean;
}

/**
 * The construct's classification, or undefined when it is not TikTok's: that takes at least
 * `minimumKnownCodes` catalog codes among the labels, or, in a switch or chain, one code that only TikTok uses.
 * A map needs the threshold: one code among unrelated keys is a coincidence, not a lookup table. OAuth's
 * generic names (`invalid_request`, `server_error`) never count: every OAuth server uses them. A directive
 * (`tiktok-errors-expect SET`) says the construct is TikTok's and which set it is measured against.
 */
export function classify(
  shape: ConstructShape,
  settings: Settings,
  catalog: Catalog = defaultCatalog,
  text = '',
  expected?: SetId,
  declared?: Declarations,
): TikTokConstruct | undefined {
  const typed = shape.subjectType !== undefined ? declared?.types.get(shape.subjectType) : undefined;
  if (typed) return classifyTyped(shape, typed, settings, catalog, declared!);
  const named = new Set<string>();
  const handled = new Set<string>();
  const fields: FieldsSeen = { count: 0, allFailReason: true, someOnlyFailReason: false, allOauth: true };
  let counted = 0;
  let tiktokOnly = false;
  let hasDefault = false;
  for (const arm of shape.arms) {
    if (arm.isDefault) hasDefault = true;
    for (const label of arm.labels) {
      const entry = catalog.get(label.value);
      if (!entry) continue;
      if (!named.has(entry.code)) {
        if (!entry.generic) counted++;
        fields.count++;
        const failReason = entry.fields.includes('fail_reason');
        fields.allFailReason &&= failReason;
        fields.someOnlyFailReason ||= failReason && entry.fields.length === 1;
        fields.allOauth &&= entry.fields.includes('oauth.error');
      }
      named.add(entry.code);
      if (!arm.guarded) handled.add(entry.code);
      if (!entry.shared) tiktokOnly = true;
    }
  }
  // Codes under a guard still make the construct TikTok's; they are not handled for sure.
  const tiktoks = expected !== undefined ? named.size > 0 : (tiktokOnly && shape.family !== 'map') || counted >= settings.minimumKnownCodes;
  if (!tiktoks) return undefined;
  const set = expected ?? setOf(shape, text, fields, settings);
  const missing: string[] = [];
  for (const code of catalog.set(set).codes) if (!handled.has(code) && !settings.ignoreCodes.includes(code)) missing.push(code);
  return { shape, handled, hasDefault, missing, set, ...labelsLike(shape, declared) };
}

const mapDefined = <T, U>(value: T | undefined, f: (v: T) => U): U | undefined => (value === undefined ? undefined : f(value));

/** New labels as the existing ones are written: constants of the file where they use constants and one holds the code. */
function labelsLike(shape: ConstructShape, declared?: Declarations): Pick<TikTokConstruct, 'labelFor'> {
  const like = shape.arms.flatMap((arm) => arm.labels).find((l) => l.name !== undefined)?.name;
  return like && declared ? { labelFor: (code) => declared.constantFor(code, like) } : {};
}

/**
 * A switch over a value of a declared type (`e: CreatorInfoError`, a union of string literals or a string
 * enum) is measured against the type's members, which is what it can receive: its own codes and values such
 * as `ok`, not the reference's 25. It is TikTok's when the type names TikTok codes as a construct's labels
 * would have to. New labels are the type's: literals of the union, members of the enum (a literal would not
 * compile against an enum).
 */
function classifyTyped(shape: ConstructShape, typed: DeclaredType, settings: Settings, catalog: Catalog, declared: Declarations): TikTokConstruct | undefined {
  const entries = typed.members.map((m) => catalog.get(m.value)).filter((e) => e !== undefined && !e.generic);
  if (!(entries.some((e) => !e!.shared) || entries.length >= settings.minimumKnownCodes)) return undefined;
  const handled = new Set<string>();
  let hasDefault = false;
  for (const arm of shape.arms) {
    if (arm.isDefault) hasDefault = true;
    if (!arm.guarded) for (const label of arm.labels) handled.add(label.value);
  }
  const missing = typed.members.map((m) => m.value).filter((value) => !handled.has(value) && !settings.ignoreCodes.includes(value));
  const members = new Map(typed.members.map((m) => [m.value, m.name]));
  const labelFor = typed.kind === 'enum' ? (code: string) => mapDefined(members.get(code), declared.enumLabel) : labelsLike(shape, declared).labelFor;
  return { shape, handled, hasDefault, missing: [...new Set(missing)], set: 'reference', typed, ...(labelFor ? { labelFor } : {}) };
}

const EXPECT_MARK = 'tiktok-errors-expect';
const EXPECT_DIRECTIVE = /tiktok-errors-expect[ \t]+([\w.]+)/g;

/**
 * The set a directive names for the construct: `tiktok-errors-expect fail_reason` in a comment on the line
 * above its head or at the end of the head's line. Undefined when there is none (or it names no set).
 */
function expectedSet(doc: ParsedDocument, language: LanguageSupport, shape: ConstructShape): SetId | undefined {
  const { text } = doc;
  const line = lineStartAt(text, shape.head.start);
  const above = line > 0 ? lineStartAt(text, line - (text[line - 2] === '\r' && text[line - 1] === '\n' ? 2 : 1)) : 0;
  const lines = text.slice(above, lineEndAt(text, shape.head.start));
  if (!lines.includes(EXPECT_MARK)) return undefined;
  let found: SetId | undefined;
  for (const match of lines.matchAll(EXPECT_DIRECTIVE)) {
    const node = doc.tree.rootNode.descendantForIndex(above + match.index);
    if (!node || !language.commentTypes.includes(node.type)) continue;
    const name = match[1] === 'fail-reason' ? 'fail_reason' : match[1]!;
    if ((SET_IDS as readonly string[]).includes(name)) found = name as SetId;
  }
  return found;
}

export function findTikTokConstructs(doc: ParsedDocument, language: LanguageSupport, settings: Settings, catalog: Catalog = defaultCatalog, imported?: Declarations): TikTokConstruct[] {
  return runToEnd(findTikTokConstructsSteps(doc, language, settings, catalog, imported));
}

/** `imported`: what the files this one imports declare, under the names it imports them by. */
export function* findTikTokConstructsSteps(
  doc: ParsedDocument,
  language: LanguageSupport,
  settings: Settings,
  catalog: Catalog = defaultCatalog,
  imported?: Declarations,
): Steps<TikTokConstruct[]> {
  const constructs: TikTokConstruct[] = [];
  // A directive makes a construct TikTok's whatever it names: then the text is read whatever codes it holds.
  const directives = doc.text.includes(EXPECT_MARK);
  const importing = imported !== undefined && !imported.empty;
  // A file whose labels are all imported names holds no code: what it imports is reason enough to read it.
  if (!directives && !importing && !namesEnoughCodes(doc.text, settings.minimumKnownCodes, catalog)) return constructs;
  const declared = new Declarations(language.enumLabel);
  // A subject typed by an imported type has its type outside its switch: then nothing is reused.
  let found = yield* findConstructs(doc, language, catalog, declared, undefined, importing && imported.types.size > 0);
  if (importing) declared.addAll(imported);
  if (declared.constants.size > 0 || declared.collections.size > 0) {
    // Read again where the constants are used: constructs whose labels are only names of them. What both
    // readings find is kept once.
    const names = usesOf(doc.text, declared, language.enumLabel !== undefined);
    if (names.length > 0) {
      const more = yield* findConstructs(doc, language, catalog, new Declarations(language.enumLabel), names);
      const seen = new Set(found.map((f) => `${f.shape.family}:${f.shape.span.start}`));
      found = [...found, ...more.filter((f) => !seen.has(`${f.shape.family}:${f.shape.span.start}`))].sort((a, b) => a.shape.span.start - b.shape.span.start);
    }
  }
  // Labels written as constants read as the codes the file declares for them, once every declaration is known.
  const key = declared.empty ? '' : declared.key;
  if (declared.empty) lastDeclarations.delete(doc);
  else lastDeclarations.set(doc, declared);
  // Most files declare no code: then nothing is resolved, and no construct carries the declarations.
  const declaredHere = declared.empty ? undefined : declared;
  // A subject typed as a property (`err.code`, `ApiError.code`): the property's type, where the file declares it.
  const propertyTypes = new Map<string, string | undefined>();
  const typedByProperty = (shape: ConstructShape): ConstructShape => {
    const typeName = shape.subjectType;
    if (!typeName?.includes('.') || !declaredHere || declaredHere.types.has(typeName) || !language.propertyType) return shape;
    if (!propertyTypes.has(typeName)) {
      const dot = typeName.lastIndexOf('.');
      propertyTypes.set(typeName, language.propertyType(doc.tree.rootNode, typeName.slice(0, dot), typeName.slice(dot + 1)));
    }
    const property = propertyTypes.get(typeName);
    return property ? { ...shape, subjectType: property } : shape;
  };
  const classifyOne = (found: ConstructShape, expected?: SetId) => {
    const shape = typedByProperty(found);
    const construct = classify(declaredHere ? resolveLabels(shape, declaredHere) : shape, settings, catalog, doc.text, expected, declaredHere);
    return construct && declaredHere ? withCollections(construct, shape, declaredHere) : construct;
  };
  for (const [i, { node, errorAbove, shape, subtree, index }] of found.entries()) {
    if (i % PAUSE_EVERY === PAUSE_EVERY - 1) yield;
    if (node && isBroken(node, errorAbove === true)) continue;
    // A subtree found unchanged since the last analysis keeps its classification, unless the settings or the
    // file's declarations changed.
    let known = subtree?.classified;
    // A directive stands above the construct, outside what the cache keys on: read it every time there is one.
    const expected = directives ? expectedSet(doc, language, shape) : undefined;
    if (expected !== undefined) {
      const construct = classifyOne(shape, expected);
      if (construct) constructs.push(construct);
      continue;
    }
    if (subtree && !(known?.settings === settings && known.catalog === catalog && known.declared === key)) {
      known = subtree.classified = { settings, catalog, declared: key, constructs: subtree.shapes.map((s) => classifyOne(s)) };
    }
    const construct = known ? known.constructs[index!] : classifyOne(shape);
    if (construct) constructs.push(construct);
  }
  return constructs;
}

/** The construct with the collections of this file that its labels name, where they name any. */
function withCollections(construct: TikTokConstruct, shape: ConstructShape, declared: Declarations): TikTokConstruct {
  if (declared.collectionEnds.size === 0) return construct;
  const collections = new Map<string, ListEnd>();
  for (const arm of shape.arms) for (const label of arm.labels) {
    const end = label.name === undefined ? undefined : declared.collectionEnds.get(label.name);
    if (end) collections.set(label.name!, end);
  }
  return collections.size > 0 ? { ...construct, collections } : construct;
}

/** Where the names that hold codes (`Codes` of `Codes.SPAM`, `SPAM`) are written as whole words. */
function usesOf(text: string, declared: Declarations, unqualifiedMembers: boolean): number[] {
  const roots = new Set([...declared.constants.keys(), ...declared.collections.keys()].map((name) => name.split('.')[0]!));
  // A switch over an enum may name its members unqualified (Java): their own names count too, in such a language.
  if (unqualifiedMembers) for (const member of declared.enumMembers) roots.add(member.slice(member.lastIndexOf('.') + 1));
  const offsets: number[] = [];
  const word = /[\w$]/;
  for (const root of roots) {
    for (let at = text.indexOf(root); at !== -1; at = text.indexOf(root, at + root.length)) {
      if (!word.test(text[at - 1] ?? '') && !word.test(text[at + root.length] ?? '')) offsets.push(at);
    }
  }
  return offsets.sort((a, b) => a - b);
}

const lastDeclarations = new WeakMap<ParsedDocument, Declarations>();

/** What a file declares of codes, however few codes it names: a file of constants may hold only one. */
export function readDeclarations(doc: ParsedDocument, language: LanguageSupport, catalog: Catalog = defaultCatalog): Declarations | undefined {
  const declared = new Declarations(language.enumLabel);
  runToEnd(findConstructs(doc, language, catalog, declared));
  return declared.empty ? undefined : declared;
}

/** What the document declared of codes at its last analysis (hover on a constant's name reads it). */
export function declarationsOf(doc: ParsedDocument): Declarations | undefined {
  return lastDeclarations.get(doc);
}

/** The shape with its constant labels resolved to the codes the file declares; one that holds none is dropped. */
function resolveLabels(shape: ConstructShape, declared: Declarations): ConstructShape {
  if (!shape.arms.some((arm) => arm.labels.some((l) => l.name !== undefined))) return shape;
  return {
    ...shape,
    arms: shape.arms.map((arm) => ({
      ...arm,
      labels: arm.labels.flatMap((label) => {
        if (label.name === undefined) return [label];
        // A collection of codes in a membership test (`code in RETRYABLE`) stands for each of its codes.
        const collection = declared.collections.get(label.name);
        if (collection) return collection.map((value) => ({ ...label, value }));
        // A switch over an enum may name its members unqualified (Java's `case SPAM:`).
        const value = declared.constants.get(label.name) ?? (shape.subjectType !== undefined ? declared.constants.get(`${shape.subjectType}.${label.name}`) : undefined);
        return value === undefined ? [] : [{ ...label, value }];
      }),
    })),
  };
}
