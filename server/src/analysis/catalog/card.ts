// The hover card of one code, as Markdown. Every catalog string is escaped: the card carries no links,
// no HTML and no command, whatever the catalog holds. Each fact says where it comes from: the reference's
// words are labelled as the reference's, TikTok's pages are named, and our guidance is worded as guidance
// for the reader's code.
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

/** Text as a code span; catalog text holds no backtick (the schema's code pattern), and is escaped if it did. */
const code = (text: string) => (text.includes('`') ? escapeMarkdown(text) : `\`${text}\``);

/** One line naming the category, the action and where the code arrives, like badges: "Rate Limit · `retry` · `error.code` · HTTP 429". */
export function badges(entry: ErrorEntry): string {
  const where = entry.fields.map((field) => code(field));
  const http = entry.http !== undefined ? [`HTTP ${entry.http}`] : [];
  return [`**${escapeMarkdown(entry.category)}**`, code(entry.action), ...where, ...http].join(' · ');
}

/** Where TikTok documents the code: its endpoints (with the status each page gives) and the pages, by name. */
function documented(entry: ErrorEntry): string {
  if (entry.documentedBy.length === 0) return `**Not on TikTok's pages.** ${escapeMarkdown(entry.note ?? "TikTok's developer pages do not list this code.")}`;
  const endpoints = entry.endpoints.map((e) => `${code(e.path)}${e.http !== undefined ? ` (${e.http})` : ''}`);
  const pages = entry.documentedBy.map((page) => escapeMarkdown(page.title.replace(/^TikTok for Developers: /, ''))).join('; ');
  const on = endpoints.length > 0 ? ` for ${endpoints.join(', ')}` : '';
  const note = entry.note ? ` ${escapeMarkdown(entry.note)}` : '';
  return `**TikTok documents it**${on}. Pages: ${pages}.${note}`;
}

/** The meaning, labelled by whose words they are. */
function meaning(entry: ErrorEntry): string[] {
  if (!entry.reference) return [`**Per TikTok's pages:** ${escapeMarkdown(entry.message)}`];
  return [`**The reference says:** ${escapeMarkdown(entry.message)}`, `**The reference's solution:** ${escapeMarkdown(entry.solution ?? '')}`];
}

export function renderCard(entry: ErrorEntry, catalog: Catalog = defaultCatalog): string {
  const action = catalog.action(entry.action);
  return [
    `### \`${entry.code}\``,
    badges(entry),
    ...meaning(entry),
    documented(entry),
    `**Guidance for your code (${action.id}):** ${escapeMarkdown(action.guidance)}`,
  ].join('\n\n');
}

/** The full page of one code, for the lookup's details view: the card's facts, then related codes and advice. */
export function renderDetails(entry: ErrorEntry, catalog: Catalog = defaultCatalog): string {
  const action = catalog.action(entry.action);
  const category = catalog.categories.find((c) => c.name === entry.category);
  const related = catalog.entries.filter((e) => e.action === entry.action && e.code !== entry.code);
  const fields = entry.fields.map((id) => catalog.fields.find((f) => f.id === id)).filter((f) => f !== undefined);
  const endpoints = entry.endpoints.map((e) => `- ${code(e.path)}${e.http !== undefined ? `: HTTP ${e.http}` : ''}`);
  const reference = catalog.sources.find((s) => s.id === 'reference');
  const sources = [...(entry.reference && reference ? [reference] : []), ...entry.documentedBy];
  return [
    `# \`${entry.code}\``,
    badges(entry),
    ...(entry.reference
      ? [`## What the reference says\n\n${escapeMarkdown(entry.message)}`, `## The reference's solution\n\n${escapeMarkdown(entry.solution ?? '')}`]
      : [`## What TikTok's pages say it means\n\n${escapeMarkdown(entry.message)}`]),
    `## Where it arrives\n\n${fields.map((f) => `- ${code(f.title)}: ${escapeMarkdown(f.description)}`).join('\n')}`,
    `## HTTP status and endpoints\n\n${entry.http !== undefined ? `HTTP ${entry.http}.` : 'No HTTP status (not a response code).'}${endpoints.length > 0 ? `\n\n${endpoints.join('\n')}` : ''}${entry.note ? `\n\n${escapeMarkdown(entry.note)}` : ''}`,
    `## Guidance for your code: ${escapeMarkdown(action.title)}\n\n${escapeMarkdown(action.guidance)}`,
    `## Category: ${escapeMarkdown(entry.category)}\n\n${escapeMarkdown(category?.description ?? '')}`,
    `## Other ${entry.action} codes\n\n${related.map((e) => `- \`${e.code}\`: ${escapeMarkdown(e.message)}`).join('\n')}`,
    `## Sources\n\n${sources.map((s) => `- ${escapeMarkdown(s.title)}${s.url ? ` (${escapeMarkdown(s.url)})` : ''}`).join('\n')}`,
    ...(entry.reference ? [`## The reference's best practices\n\n${catalog.bestPractices.map((p) => `- ${escapeMarkdown(p)}`).join('\n')}`, `## The reference's prevention tips\n\n${catalog.preventionTips.map((p) => `- ${escapeMarkdown(p)}`).join('\n')}`] : []),
  ].join('\n\n');
}

/** The card as plain text, for terminals. */
export function renderCardText(entry: ErrorEntry, catalog: Catalog = defaultCatalog): string {
  const action = catalog.action(entry.action);
  const endpoints = entry.endpoints.map((e) => `${e.path}${e.http !== undefined ? ` (${e.http})` : ''}`).join(', ');
  return [
    entry.code,
    `  category  ${entry.category}`,
    `  action    ${entry.action}: ${action.guidance}`,
    `  field     ${entry.fields.join(', ')}${entry.http !== undefined ? `; HTTP ${entry.http}` : ''}`,
    ...(endpoints ? [`  endpoints ${endpoints}`] : []),
    ...(entry.reference ? [`  reference ${entry.message}`, `  solution  ${entry.solution ?? ''}  (the reference's)`] : [`  meaning   ${entry.message}  (per TikTok's pages)`]),
    `  sources   ${[...(entry.reference ? ['the reference'] : []), ...entry.documentedBy.map((s) => s.title.replace(/^TikTok for Developers: /, ''))].join('; ') || 'none'}`,
    ...(entry.note ? [`  note      ${entry.note}`] : []),
  ].join('\n');
}
