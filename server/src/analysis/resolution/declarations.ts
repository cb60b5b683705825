// What a file declares about codes: named constants that hold one (`const SPAM = 'spam_risk'`, the members of
// a string enum, the keys of an object of codes), and types whose values are codes (a union of string
// literals, a string enum). Labels written as such names read as the codes they hold, and a switch over a
// value of such a type is measured against the type's members. Within one file; pure data, no tree.
import type { Span } from '../text';

/** A type whose values are strings: a union of string literals, or a string enum (whose members have names). */
export interface DeclaredType {
  readonly name: string;
  readonly kind: 'union' | 'enum';
  /** Each value, and for an enum the member that writes it (`Codes.SpamRisk`). */
  readonly members: ReadonlyArray<{ readonly value: string; readonly name?: string }>;
  /** Where this file declares it (its name), where the language can add members to it; never for an imported type. */
  readonly declaredAt?: Span;
  /** Where new members go. */
  readonly end?: ListEnd;
}

/**
 * Where new entries go at the end of a list written in the file (an enum's members, a union's, a collection's
 * elements), and how the others are written. Plain offsets, moved with the text like every span.
 */
export interface ListEnd {
  readonly at: number;
  /** `,` between entries; `|` before each member of a union. */
  readonly separator: ',' | '|';
  /** The entries stand one per line with this indentation; undefined where they stand on one line. */
  readonly indent?: string;
  /** The last entry is followed by a `,` (and so is each new one); else a `,` goes before each new one. */
  readonly trailingSeparator: boolean;
  /** The quote of the list's strings. */
  readonly quote: string;
}

/** A type as another file sees it: its declaration is not there to edit. */
function elsewhere({ declaredAt: _at, end: _end, ...type }: DeclaredType): DeclaredType {
  return type;
}

/** A declaration read again from a subtree that moved by `delta`: its places move with it. */
export function shiftedDeclaration(declaration: Declaration, delta: number): Declaration {
  if (delta === 0) return declaration;
  const move = <T extends { at: number } | { start: number; end: number } | undefined>(place: T): T =>
    place === undefined ? place : ('at' in place ? { ...place, at: place.at + delta } : { ...place, start: place.start + delta, end: place.end + delta });
  const { type, collections } = declaration;
  return {
    ...declaration,
    ...(collections ? { collections: collections.map(([name, values, end]) => (end ? ([name, values, move(end)] as const) : ([name, values] as const))) } : {}),
    ...(type ? { type: { ...type, declaredAt: move(type.declaredAt), end: move(type.end) } } : {}),
  };
}

/** One declaration as a language reads it: constants (name → value), collections of codes, at most one type. */
export interface Declaration {
  readonly constants: ReadonlyArray<readonly [name: string, value: string]>;
  /** A set, list or tuple of codes bound to a name (`RETRYABLE = frozenset({…})`, `const SIGNALS = new Set([…])`), and where new codes go in it. */
  readonly collections?: ReadonlyArray<readonly [name: string, values: readonly string[], end?: ListEnd]>;
  readonly type?: DeclaredType;
}

export class Declarations {
  readonly constants = new Map<string, string>();
  readonly collections = new Map<string, readonly string[]>();
  /** Where new codes go in the collections this file declares (not in imported ones). */
  readonly collectionEnds = new Map<string, ListEnd>();
  readonly types = new Map<string, DeclaredType>();
  /** Names of enum members: of the enum's type, not strings, so no label of a string switch. */
  readonly enumMembers = new Set<string>();

  /** How the language writes an enum member as a case label (Java: unqualified). */
  constructor(readonly enumLabel: (qualified: string) => string = (qualified) => qualified) {}

  add(declaration: Declaration): void {
    for (const [name, value] of declaration.constants) this.constants.set(name, value);
    for (const [name, values, end] of declaration.collections ?? []) {
      this.collections.set(name, values);
      if (end) this.collectionEnds.set(name, end);
    }
    const type = declaration.type;
    if (!type) return;
    if (type.kind === 'enum') for (const member of type.members) if (member.name) this.enumMembers.add(member.name);
    // Go declares a type's constants in as many blocks as it likes: an enum's members gather across them.
    const known = this.types.get(type.name);
    this.types.set(type.name, known?.kind === 'enum' && type.kind === 'enum' ? { ...type, members: [...known.members, ...type.members] } : type);
  }

  /** Everything `other` declares, as if declared here. */
  addAll(other: Declarations): void {
    for (const [name, value] of other.constants) this.constants.set(name, value);
    // Where another file's collections end is no place to write in this one.
    for (const [name, values] of other.collections) this.collections.set(name, values);
    for (const [name, type] of other.types) this.types.set(name, elsewhere(type));
    for (const member of other.enumMembers) this.enumMembers.add(member);
  }

  /**
   * What this file's declarations are called in a file that imports `imported` as `local` (`import { Codes as C }`):
   * `Codes.SPAM` becomes `C.SPAM`. With `imported` undefined, every name gets the prefix `local.` (`import * as N`);
   * with `local` empty, `imported`'s members lose their prefix (`import static Codes.*`).
   */
  renamed(imported: string | undefined, local: string, into: Declarations): void {
    const rename = (name: string): string | undefined => {
      if (imported === undefined) return `${local}.${name}`;
      if (name === imported) return local || undefined;
      if (!name.startsWith(imported + '.')) return undefined;
      // With no local name, the members come in unqualified.
      return local ? local + name.slice(imported.length) : name.slice(imported.length + 1);
    };
    for (const [name, value] of this.constants) {
      const to = rename(name);
      if (to !== undefined) into.constants.set(to, value);
    }
    for (const [name, values] of this.collections) {
      const to = rename(name);
      if (to !== undefined) into.collections.set(to, values);
    }
    for (const [name, type] of this.types) {
      const to = rename(name);
      if (to === undefined) continue;
      const members = type.members.map((m) => (m.name ? { ...m, name: rename(m.name) ?? m.name } : m));
      into.types.set(to, { ...elsewhere(type), name: to, members });
      for (const m of members) if (m.name && type.kind === 'enum') into.enumMembers.add(m.name);
    }
  }

  get empty(): boolean {
    return this.constants.size === 0 && this.types.size === 0 && this.collections.size === 0;
  }

  /** A key that changes when anything declared changes: classifications made under another are not reused. */
  get key(): string {
    return JSON.stringify([[...this.constants], [...this.types], [...this.collections], [...this.collectionEnds]]);
  }

  /**
   * A constant that holds `code`, to write as a new label where the labels are constants: one of the same
   * namespace as `like` (`Codes.X` beside `Codes.Y`) first, then any.
   */
  constantFor(code: string, like?: string): string | undefined {
    const namespace = like?.includes('.') ? like.slice(0, like.lastIndexOf('.') + 1) : '';
    let any: string | undefined;
    for (const [name, value] of this.constants) {
      if (value !== code || this.enumMembers.has(name)) continue;
      if (namespace && name.startsWith(namespace) && !name.slice(namespace.length).includes('.')) return name;
      any ??= name;
    }
    return namespace ? undefined : any;
  }
}

/** `Codes['SPAM']`, `Codes["SPAM"]`, `Codes::SPAM` and PHP's `Code::Spam->value` name what `Codes.SPAM` (`Code.Spam.value`) names. */
export function normalizeName(text: string): string {
  return text.replace(/\s+/g, '').replace(/::|->/g, '.').replace(/\[(['"])([A-Za-z_$][\w$]*)\1\]/g, '.$2');
}

/**
 * One import of another file of the workspace, as a language reads it from the text: where the source may be
 * and what names it brings in under which local names.
 */
export interface ImportClause {
  /** Paths where the source may be, relative to the importing file's folder, tried in order. */
  readonly from: readonly string[];
  /** Also tried from each folder above, nearest first: absolute module paths (Python's `app.codes`, Rust's `crate::`). */
  readonly upward?: boolean;
  /** `import { A, B as C }`: [imported, local] pairs. */
  readonly names: ReadonlyArray<readonly [imported: string, local: string]>;
  /** `import * as N`, `from . import codes`, `mod codes;`: every name under `N.`. */
  readonly namespace?: string;
  /** Every name the source declares, as it declares it: Ruby's `require_relative`, PHP's `require`. */
  readonly everything?: boolean;
  /** Every member of `members` unqualified: Java's `import static …Codes.*` brings `Codes.SPAM` as `SPAM`. */
  readonly members?: string;
}

/** What `clauses` bring in, given each one's source's declarations (undefined where a source cannot be read). */
export function importedDeclarations(clauses: readonly ImportClause[], declarationsOf: (clause: ImportClause) => Declarations | undefined): Declarations {
  const into = new Declarations();
  for (const clause of clauses) {
    const source = declarationsOf(clause);
    if (!source) continue;
    if (clause.everything) into.addAll(source);
    if (clause.namespace) source.renamed(undefined, clause.namespace, into);
    if (clause.members) source.renamed(clause.members, '', into);
    for (const [imported, local] of clause.names) source.renamed(imported, local, into);
  }
  return into;
}
