// unhandled-codes: a TikTok construct that forgets codes. Fixes add the missing arms, grouped by action.
import { groupByAction, type Catalog } from '../analysis/catalog/catalog';
import type { TikTokConstruct } from '../analysis/constructs/constructs';
import type { DeclaredType, ListEnd } from '../analysis/resolution/declarations';
import { actionNamed, appendToList, typeEdit } from '../analysis/fixes/extendLists';
import type { Settings, Severity } from '../analysis/settings';
import type { Finding, Fix } from '../analysis/findings';
import type { Span } from '../analysis/text';
import { insertArms, stubOptions } from '../analysis/fixes/insertArms';
import { armNoun, plural, type Rule, type RuleContext } from './rule';

const messages = new WeakMap<Catalog, WeakMap<Settings, Map<string, string>>>();

/**
 * The message for a construct; with the catalog and settings fixed, the codes it handles decide the ones it
 * misses, and a file's constructs mostly handle the same few sets, so each message is written once.
 */
function messageFor(construct: TikTokConstruct, catalog: Catalog, settings: Settings): string {
  let bySettings = messages.get(catalog);
  if (!bySettings) messages.set(catalog, (bySettings = new WeakMap()));
  let known = bySettings.get(settings);
  if (!known) bySettings.set(settings, (known = new Map()));
  const { kind } = construct.shape;
  const { missing } = construct;
  // The handled codes by their places in the catalog: a short key, the same for a set in any label order.
  const places: number[] = [];
  for (const code of construct.handled) places.push(catalog.indexOf(code) ?? -1);
  const typed = construct.typed;
  // A typed construct's message names its type, and lists what it misses in full.
  const key = typed ? `${typed.name}:${kind}:${construct.missing.join(',')}` : `${construct.set}:${kind}:${places.sort((a, b) => a - b).join(',')}`;
  let message = known.get(key);
  if (message === undefined) {
    const verb = missing.length === 1 ? 'is' : 'are';
    const set = catalog.set(construct.set);
    const [singular, pluralForm] = typed ? [`member of ${typed.name}`, `members of ${typed.name}`] : [set.singular, set.plural];
    message = `${plural(missing.length, singular, pluralForm)} ${verb} not handled by this ${kind}`;
    for (const group of groupByAction(missing, catalog)) message += `\n${group.action.id} (${group.codes.length}): ${group.codes.join(', ')}`;
    const others = missing.filter((code) => !catalog.get(code));
    if (others.length > 0) message += `\nother (${others.length}): ${others.join(', ')}`;
    message += typed
      ? `\nMeasured against the ${typed.members.length} members of ${typed.kind === 'enum' ? 'the enum' : 'the type'} ${typed.name}, the subject's declared type.`
      : `\nMeasured against ${set.description} (${set.codes.length}); a tiktok-errors-expect comment chooses another set.`;
    if (known.size >= 1000) known.clear();
    known.set(key, message);
  }
  return message;
}

/** What the fixes of a construct share: its missing codes by action, and which groups go into a collection of the file. */
interface FixPlan {
  readonly groups: ReturnType<typeof groupByAction>;
  readonly intoCollection: ReadonlyMap<string, { name: string; end: ListEnd }>;
  readonly inCollections: ReturnType<typeof groupByAction>;
  /** The missing codes that become arms: those of no group that goes into a collection. */
  readonly asArms: readonly string[];
}

/**
 * Where the chain's tests name a collection of the file named for a group's action (`code in RETRYABLE`), that
 * group's codes go into the collection instead of new arms.
 */
function planFixes({ missing, collections }: TikTokConstruct, { catalog }: RuleContext): FixPlan {
  const groups = groupByAction(missing, catalog);
  const intoCollection = new Map<string, { name: string; end: ListEnd }>();
  for (const [name, end] of collections ?? []) {
    const action = actionNamed(name, catalog.actions);
    if (action && !intoCollection.has(action)) intoCollection.set(action, { name, end });
  }
  const inCollections = groups.filter((g) => intoCollection.has(g.action.id));
  const asArms = missing.filter((code) => !inCollections.some((g) => g.codes.includes(code)));
  return { groups, intoCollection, inCollections, asArms };
}

const collectionEdit = (codes: readonly string[], into: { end: ListEnd }, { language }: RuleContext) => appendToList(into.end, codes.map((code) => language.quote(code, into.end.quote)));

/** The fix that adds every missing code, which "fix all" takes; writing the arms costs more than finding what is missing. */
function writeFixAll(construct: TikTokConstruct, context: RuleContext, plan: FixPlan): Fix | undefined {
  const { missing, shape, labelFor } = construct;
  const { text, language, catalog, settings } = context;
  const noun = armNoun(shape.family);
  const armsEdit = insertArms(text, language, shape, plan.asArms, catalog, labelFor, stubOptions(settings));
  const all = [...plan.inCollections.map((g) => collectionEdit(g.codes, plan.intoCollection.get(g.action.id)!, context)), ...(armsEdit ? [armsEdit] : [])];
  if (all.length === 0 || (plan.asArms.length > 0 && !armsEdit)) return undefined;
  return { title: `Add all ${missing.length} missing TikTok error ${missing.length === 1 ? noun.singular : noun.plural}`, edits: all, preferred: true, inFixAll: true };
}

/** The new arms, all of them (see writeFixAll) and each group's. */
function writeFixes(construct: TikTokConstruct, context: RuleContext, plan: FixPlan, fixAll: Fix | undefined): Fix[] {
  const { shape, labelFor } = construct;
  const { text, language, catalog, settings } = context;
  const { groups, intoCollection, inCollections } = plan;
  const noun = armNoun(shape.family);
  const fixes: Fix[] = fixAll ? [fixAll] : [];
  if (groups.length > 1 || inCollections.length > 0) {
    for (const group of groups) {
      const into = intoCollection.get(group.action.id);
      if (into) {
        fixes.push({ title: `Add ${plural(group.codes.length, `missing ${group.action.id} code`)} to ${language.writeName?.(into.name) ?? into.name}`, edits: [collectionEdit(group.codes, into, context)] });
        continue;
      }
      const edit = insertArms(text, language, shape, group.codes, catalog, labelFor, stubOptions(settings));
      if (edit) fixes.push({ title: `Add ${plural(group.codes.length, `missing ${group.action.id} ${noun.singular}`, `missing ${group.action.id} ${noun.plural}`)}`, edits: [edit] });
    }
  }
  return fixes;
}

/**
 * Diagnostics never need the fixes, so they are written when a code action, fix-all or the CLI first asks;
 * "fix all", `--fix`, JSON and SARIF ask only for the fix that adds every code, and the groups' are not written
 * for them. The getter is the class's, not one per finding: a large file makes thousands of these.
 */
class UnhandledCodesFinding implements Finding {
  readonly rule = 'unhandled-codes';
  #written: Fix[] | undefined;
  #plan: FixPlan | undefined;
  /** The fix that adds every code once written; null: there is none. */
  #fixAll: Fix | null | undefined;
  readonly #construct: TikTokConstruct;
  readonly #context: RuleContext;

  constructor(readonly severity: Severity, readonly span: Span, readonly message: string, construct: TikTokConstruct, context: RuleContext) {
    this.#construct = construct;
    this.#context = context;
  }

  get fixes(): readonly Fix[] {
    return (this.#written ??= writeFixes(this.#construct, this.#context, this.#planned(), this.fixInFixAll()));
  }

  fixInFixAll(): Fix | undefined {
    if (this.#fixAll === undefined) this.#fixAll = writeFixAll(this.#construct, this.#context, this.#planned()) ?? null;
    return this.#fixAll ?? undefined;
  }

  #planned(): FixPlan {
    return (this.#plan ??= planFixes(this.#construct, this.#context));
  }
}

/**
 * What TikTok documents where a type's codes come from, that the type leaves out: the codes of the narrowest
 * endpoint that lists every code of the type that belongs to few endpoints (not `access_token_invalid`,
 * which every endpoint may answer); else the fail_reason values, where the type's codes are all fail_reason
 * values. Where neither says what the type is for, nothing: a guess would be a wrong warning.
 */
/** A type whose members name TikTok codes as a construct's labels would have to (see classifyTyped). */
function isTikTokType(type: DeclaredType, { catalog, settings }: RuleContext): boolean {
  const entries = type.members.map((m) => catalog.get(m.value)).filter((e) => e !== undefined && !e.generic);
  return entries.some((e) => !e!.shared) || entries.length >= settings.minimumKnownCodes;
}

export function leftOutOf(typed: DeclaredType, catalog: Catalog, settings: Settings): { codes: string[]; where: string } | undefined {
  const values = new Set(typed.members.map((m) => m.value));
  const entries = [...values].map((v) => catalog.get(v)).filter((e) => e !== undefined);
  const specific = entries.filter((e) => !e.shared && !e.generic);
  if (specific.length === 0) return undefined;
  let narrowest: { path: string; codes: string[] } | undefined;
  for (const { path } of specific[0]!.endpoints) {
    if (!specific.every((e) => e.endpoints.some((p) => p.path === path))) continue;
    const codes = catalog.entries.filter((e) => e.endpoints.some((p) => p.path === path)).map((e) => e.code);
    if (!narrowest || codes.length < narrowest.codes.length) narrowest = { path, codes };
  }
  const failReason = catalog.set('fail_reason');
  const [expected, where] = narrowest
    ? [narrowest.codes, `the codes TikTok documents for ${narrowest.path}`]
    : entries.every((e) => failReason.codes.includes(e.code))
      ? [failReason.codes, failReason.description]
      : [];
  if (!expected || where === undefined) return undefined;
  const codes = expected.filter((code) => !values.has(code) && !settings.ignoreCodes.includes(code));
  return codes.length > 0 ? { codes, where } : undefined;
}

/** On a type this file declares: the codes it leaves out, and the fix that adds them to it. */
function typeFinding(typed: DeclaredType | undefined, context: RuleContext): Finding | undefined {
  const { settings, catalog } = context;
  if (!typed?.declaredAt || !typed.end) return undefined;
  const leftOut = leftOutOf(typed, catalog, settings);
  if (!leftOut) return undefined;
  const { codes, where } = leftOut;
  const edit = typeEdit(typed, codes, context.language.quote);
  const noun = typed.kind === 'enum' ? 'enum' : 'type';
  return {
    rule: 'unhandled-codes',
    severity: 'information',
    span: typed.declaredAt,
    message: `The ${noun} ${typed.name} leaves out ${plural(codes.length, 'code')} of ${where}: ${codes.join(', ')}`,
    // Adding to a type changes what the code around it promises: offered, never applied by fix all.
    fixes: edit ? [{ title: `Add ${plural(codes.length, 'code')} to ${typed.name}`, edits: [edit], preferred: false, inFixAll: false }] : [],
  };
}

export const unhandledCodes: Rule = {
  id: 'unhandled-codes',
  description: 'A switch, if/else chain or lookup map over TikTok error codes does not handle every code in the catalog.',
  check(construct, context) {
    const { settings, catalog } = context;
    if (settings.rules['unhandled-codes'] === 'off') return [];
    const findings: Finding[] = [];
    const severity = construct.hasDefault ? settings.severityWithDefault : settings.rules['unhandled-codes'];
    if (construct.missing.length > 0 && severity !== 'off') findings.push(new UnhandledCodesFinding(severity, construct.shape.head, messageFor(construct, catalog, settings), construct, context));
    const onType = typeFinding(construct.typed, context);
    if (onType) findings.push(onType);
    return findings;
  },
  // A type of codes declared in a file of its own (`codes.ts`, imported by the handlers) is told there too.
  checkDeclarations(declared, context) {
    if (context.settings.rules['unhandled-codes'] === 'off') return [];
    const findings: Finding[] = [];
    for (const type of declared.types.values()) {
      if (!isTikTokType(type, context)) continue;
      const finding = typeFinding(type, context);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};
