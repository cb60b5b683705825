// unknown-code: a label in a TikTok construct that is a near miss of a catalog code (a typo, or the wrong case).
import type { Catalog } from '../analysis/catalog/catalog';
import type { Finding } from '../analysis/findings';
import { editDistance, type Span } from '../analysis/text';
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

/** Declarations found per text, by constant and value: one search of the text each, however many labels use it. */
let declarationsFound: { text: string; spans: Map<string, Span | undefined> } | undefined;

/**
 * Where the file writes `value` as the constant `name`'s value (`const POSTS = 'x'`, `POSTS("x")`, `Posts: 'x'`):
 * the literal on the line that names it, where the file has exactly one such line. Else undefined (declared
 * in another file, or written twice): then no fix.
 */
function declaredLiteral(text: string, name: string, value: string): Span | undefined {
  if (declarationsFound?.text !== text) declarationsFound = { text, spans: new Map() };
  const key = `${name}\u0000${value}`;
  if (declarationsFound.spans.has(key)) return declarationsFound.spans.get(key);
  const own = name.slice(name.lastIndexOf('.') + 1);
  const pattern = new RegExp(`(?<![\\w$])${escapeRegExp(own)}(?![\\w$])[^\\n'"\`]{0,80}?(['"\`])${escapeRegExp(value)}\\1`, 'g');
  const matches = [...text.matchAll(pattern)];
  let span: Span | undefined;
  if (matches.length === 1) {
    const match = matches[0]!;
    const end = match.index + match[0].length;
    span = { start: end - value.length - 2, end };
  }
  declarationsFound.spans.set(key, span);
  return span;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const unknownCode: Rule = {
  id: 'unknown-code',
  description: 'A label or key in a TikTok switch, chain or map is not a catalog code but is close to one.',
  check(construct, { text, language, settings, catalog }) {
    const severity = settings.rules['unknown-code'];
    if (severity === 'off') return [];
    const findings: Finding[] = [];
    for (const arm of construct.shape.arms) for (const label of arm.labels) {
      // A catalog code is no typo, handled or not (a guarded arm names codes it does not handle).
      if (catalog.get(label.value) || catalog.otherKnownCodes.has(label.value) || settings.ignoreCodes.includes(label.value)) continue;
      const suggestion = closestCode(label.value, catalog);
      if (!suggestion) continue;
      const message = `Unknown TikTok error code '${label.value}'; did you mean '${suggestion}'?`;
      // A constant's code is fixed where it is declared, not by replacing its name here.
      if (label.name !== undefined) {
        const declared = declaredLiteral(text, label.name, label.value);
        const title = `Change ${language.writeName?.(label.name) ?? label.name} to '${suggestion}' where it is declared`;
        const newText = declared && language.quote(suggestion, text[declared.start]!);
        findings.push({ rule: 'unknown-code', severity, span: label.span, message, fixes: declared && newText ? [{ title, edits: [{ ...declared, newText }], preferred: true, inFixAll: true }] : [] });
        continue;
      }
      // A bare word (an identifier key, a symbol) stays bare; a code with a space cannot be one.
      const replacement = label.quote !== '' ? language.quote(suggestion, label.quote) : /^\w+$/.test(suggestion) ? suggestion : undefined;
      findings.push({
        rule: 'unknown-code',
        severity,
        span: label.span,
        message,
        fixes: replacement === undefined ? [] : [{ title: `Change to '${suggestion}'`, edits: [{ ...label.span, newText: replacement }], preferred: true, inFixAll: true }],
      });
    }
    return findings;
  },
};
