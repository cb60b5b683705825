// unknown-code: a label in a TikTok construct that is a near miss of a catalog code (a typo, or the wrong case).
import type { Catalog } from '../analysis/catalog/catalog';
import type { Finding } from '../analysis/findings';
import { editDistance } from '../analysis/text';
import { type Rule } from './rule';

/** How many edits a typo of a code this long may have: one for short codes, up to three for long ones. */
function tolerance(length: number): number {
  return length <= 6 ? 1 : length <= 16 ? 2 : 3;
}

export function closestCode(value: string, catalog: Catalog): string | undefined {
  const lower = value.toLowerCase();
  const sameLetters = catalog.entries.find((e) => e.code === lower);
  if (sameLetters) return sameLetters.code;
  let best: { code: string; distance: number } | undefined;
  for (const entry of catalog.entries) {
    const limit = tolerance(entry.code.length);
    const distance = editDistance(value, entry.code, limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { code: entry.code, distance };
  }
  return best?.code;
}

export const unknownCode: Rule = {
  id: 'unknown-code',
  description: 'A label or key in a TikTok switch, chain or map is not a catalog code but is close to one.',
  check(construct, { language, settings, catalog }) {
    const severity = settings.rules['unknown-code'];
    if (severity === 'off') return [];
    const findings: Finding[] = [];
    for (const arm of construct.shape.arms) for (const label of arm.labels) {
      // A catalog code is no typo, handled or not (a guarded arm names codes it does not handle).
      if (catalog.get(label.value) || catalog.otherKnownCodes.has(label.value) || settings.ignoreCodes.includes(label.value)) continue;
      const suggestion = closestCode(label.value, catalog);
      if (!suggestion) continue;
      // A bare word (an identifier key, a symbol) stays bare; a code with a space cannot be one.
      // A constant's code is fixed where it is declared, not by replacing its name here.
      const replacement = label.name !== undefined ? undefined : label.quote !== '' ? language.quote(suggestion, label.quote) : /^\w+$/.test(suggestion) ? suggestion : undefined;
      findings.push({
        rule: 'unknown-code',
        severity,
        span: label.span,
        message: `Unknown TikTok error code '${label.value}'; did you mean '${suggestion}'?`,
        fixes: replacement === undefined ? [] : [{ title: `Change to '${suggestion}'`, edits: [{ ...label.span, newText: replacement }], preferred: true, inFixAll: true }],
      });
    }
    return findings;
  },
};
