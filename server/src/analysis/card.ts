// The hover card of one code, as Markdown. Every catalog string is escaped: the card carries no links,
// no HTML and no command, whatever the catalog holds.
import { catalog as defaultCatalog, type Catalog, type ErrorEntry } from './catalog';

/**
 * Escapes text for Markdown: characters that format inline anywhere, and those that start a block only at
 * the start of a line. HTML special characters become entities, so no tag survives.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'))
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** One line naming the category and the action, like badges: "Rate Limit · retry". */
export function badges(entry: ErrorEntry): string {
  return `**${escapeMarkdown(entry.category)}** · \`${entry.action}\``;
}

export function renderCard(entry: ErrorEntry, catalog: Catalog = defaultCatalog): string {
  const action = catalog.action(entry.action);
  return [
    `### \`${entry.code}\``,
    badges(entry) + ' · TikTok API error',
    escapeMarkdown(entry.message),
    `**Solution:** ${escapeMarkdown(entry.solution)}`,
    `**Your code should:** ${escapeMarkdown(action.guidance)}`,
  ].join('\n\n');
}

/** The full page of one code, for the lookup's details view: the card, then related codes and advice. */
export function renderDetails(entry: ErrorEntry, catalog: Catalog = defaultCatalog): string {
  const action = catalog.action(entry.action);
  const category = catalog.categories.find((c) => c.name === entry.category);
  const related = catalog.entries.filter((e) => e.action === entry.action && e.code !== entry.code);
  return [
    `# \`${entry.code}\``,
    badges(entry) + ' · TikTok API error',
    `## Message\n\n${escapeMarkdown(entry.message)}`,
    `## Solution\n\n${escapeMarkdown(entry.solution)}`,
    `## What your code should do: ${escapeMarkdown(action.title)}\n\n${escapeMarkdown(action.guidance)}`,
    `## Category: ${escapeMarkdown(entry.category)}\n\n${escapeMarkdown(category?.description ?? '')}`,
    `## Other ${entry.action} codes\n\n${related.map((e) => `- \`${e.code}\`: ${escapeMarkdown(e.message)}`).join('\n')}`,
    `## Best practices\n\n${catalog.bestPractices.map((p) => `- ${escapeMarkdown(p)}`).join('\n')}`,
    `## Prevention tips\n\n${catalog.preventionTips.map((p) => `- ${escapeMarkdown(p)}`).join('\n')}`,
  ].join('\n\n');
}

/** The card as plain text, for terminals. */
export function renderCardText(entry: ErrorEntry, catalog: Catalog = defaultCatalog): string {
  const action = catalog.action(entry.action);
  return [
    entry.code,
    `  category  ${entry.category}`,
    `  action    ${entry.action}: ${action.guidance}`,
    `  message   ${entry.message}`,
    `  solution  ${entry.solution}`,
  ].join('\n');
}
