// unhandled-codes: a TikTok construct that forgets codes. Fixes add the missing arms, grouped by action.
import { groupByAction, type Catalog } from '../analysis/catalog';
import type { Fix } from '../analysis/findings';
import { insertArms } from '../analysis/insertArms';
import { armNoun, plural, TIKTOK_STATUS_DOCS, type Rule } from './rule';

const messages = new WeakMap<Catalog, Map<string, string>>();

/** The message for a set of missing codes; a file's constructs mostly miss the same few sets, so each is written once. */
function messageFor(kind: string, missing: readonly string[], catalog: Catalog): string {
  let known = messages.get(catalog);
  if (!known) messages.set(catalog, (known = new Map()));
  const key = `${kind}\u0000${missing.join('\u0000')}`;
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

    const message = messageFor(shape.kind, missing, catalog);

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
