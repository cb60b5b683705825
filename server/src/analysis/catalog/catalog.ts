// The catalog of TikTok API error codes, read from data/tiktok-errors.json (bundled at build time).
// Every other module asks this one; no other file lists codes, messages or actions.
import catalogJson from '../../../../data/tiktok-errors.json';

export type Action = 'refresh-token' | 'retry' | 'user-error' | 'fix-request';
export const ACTION_IDS: readonly Action[] = ['refresh-token', 'retry', 'user-error', 'fix-request'];

/** Where a code arrives: the v2 response's `error.code`, a post's `fail_reason`, Login Kit's OAuth `error`. */
export type Field = 'error.code' | 'fail_reason' | 'oauth.error';

/**
 * The sets of codes a branch is measured against: the reference's 25 (the default), every `error.code` TikTok
 * documents, the `fail_reason` values, the OAuth error values.
 */
export type SetId = 'reference' | 'official' | 'fail_reason' | 'oauth';
export const SET_IDS: readonly SetId[] = ['reference', 'official', 'fail_reason', 'oauth'];

export interface SourceInfo {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
}

export interface FieldInfo {
  readonly id: Field;
  readonly title: string;
  readonly description: string;
}

export interface CodeSet {
  readonly id: SetId;
  /** What a diagnostic calls one member: "fail_reason value". */
  readonly singular: string;
  readonly plural: string;
  /** "the reference's codes", "the fail_reason values TikTok documents" */
  readonly description: string;
  /** Its codes, in catalog order. */
  readonly codes: readonly string[];
}

export interface Endpoint {
  readonly path: string;
  readonly http?: number;
}

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
  /** One of the reference's 25: `message` and `solution` are the reference's own words. */
  readonly reference: boolean;
  readonly category: string;
  readonly action: Action;
  /** The reference's message; for the other codes, what TikTok's pages say it means, in our words. */
  readonly message: string;
  /** The reference's solution (its codes only). */
  readonly solution?: string;
  /** Other APIs use this code too: alone it does not make a switch TikTok's. */
  readonly shared: boolean;
  /** A name other protocols use too (OAuth 2.0's, TLS's `internal_error`): never counted towards making a construct TikTok's. */
  readonly generic: boolean;
  /** An everyday word: recognised only as the whole content of a string literal. */
  readonly wholeStringOnly: boolean;
  readonly fields: readonly Field[];
  /** The HTTP status TikTok documents for it, where it gives one. */
  readonly http?: number;
  readonly endpoints: readonly Endpoint[];
  /** TikTok's pages that list it; empty when none does. */
  readonly documentedBy: readonly SourceInfo[];
  readonly note?: string;
}

export interface Catalog {
  /** Every known code: the reference's 25, then the others TikTok documents. */
  readonly entries: readonly ErrorEntry[];
  readonly sources: readonly SourceInfo[];
  readonly fields: readonly FieldInfo[];
  /** The sets a branch can be measured against. */
  set(id: SetId): CodeSet;
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
  sources: SourceInfo[];
  fields: FieldInfo[];
  sets: Array<Omit<CodeSet, 'codes' | 'id'> & { id: string }>;
  actions: ActionInfo[];
  categories: CategoryInfo[];
  errors: Array<{
    code: string;
    reference: boolean;
    category: string;
    action: string;
    message: string;
    solution?: string;
    shared?: boolean;
    generic?: boolean;
    wholeStringOnly?: boolean;
    fields: string[];
    http?: number;
    endpoints?: Endpoint[];
    documentedBy: string[];
    note?: string;
  }>;
  otherKnownCodes: string[];
  bestPractices: string[];
  preventionTips: string[];
}

/** Which entries belong to a set. */
const MEMBERS: Record<SetId, (e: ErrorEntry) => boolean> = {
  reference: (e) => e.reference,
  official: (e) => e.fields.includes('error.code') && e.documentedBy.length > 0,
  fail_reason: (e) => e.fields.includes('fail_reason'),
  oauth: (e) => e.fields.includes('oauth.error'),
};

export function buildCatalog(raw: RawCatalog): Catalog {
  const actions = raw.actions.map((a) => ({ ...a }));
  const sourceById = new Map(raw.sources.map((source) => [source.id, source]));
  const entries: ErrorEntry[] = raw.errors.map((e) => ({
    code: e.code,
    reference: e.reference,
    category: e.category,
    action: e.action as Action,
    message: e.message,
    ...(e.solution !== undefined ? { solution: e.solution } : {}),
    shared: e.shared === true,
    generic: e.generic === true,
    wholeStringOnly: e.wholeStringOnly === true,
    fields: e.fields as Field[],
    ...(e.http !== undefined ? { http: e.http } : {}),
    endpoints: e.endpoints ?? [],
    documentedBy: e.documentedBy.map((id) => sourceById.get(id) ?? { id, title: id }),
    ...(e.note !== undefined ? { note: e.note } : {}),
  }));
  const sets = new Map<SetId, CodeSet>();
  for (const info of raw.sets) {
    const id = info.id as SetId;
    sets.set(id, { ...info, id, codes: entries.filter(MEMBERS[id]).map((e) => e.code) });
  }
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const indexByCode = new Map(entries.map((e, i) => [e.code, i]));
  const byAction = new Map(actions.map((a) => [a.id, a]));
  return {
    entries,
    sources: raw.sources,
    fields: raw.fields,
    set: (id) => {
      const found = sets.get(id);
      if (!found) throw new Error(`catalog: unknown set '${id}'`);
      return found;
    },
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
  /** Every code is at least this long; the scan reads the last two characters of a window this wide. */
  readonly window: number;
  /** Per pair of characters: how far the window may move on without passing the start of a code. */
  readonly shift: Uint8Array;
  /** Per pair of characters that ends the first `window` characters of some codes: those codes, longest first. */
  readonly codesEndingWindow: ReadonlyArray<readonly string[] | undefined>;
}

const mentionSearches = new WeakMap<Catalog, MentionSearch>();
/** The same search over the codes that count towards a file being worth parsing: the generic names never do. */
const countedSearches = new WeakMap<Catalog, MentionSearch>();

/**
 * Wu and Manber's multi-string search with blocks of two characters: a window moves through the text by as
 * much as its last two characters allow, and only where they could end a code's beginning are codes
 * compared. Over source files, where codes are rare, it looks at about one character in six: over this
 * project's node_modules, 65 ms where a regular expression of the 25 codes took 180 ms.
 */
function mentionSearch(cat: Catalog, counted = false): MentionSearch {
  const searches = counted ? countedSearches : mentionSearches;
  let search = searches.get(cat);
  if (!search) {
    const codes = cat.entries.filter((e) => !counted || !e.generic).map((e) => e.code).sort((a, b) => b.length - a.length);
    for (const code of codes) {
      // The schema's pattern guarantees both; a pair of them indexes the tables.
      if (code.length < 2 || /[^\x20-\x7e]/.test(code)) throw new Error(`catalog: the code '${code}' must be two or more printable ASCII characters`);
    }
    const window = Math.min(255, ...codes.map((code) => code.length));
    const shift = new Uint8Array(1 << 16).fill(window - 1);
    const codesEndingWindow = new Array<string[] | undefined>(1 << 16).fill(undefined);
    for (const code of codes) {
      for (let end = 1; end < window; end++) {
        const pair = (code.charCodeAt(end - 1) << 8) | code.charCodeAt(end);
        shift[pair] = Math.min(shift[pair]!, window - 1 - end);
      }
      (codesEndingWindow[(code.charCodeAt(window - 2) << 8) | code.charCodeAt(window - 1)] ??= []).push(code); // longest first
    }
    search = { window, shift, codesEndingWindow };
    searches.set(cat, search);
  }
  return search;
}

// ASCII only, as every quote and bracket is: a file's bytes then give the same answers as its decoded text.
const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** A quote, a bracket, punctuation; not a letter, a space, a character past ASCII or the edge of the text (NaN). */
const isDelimiter = (c: number) => c > 32 && c < 127 && !isWordChar(c);

/**
 * A document's text, or a file's bytes: a file is sifted before it is decoded, and only the few files worth
 * parsing are. Every code is ASCII (the schema says so), and so is everything looked at around one, so both
 * give the same answers, at the same offsets up to the first character past ASCII.
 */
export type Searchable = string | Uint8Array;

// One function for both kinds: each access site then sees one kind only, and stays fast.
const unitAt = (text: Searchable, i: number): number => (typeof text === 'string' ? text.charCodeAt(i) : (text[i] ?? NaN));

function isWrittenAt(text: Searchable, start: number, code: string): boolean {
  if (start + code.length > text.length) return false;
  for (let i = 0; i < code.length; i++) if (unitAt(text, start + i) !== code.charCodeAt(i)) return false;
  return true;
}

/**
 * Whether the code written at `start` could be a label: a string's whole content, an identifier key, a symbol.
 * Those never touch a letter, a digit or `_` (`internalState` names no code), and a code with a space in it
 * can only be a string's content, so a delimiter stands on each side ("the file size is" names none).
 */
function couldBeLabel(text: Searchable, start: number, code: string): boolean {
  const before = unitAt(text, start - 1);
  const after = unitAt(text, start + code.length);
  if (isWordChar(before) || isWordChar(after)) return false;
  return !code.includes(' ') || (isDelimiter(before) && isDelimiter(after));
}

/**
 * Calls `visit` with each code written where it could be a label, in order, until `visit` returns true. Where
 * codes overlap, the longest that could be a label at the leftmost place wins, and the search goes on after it.
 * Searches from `from`, and stops before `until`: it returns where to go on from, or undefined once the text
 * is done or `visit` said stop.
 */
function forEachMention(text: Searchable, cat: Catalog, visit: (code: string, start: number) => boolean | void, counted = false, from = 0, until = Infinity): number | undefined {
  const { window, shift, codesEndingWindow } = mentionSearch(cat, counted);
  const last = text.length - window;
  let start = from;
  while (start <= last) {
    if (start >= until) return start;
    const a = unitAt(text, start + window - 2);
    const b = unitAt(text, start + window - 1);
    // A character past Latin-1 is in no code.
    const pair = (a | b) > 0xff ? -1 : (a << 8) | b;
    const step = pair < 0 ? window - 1 : shift[pair]!;
    if (step > 0) {
      start += step;
      continue;
    }
    let code: string | undefined;
    for (const candidate of codesEndingWindow[pair]!) {
      if (isWrittenAt(text, start, candidate) && couldBeLabel(text, start, candidate)) {
        code = candidate;
        break;
      }
    }
    if (code !== undefined && visit(code, start)) return undefined;
    start += code?.length ?? 1;
  }
  return undefined;
}

/**
 * Whether a text names enough of the catalog to hold a TikTok construct (see classify in constructs.ts):
 * a code only TikTok uses, or `minimumKnownCodes` different codes. A file whose only code is a shared word
 * such as "internal" cannot, and is not worth parsing.
 */
export function namesEnoughCodes(text: Searchable, minimumKnownCodes: number, cat: Catalog = catalog): boolean {
  const named = new Set<string>();
  let enough = false;
  // Over the codes that count only: a generic name (OAuth's, TLS's `internal_error`) never makes a file
  // worth parsing, and a search that skips them looks at fewer places.
  forEachMention(
    text,
    cat,
    (code) => {
      const entry = cat.get(code);
      if (entry && entry.shared) named.add(code);
      return (enough = !entry || !entry.shared || named.size >= minimumKnownCodes);
    },
    true,
  );
  return enough;
}

/** Where catalog codes occur in a text, in order: only what encloses one can be a TikTok construct. */
export function codeMentions(text: Searchable, cat: Catalog = catalog): number[] {
  const offsets: number[] = [];
  forEachMention(text, cat, (_code, start) => void offsets.push(start));
  return offsets;
}

/** How much text codeMentionsSteps searches between two pauses: a minified file is megabytes on one line. */
const MENTIONS_PER_STEP_CHARS = 1 << 16;

/**
 * codeMentions with a pause every 64k characters, for the server's analysis in slices: over a 4.9 MB minified
 * file the search took 50 ms in one step, during which nothing was answered.
 */
export function* codeMentionsSteps(text: string, cat: Catalog = catalog): Generator<void, number[], void> {
  const offsets: number[] = [];
  const push = (_code: string, start: number) => void offsets.push(start);
  for (let at = forEachMention(text, cat, push, false, 0, MENTIONS_PER_STEP_CHARS); at !== undefined; at = forEachMention(text, cat, push, false, at, at + MENTIONS_PER_STEP_CHARS)) yield;
  return offsets;
}
