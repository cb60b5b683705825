// unhandled-codes: a TikTok construct that forgets codes. Fixes add the missing arms, grouped by action.
import { groupByAction, type Catalog } from '../analysis/catalog';
import type { TikTokConstruct } from '../analysis/constructs';
import type { Settings } from '../analysis/settings';
import type { Fix } from '../analysis/findings';
import { insertArms } from '../analysis/insertArms';
import { armNoun, plural, TIKTOK_STATUS_DOCS, type Rule } from './rule';

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
  const key = `${kind}\u0000${[...construct.handled].join('\u0000')}`;
  let message = known.get(key);
  if (message === undefined) {
    const verb = missing.length === 1 ? 'is' : 'are';
    message = [
      `${plural(missing.length, 'TikTok error code')} ${verb} not handled by this ${kind}`,
      ...groupByAction(missing, catalog).map((g) => `${g.action.id} (${g.codes.length}): ${g.codes.join(', ')}`),
    ].join('\n');
    if (known.size >= 1000) known.clear();
    known.set(key, message);
  }
  return message;
}

export const unhandledCodes: Rule = {
  id: 'unhandled-codes',
  description: 'A switch, if/else chain or lookup map over TikTok error codes does not handle every code in the catalog.',
  helpUri: TIKTOK_STATUS_DOCS,
  check(construct, { text, language, settings, catalog }) {
    const { missing, shape } = construct;
    if (missing.length === 0 || settings.rules['unhandled-codes'] === 'off') return [];
    const severity = construct.hasDefault ? settings.severityWithDefault : settings.rules['unhandled-codes'];
    if (severity === 'off') return [];

    const message = messageFor(construct, catalog, settings);

    // Writing the new arms costs more than finding what is missing; diagnostics never need them, so they
    // are written when a code action, fix-all or the CLI first asks.
    const writeFixes = (): Fix[] => {
      const groups = groupByAction(missing, catalog);
      const noun = armNoun(shape.family);
      const fixes: Fix[] = [];
      const all = insertArms(text, language, shape, missing, catalog);
      if (all) fixes.push({ title: `Add all ${missing.length} missing TikTok error ${missing.length === 1 ? noun.singular : noun.plural}`, edits: [all], preferred: true, inFixAll: true });
      if (groups.length > 1) {
        for (const group of groups) {
          const edit = insertArms(text, language, shape, group.codes, catalog);
          if (edit) fixes.push({ title: `Add ${plural(group.codes.length, `missing ${group.action.id} ${noun.singular}`, `missing ${group.action.id} ${noun.plural}`)}`, edits: [edit] });
        }
      }
      return fixes;
    };
    let fixes: Fix[] | undefined;
    return [
      {
        rule: 'unhandled-codes',
        severity,
        span: shape.head,
        message,
        get fixes() {
          return (fixes ??= writeFixes());
        },
      },
    ];
  },
};
