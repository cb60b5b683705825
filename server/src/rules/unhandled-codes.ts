// unhandled-codes: a TikTok construct that forgets codes. Fixes add the missing arms, grouped by action.
import { groupByAction, type Catalog } from '../analysis/catalog/catalog';
import type { TikTokConstruct } from '../analysis/constructs/constructs';
import type { Settings, Severity } from '../analysis/settings';
import type { Finding, Fix } from '../analysis/findings';
import type { Span } from '../analysis/text';
import { insertArms } from '../analysis/fixes/insertArms';
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

/** The new arms, each group's and all of them; writing them costs more than finding what is missing. */
function writeFixes({ missing, shape, labelFor }: TikTokConstruct, { text, language, catalog }: RuleContext): Fix[] {
  const groups = groupByAction(missing, catalog);
  const noun = armNoun(shape.family);
  const fixes: Fix[] = [];
  const all = insertArms(text, language, shape, missing, catalog, labelFor);
  if (all) fixes.push({ title: `Add all ${missing.length} missing TikTok error ${missing.length === 1 ? noun.singular : noun.plural}`, edits: [all], preferred: true, inFixAll: true });
  if (groups.length > 1) {
    for (const group of groups) {
      const edit = insertArms(text, language, shape, group.codes, catalog, labelFor);
      if (edit) fixes.push({ title: `Add ${plural(group.codes.length, `missing ${group.action.id} ${noun.singular}`, `missing ${group.action.id} ${noun.plural}`)}`, edits: [edit] });
    }
  }
  return fixes;
}

/**
 * Diagnostics never need the fixes, so they are written when a code action, fix-all or the CLI first asks.
 * The getter is the class's, not one per finding: a large file makes thousands of these.
 */
class UnhandledCodesFinding implements Finding {
  readonly rule = 'unhandled-codes';
  #written: Fix[] | undefined;
  readonly #construct: TikTokConstruct;
  readonly #context: RuleContext;

  constructor(readonly severity: Severity, readonly span: Span, readonly message: string, construct: TikTokConstruct, context: RuleContext) {
    this.#construct = construct;
    this.#context = context;
  }

  get fixes(): readonly Fix[] {
    return (this.#written ??= writeFixes(this.#construct, this.#context));
  }
}

export const unhandledCodes: Rule = {
  id: 'unhandled-codes',
  description: 'A switch, if/else chain or lookup map over TikTok error codes does not handle every code in the catalog.',
  check(construct, context) {
    const { settings, catalog } = context;
    if (construct.missing.length === 0 || settings.rules['unhandled-codes'] === 'off') return [];
    const severity = construct.hasDefault ? settings.severityWithDefault : settings.rules['unhandled-codes'];
    if (severity === 'off') return [];
    return [new UnhandledCodesFinding(severity, construct.shape.head, messageFor(construct, catalog, settings), construct, context)];
  },
};
