// The catalog of TikTok API error codes, read from data/tiktok-errors.json (bundled at build time).
// Every other module asks this one; no other file lists codes, messages or actions.
import catalogJson from '../../../data/tiktok-errors.json';

export type Action = 'refresh-token' | 'retry' | 'user-error';

export interface ActionInfo {
  readonly id: Action;
  readonly title: string;
  /** A few words, used in comments of inserted code. */
  readonly summary: string;
  /** One sentence on what the calling code should do. */
  readonly guidance: string;
}

export interface CategoryInfo {
  readonly name: string;
  readonly description: string;
}

export interface ErrorEntry {
  readonly code: string;
  readonly category: string;
  readonly action: Action;
  readonly message: string;
  readonly solution: string;
  /** Other APIs use this code too: alone it does not make a switch TikTok's. */
  readonly shared: boolean;
  /** An everyday word: recognised only as the whole content of a string literal. */
  readonly wholeStringOnly: boolean;
}

export interface Catalog {
  readonly entries: readonly ErrorEntry[];
  /** In the catalog's order: refresh-token, retry, user-error. */
  readonly actions: readonly ActionInfo[];
  readonly categories: readonly CategoryInfo[];
  /** Real TikTok codes outside the catalog, never reported as typos. */
  readonly otherKnownCodes: ReadonlySet<string>;
  readonly bestPractices: readonly string[];
  readonly preventionTips: readonly string[];
  get(code: string): ErrorEntry | undefined;
  /** Where the code stands in `entries`, or undefined when it is not a catalog code. */
  indexOf(code: string): number | undefined;
  action(id: Action): ActionInfo;
}

interface RawCatalog {
  actions: ActionInfo[];
  categories: CategoryInfo[];
  errors: Array<Omit<ErrorEntry, 'shared' | 'wholeStringOnly' | 'action'> & {
    action: string;
    shared?: boolean;
    wholeStringOnly?: boolean;
  }>;
  otherKnownCodes: string[];
  bestPractices: string[];
  preventionTips: string[];
}

export function buildCatalog(raw: RawCatalog): Catalog {
  const actions = raw.actions.map((a) => ({ ...a }));
  const entries: ErrorEntry[] = raw.errors.map((e) => ({
    code: e.code,
    category: e.category,
    action: e.action as Action,
    message: e.message,
    solution: e.solution,
    shared: e.shared === true,
    wholeStringOnly: e.wholeStringOnly === true,
  }));
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const indexByCode = new Map(entries.map((e, i) => [e.code, i]));
  const byAction = new Map(actions.map((a) => [a.id, a]));
  return {
    entries,
    actions,
    categories: raw.categories,
    otherKnownCodes: new Set(raw.otherKnownCodes),
    bestPractices: raw.bestPractices,
    preventionTips: raw.preventionTips,
    get: (code) => byCode.get(code),
    indexOf: (code) => indexByCode.get(code),
    action: (id) => {
      const info = byAction.get(id);
      if (!info) throw new Error(`catalog: unknown action '${id}'`);
      return info;
    },
  };
}

export const catalog: Catalog = buildCatalog(catalogJson as RawCatalog);

/**
 * Codes grouped by action, in the catalog's action order and each group in catalog order; codes outside the
 * catalog and empty groups are left out. One pass over the codes: every diagnostic message calls this.
 */
export function groupByAction(codes: Iterable<string>, cat: Catalog = catalog): Array<{ action: ActionInfo; codes: string[] }> {
  const indices: number[] = [];
  for (const code of codes) {
    const index = cat.indexOf(code);
    if (index !== undefined) indices.push(index);
  }
  indices.sort((a, b) => a - b);
  const groups = cat.actions.map((action) => ({ action, codes: [] as string[] }));
  for (let k = 0; k < indices.length; k++) {
    if (k > 0 && indices[k] === indices[k - 1]) continue;
    const entry = cat.entries[indices[k]!]!;
    groups.find((g) => g.action.id === entry.action)?.codes.push(entry.code);
  }
  return groups.filter((g) => g.codes.length > 0);
}

interface MentionSearch {
  readonly pattern: RegExp;
  /** For each code, the shorter codes it begins with, longest first: where it is no whole word, they may be. */
  readonly prefixes: ReadonlyMap<string, readonly string[]>;
}

const mentionSearches = new WeakMap<Catalog, MentionSearch>();

/** Longest codes first, so that a match is the whole code written (`spam_risk_text`, not `spam_risk`). */
function mentionSearch(cat: Catalog): MentionSearch {
  let search = mentionSearches.get(cat);
  if (!search) {
    const codes = cat.entries.map((e) => e.code).sort((a, b) => b.length - a.length);
    search = {
      pattern: new RegExp(codes.map((code) => code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g'),
      prefixes: new Map(codes.map((code) => [code, codes.filter((other) => other.length < code.length && code.startsWith(other))])),
    };
    mentionSearches.set(cat, search);
  }
  search.pattern.lastIndex = 0;
  return search;
}

// ASCII only, as every quote and bracket is: a file's bytes read as Latin-1 then give the same answers as its
// decoded text, and a file can be sifted without decoding it.
const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** A quote, a bracket, punctuation; not a letter, a space, a character past ASCII or the edge of the text (NaN). */
const isDelimiter = (c: number) => c > 32 && c < 127 && !isWordChar(c);

/**
 * Whether the code written at `start` could be a label: a string's whole content, an identifier key, a symbol.
 * Those never touch a letter, a digit or `_` (`internalState` names no code), and a code with a space in it
 * can only be a string's content, so a delimiter stands on each side ("the file size is" names none).
 */
function couldBeLabel(text: string, start: number, code: string): boolean {
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(start + code.length);
  if (isWordChar(before) || isWordChar(after)) return false;
  return !code.includes(' ') || (isDelimiter(before) && isDelimiter(after));
}

/** Calls `visit` with each code written where it could be a label, in order, until `visit` returns true. */
function forEachMention(text: string, cat: Catalog, visit: (code: string, start: number) => boolean | void): void {
  const { pattern, prefixes } = mentionSearch(cat);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const code = couldBeLabel(text, m.index, m[0]) ? m[0] : prefixes.get(m[0])!.find((shorter) => couldBeLabel(text, m!.index, shorter));
    pattern.lastIndex = m.index + (code?.length ?? 1);
    if (code !== undefined && visit(code, m.index)) return;
  }
}

/**
 * Whether a text names enough of the catalog to hold a TikTok construct (see classify in constructs.ts):
 * a code only TikTok uses, or `minimumKnownCodes` different codes. A file whose only code is a shared word
 * such as "internal" cannot, and is not worth parsing. The text may be a file's UTF-8 bytes read as Latin-1:
 * codes are ASCII (the schema says so), and so is everything this looks at around them.
 */
export function namesEnoughCodes(text: string, minimumKnownCodes: number, cat: Catalog = catalog): boolean {
  const named = new Set<string>();
  let enough = false;
  forEachMention(text, cat, (code) => {
    const entry = cat.get(code);
    if (entry && entry.shared) named.add(code);
    return (enough = !entry || !entry.shared || named.size >= minimumKnownCodes);
  });
  return enough;
}

/** Where catalog codes occur in a text, in order: only what encloses one can be a TikTok construct. */
export function codeMentions(text: string, cat: Catalog = catalog): number[] {
  const offsets: number[] = [];
  forEachMention(text, cat, (_code, start) => void offsets.push(start));
  return offsets;
}
