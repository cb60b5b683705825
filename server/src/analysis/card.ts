// The hover card of one code, as Markdown. Every catalog string is escaped: the card carries no links,
// no HTML and no command, whatever the catalog holds.
import { catalog as defaultCatalog, type Catalog, type ErrorEntry } from './catalog';

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
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
